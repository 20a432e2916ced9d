import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectPanel } from '@/components/onboarding/connect-panel';

describe('the Connect step', () => {
  it('blocked by a failed pre-flight check, offers no link a keyboard could still follow', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: false, blocked: true }),
    );
    expect(html).toContain('Fix the failed pre-flight checks first');
    expect(html).toContain('Connect Partner Center');
    expect(html).not.toContain('href="/api/consent/start"');
    // Still announced as a disabled link (the e2e finds it by that role).
    expect(html).toMatch(/<a role="link" aria-disabled="true"[^>]*>Connect Partner Center<\/a>/);
  });

  it('control: not blocked, the button starts the consent', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: true, blocked: false }),
    );
    expect(html).toContain('href="/api/consent/start"');
    expect(html).toContain('Re-consent Partner Center');
  });
});
