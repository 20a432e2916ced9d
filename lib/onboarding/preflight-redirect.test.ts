import { describe, expect, it } from 'vitest';
import type { OnboardingPorts } from './ports';
import { checkRedirectUri, preflightNeedsAction } from './preflight';

const ports = (profile: 'local' | 'azure', publicUrl: string) =>
  ({ config: { profile, publicUrl } }) as unknown as OnboardingPorts;

describe('redirect URI pre-flight check', () => {
  it('asks for an action only while nothing shows the URI is registered', () => {
    const check = checkRedirectUri(ports('azure', 'https://portal.example.com'), false);
    expect(check).toMatchObject({ status: 'info', fix: expect.stringContaining('Add URI') });
    expect(check.summary).toContain('https://portal.example.com/api/consent/callback');
  });

  it('passes once a consent came back through it', () => {
    const check = checkRedirectUri(ports('azure', 'https://portal.example.com'), true);
    expect(check.status).toBe('pass');
    expect(check.fix).toBeUndefined();
  });

  it("passes in the local profile on localhost (the emulator's app lists it) but not on another host", () => {
    expect(checkRedirectUri(ports('local', 'http://localhost:3000'), false)).toMatchObject({
      status: 'pass',
    });
    expect(checkRedirectUri(ports('local', 'https://demo.example.com'), false)).toMatchObject({
      status: 'info',
    });
  });

  it('fails a non-HTTPS public URL that is not localhost, whatever else', () => {
    expect(checkRedirectUri(ports('azure', 'http://portal.example.com'), true)).toMatchObject({
      status: 'fail',
    });
  });
});

describe('preflightNeedsAction', () => {
  const check = (status: 'pass' | 'info' | 'warn' | 'fail', fix?: string) => ({
    id: 'key-vault' as const,
    title: 't',
    status,
    summary: 's',
    ...(fix ? { fix } : {}),
  });
  it('is true only when a check that did not pass names a fix', () => {
    expect(preflightNeedsAction([check('pass'), check('info')])).toBe(false);
    expect(preflightNeedsAction([check('pass'), check('info', 'Add the URI')])).toBe(true);
    expect(preflightNeedsAction([check('warn', 'Renew the secret')])).toBe(true);
    expect(preflightNeedsAction([])).toBe(false);
  });
});
