import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionJwt, encodeSessionJwt } from './session-jwt';

const secret = 'a-session-secret-of-enough-length-for-the-test';
const token = { sub: 'oid-1', tid: 'tenant-1', roles: ['Admin'], sid: 'sid-1', authTime: 1 };

describe('session JWT codec with a kept key', () => {
  it("opens next-auth's own cookies, and next-auth opens its cookies", async () => {
    const theirs = await encode({ token, secret, maxAge: 3600 });
    expect(await decodeSessionJwt({ token: theirs, secret })).toMatchObject(token);
    const ours = await encodeSessionJwt({ token, secret, maxAge: 3600 });
    expect(await decode({ token: ours, secret })).toMatchObject(token);
    // Again: the second call uses the kept key and still agrees.
    expect(await decodeSessionJwt({ token: ours, secret })).toMatchObject(token);
  });

  it('refuses a cookie made with another secret or another salt', async () => {
    const ours = await encodeSessionJwt({ token, secret, maxAge: 3600 });
    await expect(decodeSessionJwt({ token: ours, secret: `${secret}-rotated` })).rejects.toThrow();
    await expect(decodeSessionJwt({ token: ours, secret, salt: 'other' })).rejects.toThrow();
    const salted = await encode({ token, secret, salt: 'other', maxAge: 3600 });
    expect(await decodeSessionJwt({ token: salted, secret, salt: 'other' })).toMatchObject(token);
  });

  it('refuses an expired cookie', async () => {
    const expired = await encodeSessionJwt({ token, secret, maxAge: -60 });
    await expect(decodeSessionJwt({ token: expired, secret })).rejects.toThrow();
  });
});
