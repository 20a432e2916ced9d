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

  const platformSlack = (url: string) =>
    form({ scope: 'platform', kind: 'slack', label: 'S', url });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'address 169.254.169.254 is link-local'],
    ['http://localhost:22/', 'host name localhost means this machine'],
    ['http://2130706433/', 'address 127.0.0.1 is loopback'],
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

  it('refuses a platform-wide target whose host resolves to any address not public, naming the host only', async () => {
    const checked = await checkAddTargetForm(
      platformSlack('https://hooks.example.com/T0/B0/secret-path'),
      secret,
      true,
      publicOnly({ 'hooks.example.com': ['93.184.216.34', '10.0.0.5'] }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        url: 'Not allowed: host name hooks.example.com resolves to an address that is not public. Alerts go only to receivers on the public internet.',
      },
    });
    expect(JSON.stringify(checked)).not.toContain('secret-path');
  });

  it('refuses a platform-wide target whose host does not resolve, in its own words', async () => {
    expect(
      await checkAddTargetForm(
        platformSlack('https://hooks.example.org/x'),
        secret,
        false,
        publicOnly({}),
      ),
    ).toEqual({
      ok: false,
      errors: {
        url: 'Not found: host name hooks.example.org does not resolve. Check the spelling of the host name.',
      },
    });
  });

  it("tells a partner's Admin the same whether a host name does not resolve or resolves to a private address", async () => {
    // Told apart, the answers would map which names the portal's own (private) DNS knows.
    const url = 'https://hooks.example.com/T0/B0/secret-path';
    const nowhere = publicOnly({});
    const inside = publicOnly({ 'hooks.example.com': ['10.0.0.5'] });
    const partly = publicOnly({ 'hooks.example.com': ['93.184.216.34', '10.0.0.5'] });
    const same = {
      ok: false,
      errors: {
        url: 'Not allowed: host name hooks.example.com is not a public host on the internet. Check the spelling of the host name: alerts go only to receivers on the public internet.',
      },
    };
    expect(await checkAddTargetForm(slack(url), secret, false, nowhere)).toEqual(same);
    expect(await checkAddTargetForm(slack(url), secret, false, inside)).toEqual(same);
    expect(await checkAddTargetForm(slack(url), secret, false, partly)).toEqual(same);
    // The operators' platform-wide targets keep the precise words: they run the deployment.
    const precise = [
      await checkAddTargetForm(platformSlack(url), secret, false, nowhere),
      await checkAddTargetForm(platformSlack(url), secret, false, inside),
    ];
    expect(precise.map((c) => (c.ok ? null : c.errors.url))).toEqual([
      'Not found: host name hooks.example.com does not resolve. Check the spelling of the host name.',
      'Not allowed: host name hooks.example.com resolves to an address that is not public. Alerts go only to receivers on the public internet.',
    ]);
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
    // A partner's: the DNS answer is not told apart from no answer at all.
    expect(await checkAddTargetForm(mail('mail.corp'), secret, false, vet)).toEqual({
      ok: false,
      errors: {
        smtpHost:
          'Not allowed: host name mail.corp is not a public host on the internet. Check the spelling of the host name: alerts go only to receivers on the public internet.',
      },
    });
    expect(await checkAddTargetForm(mail('smtp.nowhere.example'), secret, false, vet)).toEqual({
      ok: false,
      errors: {
        smtpHost:
          'Not allowed: host name smtp.nowhere.example is not a public host on the internet. Check the spelling of the host name: alerts go only to receivers on the public internet.',
      },
    });
  });
});
