import { describe, expect, it } from 'vitest';
import { seal, unseal } from './sealing';

const secret = 'a-session-secret-of-at-least-32-characters-xyz';

describe('sealing target destinations', () => {
  it('round-trips, and never shows the plain text', () => {
    const sealed = seal('{"url":"https://hooks.example/abc"}', 'id-1', secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('hooks.example');
    expect(unseal(sealed, 'id-1', secret)).toBe('{"url":"https://hooks.example/abc"}');
  });

  it('refuses a value moved to another row, opened with another AUTH_SECRET, or altered', () => {
    const sealed = seal('plain', 'id-1', secret);
    expect(() => unseal(sealed, 'id-2', secret)).toThrow();
    expect(() => unseal(sealed, 'id-1', `${secret}-rotated`)).toThrow();
    const [v, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal(`${v}.${iv}.${flipped.toString('base64url')}`, 'id-1', secret)).toThrow();
  });

  // GCM verifies a tag cut short against the start of the real one: a forger needs 2^32 tries
  // for a 4-byte tag, not 2^128.
  it('refuses a tag cut short', () => {
    const [v, iv, body] = seal('', 'id-1', secret).split('.');
    const cut = Buffer.from(body!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => unseal(`${v}.${iv}.${cut}`, 'id-1', secret)).toThrow();
  });
});
