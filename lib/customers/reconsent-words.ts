/**
 * What the customer pages and the customer API say to a person whose partner tenant has no
 * working grant, by why (never connected, or the stored consent stopped working) and whether
 * they are an Admin (the portal's role; the pages name it so everywhere), who can fix it: one copy for the page's prompt
 * (components/customers/status-notices.tsx) and the API's JSON (lib/customers/api.ts).
 */
export function reconsentPromptWords(
  reason: 'needs-reconsent' | 'not-connected',
  isAdmin: boolean,
): { title: string; cause: string; next: string } {
  const connect = reason === 'not-connected';
  return {
    title: connect ? 'Partner Center is not connected yet' : 'Partner Center needs consent again',
    cause: connect
      ? 'No Admin of this partner tenant has connected it to Partner Center yet, so there is no customer data to show.'
      : 'The stored consent for Partner Center no longer works (it expired after 90 days without use, or was revoked).',
    next: isAdmin
      ? 'As an Admin you can fix this in a minute on the onboarding page.'
      : `Ask an Admin of your partner tenant to ${connect ? 'connect' : 'reconnect'} it on the onboarding page; the customers appear here as soon as they have.`,
  };
}
