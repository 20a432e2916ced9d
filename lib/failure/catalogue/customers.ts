import { downloadsBusyWords } from '@/lib/downloads/kinds';
import type { FailureWords } from '../failure';

/**
 * What the customer pages and the customer API say to a sales agent. The fix is part of the
 * explanation here (one paragraph on the page), so these entries have no separate `fix`.
 * The status is the customer API's answer.
 */
export const customerEntries = {
  not_found: { problem: 'No such customer or user.', action: 'none', status: 404 },
  not_connected: {
    problem:
      'Partner Center is not connected for your partner tenant; an admin must consent on /onboarding.',
    action: 'grant-consent',
    status: 409,
  },
  throttled: {
    title: 'Partner Center is busy',
    problem:
      'Partner Center asked the portal to slow down: it limits how often each partner may ask. Wait a minute and try again.',
    action: 'retry',
    status: 503,
  },
  unavailable: {
    title: 'Partner Center is not answering',
    problem:
      'Partner Center could not be reached or failed several times in a row. This is usually brief; try again shortly.',
    action: 'retry',
    status: 502,
  },
  repeated_page_link: {
    title: 'Partner Center repeated a page link',
    problem:
      'Partner Center sent a link to a page the portal had already read, so the list stopped rather than read the same pages for ever. This is on Partner Center\u2019s side; try again later.',
    action: 'retry',
    status: 502,
  },
  malformed_response: {
    title: 'Partner Center sent something the portal could not read',
    problem:
      'The answer did not have the expected shape, so nothing is shown rather than something wrong.',
    action: 'retry',
    status: 502,
  },
  unauthorized: {
    title: 'Partner Center did not accept the portal\u2019s sign-in',
    problem:
      'The access token was refused. If this keeps happening, a partner admin should re-consent on the onboarding page.',
    action: 're-consent',
    status: 502,
  },
  forbidden: {
    title: 'Partner Center refused access',
    problem: 'Your partner tenant has no relationship that allows reading this item.',
    action: 'none',
    status: 403,
  },
  bad_request: {
    title: 'Partner Center rejected the request',
    problem:
      'The request was not accepted (an outdated paging link can cause this). Start again from the first page.',
    action: 'retry',
    status: 400,
  },
  // Why a users export stopped after its download started (lib/customers/stopped-export.ts).
  too_many_pages: {
    title: 'Partner Center kept linking to more users',
    problem:
      'Partner Center still linked to more users after 1,000,000, so the export stopped rather than end short. This is on Partner Center\u2019s side; try again later.',
    action: 'retry',
    status: 502,
  },
  // A filtered export that read page after page without a match for as long as a download
  // may stay silent before the front end cuts it (lib/downloads/idle.ts).
  download_idle: {
    title: 'No user matching the search came in time',
    problem:
      'Partner Center\u2019s pages went on without a user matching the search for longer than a download may send nothing before its connection is cut, so the export stopped there. Export all users instead (every page read then adds to the file) and filter that file.',
    action: 'none',
    status: 504,
  },
  export_failed: {
    title: 'Something unexpected stopped it',
    problem:
      'The portal\u2019s log has what happened under the correlation ID below. Try again; if it happens again, give that ID to your administrator.',
    action: 'retry',
    status: 500,
  },
  exports_busy: {
    title: 'Your other exports are still running',
    problem: downloadsBusyWords('users-export'),
    action: 'retry',
    status: 429,
  },
  // The person's page views past their Partner Center calls a minute (lib/customers/person-budget.ts);
  // the translator words the budget and the wait.
  person_budget_spent: {
    title: 'You opened many pages in a short time',
    problem:
      'The portal asks Partner Center only so often a minute for one person: Partner Center limits how often your whole partner tenant may ask, and your colleagues share that. Try again in a minute.',
    action: 'retry',
    status: 429,
    transient: true,
  },
  // Token-service failures other than re-consent: the fix is not the sales agent's to make.
  configuration_error: {
    title: 'The portal cannot sign in to Partner Center',
    problem:
      'The portal\u2019s own Entra configuration was refused (for example an expired client secret). An administrator must fix the portal\u2019s settings.',
    action: 'fix-configuration',
    status: 502,
  },
  token_unavailable: {
    title: 'Partner Center access is briefly unavailable',
    problem:
      'The portal could not get an access token for Partner Center (Entra ID or Key Vault did not answer). Try again in a minute.',
    action: 'retry',
    status: 502,
  },
} satisfies Record<string, FailureWords>;

export type CustomerFailureCode = keyof typeof customerEntries;
