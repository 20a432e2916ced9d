import { addressedToOwnAdmin, type FailureView } from '@/lib/failure';
import { readMayPass } from './status';

/** What the notice says first when the stored connection could not be read for good. */
const unreadLead = 'The portal cannot read the stored Partner Center connection from Key Vault.';

/**
 * What /onboarding's connection notice says when Key Vault did not give the portal the stored
 * connection (`failure`, already worded for its reader by lib/failure's `fixFor`): reload, or
 * why not (`readMayPass`). A lasting refusal says what it is ("disabled in Key Vault") without
 * calling the state unknown first, and leads with what cannot be read only when its own
 * problem does not already name the stored connection: "cannot read the stored connection.
 * The stored connection is disabled" said it twice. Its problem and fix are addressed to the
 * reader, who is one of the tenant's own Admins (only they open onboarding): "The partner's
 * stored Partner Center connection" and "have one of the partner's admins connect Partner
 * Center again" named the reader in the third person.
 */
export function unreadConnectionWords(failure: FailureView): string {
  if (readMayPass(failure))
    return 'Whether Partner Center is connected is not known: Key Vault could not be read just now. Reload the page to ask it again; the health page shows whether Key Vault is answering.';
  const { problem, fix } = addressedToOwnAdmin(failure);
  const namesIt = /stored Partner Center connection/i.test(problem);
  return [namesIt ? undefined : unreadLead, problem, fix].filter(Boolean).join(' ');
}
