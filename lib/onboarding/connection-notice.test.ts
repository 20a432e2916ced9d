import { describe, expect, it } from 'vitest';
import { fixFor } from '@/lib/failure';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { unreadConnectionWords } from './connection-notice';

const lead = 'The portal cannot read the stored Partner Center connection from Key Vault.';

describe('unreadConnectionWords: the notice when the stored connection cannot be read', () => {
  const disabled = { code: 'vault_secret_disabled', ...vaultEntries.vault_secret_disabled };

  // "cannot read the stored connection. The stored connection is disabled" said it twice, and
  // "have one of the partner's admins connect" and "The partner's stored Partner Center
  // connection" spoke of the reader, who is one of them.
  it('a disabled stored version: its problem once, problem and fix addressed to the reader', () => {
    const yours = 'Your stored Partner Center connection is disabled in Key Vault.';
    expect(unreadConnectionWords(fixFor(disabled, 'operator'))).toBe(
      `${yours} Enable its current version in Key Vault, or re-consent in onboarding to store a new one.`,
    );
    expect(unreadConnectionWords(fixFor(disabled, 'partner'))).toBe(
      `${yours} Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.`,
    );
  });

  it('a problem that does not name the stored connection keeps the lead', () => {
    const refused = { code: 'vault_forbidden', ...vaultEntries.vault_forbidden };
    expect(unreadConnectionWords(refused)).toBe(`${lead} ${refused.problem} ${refused.fix}`);
  });

  it('a read that may pass: reload', () => {
    expect(
      unreadConnectionWords({ code: 'vault_unavailable', problem: 'Down.', action: 'retry' }),
    ).toContain('Reload the page to ask it again');
  });
});
