import { describe, expect, it } from 'vitest';
import { vetServer, vetUrl } from '@/lib/security/outbound-target';
import { checkAddTargetForm, parseAddTargetForm } from './settings-form';

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

describe('the add-target form, checked before saving', () => {
  const publicOnly = (table: Record<string, string[]>) => {
    const policy = {
      allowedPrivate: [],
      resolve: async (host: string) =>
        (table[host] ?? []).map((address) => ({ address, family: 4 as const })),
    };
    return {
      url: (url: string) => vetUrl(url, policy),
      server: (host: string, port: number) => vetServer(host, port, policy),
    };
  };
  const slack = (url: string) => form({ scope: 'tenant', kind: 'slack', label: 'S', url });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'address 169.254.169.254 is link-local'],
    ['http://localhost:22/', 'host name localhost means this machine'],
    ['http://2130706433/', 'address 127.0.0.1 is loopback'],
    [
      'https://hooks.example.com/T0/B0/secret-path',
      'host name hooks.example.com resolves to an address that is not public',
    ],
  ])('refuses %s on the URL field, in words without the path', async (url, reason) => {
    const checked = await checkAddTargetForm(
      slack(url),
      secret,
      true,
      publicOnly({ 'hooks.example.com': ['93.184.216.34', '10.0.0.5'] }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        url: `Not allowed: ${reason}. Alerts go only to receivers on the public internet.`,
      },
    });
    expect(JSON.stringify(checked)).not.toContain('secret-path');
  });

  it('refuses a host that does not resolve, in its own words', async () => {
    expect(
      await checkAddTargetForm(slack('https://hooks.example.org/x'), secret, false, publicOnly({})),
    ).toEqual({
      ok: false,
      errors: {
        url: 'Not found: host name hooks.example.org does not resolve. Check the spelling of the host name.',
      },
    });
  });

  it('accepts a host whose addresses are all public', async () => {
    expect(
      await checkAddTargetForm(
        slack('https://hooks.example.com/x'),
        secret,
        false,
        publicOnly({ 'hooks.example.com': ['93.184.216.34'] }),
      ),
    ).toMatchObject({ ok: true });
  });

  it("checks an e-mail target's SMTP server the same way, on its own field", async () => {
    const mail = (smtpHost: string) =>
      form({
        scope: 'tenant',
        kind: 'email',
        label: 'M',
        smtpHost,
        smtpPort: '587',
        from: 'a@example.com',
        to: 'b@example.com',
      });
    const vet = publicOnly({ 'smtp.example.com': ['93.184.216.35'], 'mail.corp': ['10.0.0.9'] });
    expect(await checkAddTargetForm(mail('smtp.example.com'), secret, false, vet)).toMatchObject({
      ok: true,
    });
    expect(await checkAddTargetForm(mail('169.254.169.254'), secret, false, vet)).toEqual({
      ok: false,
      errors: {
        smtpHost:
          'Not allowed: address 169.254.169.254 is link-local. Alerts go only to receivers on the public internet.',
      },
    });
    expect(await checkAddTargetForm(mail('mail.corp'), secret, false, vet)).toMatchObject({
      ok: false,
      errors: { smtpHost: expect.stringContaining('resolves to an address that is not public') },
    });
  });
});
