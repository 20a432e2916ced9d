import { describe, expect, it } from 'vitest';
import { readRefusedAccount, withRefusedAccount } from './refused-account';

const secret = 's'.repeat(40);
const now = Date.UTC(2026, 10, 30, 12);

function paramsOf(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'https://portal.test').searchParams);
}

describe('refused account on the refusal page', () => {
  it('round-trips the account that signed in', () => {
    const path = withRefusedAccount('/auth/no-access', 'norole@contoso.test', secret, now);
    expect(path.startsWith('/auth/no-access?account=norole%40contoso.test&')).toBe(true);
    expect(readRefusedAccount(paramsOf(path), secret, now + 60_000)).toBe('norole@contoso.test');
  });

  it('keeps an existing query', () => {
    expect(withRefusedAccount('/auth/not-enrolled?tenant=x', 'a@b.test', secret, now)).toMatch(
      /^\/auth\/not-enrolled\?tenant=x&account=/,
    );
  });

  it('refuses a changed account, another secret, a stale or future stamp, and garbage', () => {
    const params = paramsOf(
      withRefusedAccount('/auth/no-access', 'norole@contoso.test', secret, now),
    );
    expect(readRefusedAccount({ ...params, account: 'ceo@contoso.test' }, secret, now)).toBeNull();
    expect(readRefusedAccount(params, 't'.repeat(40), now)).toBeNull();
    expect(readRefusedAccount(params, secret, now + 10 * 60_000 + 1)).toBeNull();
    expect(readRefusedAccount(params, secret, now - 120_000)).toBeNull();
    expect(readRefusedAccount({ account: 'x@y.test' }, secret, now)).toBeNull();
    expect(
      readRefusedAccount({ account: ['a', 'b'], at: String(now), sig: params.sig }, secret, now),
    ).toBeNull();
    expect(readRefusedAccount({}, secret, now)).toBeNull();
  });

  it('leaves the path alone without an account', () => {
    expect(withRefusedAccount('/auth/mfa-required', undefined, secret, now)).toBe(
      '/auth/mfa-required',
    );
    expect(withRefusedAccount('/auth/mfa-required', '  ', secret, now)).toBe('/auth/mfa-required');
  });
});
