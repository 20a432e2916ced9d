import { describe, expect, it } from 'vitest';
import { parseAddTargetForm } from './settings-form';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const secret = 'x'.repeat(43);

describe('the add-target form', () => {
  it('makes a signed webhook target from a URL', () => {
    expect(
      parseAddTargetForm(
        form({
          scope: 'tenant',
          kind: 'webhook',
          label: ' Ops hook ',
          url: 'https://hooks.example/a',
        }),
        secret,
        false,
      ),
    ).toEqual({
      ok: true,
      value: {
        scope: 'tenant',
        label: 'Ops hook',
        destination: { kind: 'webhook', url: 'https://hooks.example/a', signingSecret: secret },
      },
    });
  });

  it('refuses http URLs outside the local profile, and says which field', () => {
    expect(
      parseAddTargetForm(
        form({ scope: 'tenant', kind: 'slack', label: 'S', url: 'http://hooks.example/a' }),
        secret,
        false,
      ),
    ).toEqual({ ok: false, errors: { url: 'must be an https URL' } });
    expect(
      parseAddTargetForm(
        form({ scope: 'tenant', kind: 'slack', label: 'S', url: 'http://127.0.0.1:9/a' }),
        secret,
        true,
      ),
    ).toMatchObject({ ok: true });
  });

  it('requires a name, a known kind and a known scope', () => {
    expect(
      parseAddTargetForm(
        form({ scope: 'tenant', kind: 'slack', label: '', url: 'https://h.example' }),
        secret,
        false,
      ),
    ).toEqual({ ok: false, errors: { label: 'Give the target a name.' } });
    expect(
      parseAddTargetForm(form({ scope: 'everyone', kind: 'fax', label: 'x' }), secret, false),
    ).toMatchObject({ ok: false, errors: { scope: expect.any(String), kind: expect.any(String) } });
  });

  it('parses e-mail recipients and refuses unencrypted SMTP outside the local profile', () => {
    const fields = {
      scope: 'platform',
      kind: 'email',
      label: 'Mail',
      smtpHost: 'smtp.example',
      smtpPort: '587',
      smtpSecurity: 'starttls',
      smtpUsername: 'u',
      smtpPassword: 'p',
      from: 'portal@example.com',
      to: 'a@example.com; b@example.com',
    };
    expect(parseAddTargetForm(form(fields), secret, false)).toMatchObject({
      ok: true,
      value: { destination: { kind: 'email', port: 587, to: ['a@example.com', 'b@example.com'] } },
    });
    expect(
      parseAddTargetForm(form({ ...fields, smtpSecurity: 'none' }), secret, false),
    ).toMatchObject({
      ok: false,
      errors: { smtpSecurity: expect.stringContaining('local profile') },
    });
    expect(
      parseAddTargetForm(form({ ...fields, to: 'not-an-address' }), secret, false),
    ).toMatchObject({ ok: false, errors: { to: 'must be an e-mail address' } });
  });
});
