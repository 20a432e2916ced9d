import { describe, expect, it } from 'vitest';
import type { StoredAlert } from './engine';
import { alertMessage } from './messages';

const opened = Date.UTC(2026, 11, 5, 8, 0, 0);
const stored = (alert: Pick<StoredAlert, 'condition' | 'subject' | 'tenantId' | 'facts'>) =>
  ({
    ...alert,
    stage: 'open',
    severity: 'warning',
    firstSeenAt: opened,
    notifiedAt: opened,
    lastNotifiedAt: opened,
  }) as StoredAlert;

describe('alert messages', () => {
  it('write days as the pages do', () => {
    const message = alertMessage(
      stored({
        condition: 'app-credential-expiring',
        subject: 'app-credential',
        tenantId: null,
        facts: { credential: 'certificate', daysLeft: 6, expiresAt: '2026-12-11T09:30:00.000Z' },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(message.whatHappened).toContain('expires on 11 Dec 2026.');
    expect(message.title).toBe("The portal's certificate expires in 6 days");
  });

  it('name the instance cut off, how many others reach the dependency, and where to look', () => {
    const message = alertMessage(
      stored({
        condition: 'instance-cut-off',
        subject: 'keyVault@web-2/1',
        tenantId: null,
        facts: { dependency: 'Key Vault', instance: 'web-2/1', reachedBy: 2 },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(message.title).toBe('Portal instance web-2/1 cannot reach Key Vault');
    expect(message.whatHappened).toContain('while 2 other instances reached it');
    expect(message.link).toBe('https://portal.example/health');
  });

  // A newer release's condition (stored while both ran): describe() had no words for it and
  // returned nothing, so reading the title threw and the whole evaluation with it.
  it("never throw on a newer release's condition: they name it and point to the Health page", () => {
    const later = stored({
      condition: 'future-condition' as never,
      subject: 'keyVault',
      tenantId: null,
      facts: { written: 'by a newer release' },
    });
    for (const event of ['opened', 'reminder', 'recovered'] as const) {
      const message = alertMessage(later, event, 'https://portal.example', opened);
      expect(message.title).toContain('Alert condition "future-condition"');
      expect(message.link).toBe('https://portal.example/health');
    }
  });
});
