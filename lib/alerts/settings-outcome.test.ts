import { describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import { rememberForOwner } from '@/lib/onboarding/flash-store';
import { alertSettingsOutcomeAddress, recallAlertSettingsOutcome } from './settings-outcome';

// One process's outcome store instead of the database's (the same contract, flash-store.test.ts).
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/onboarding/flash-store')>();
  const store = original.createMemoryOutcomeStore();
  return {
    ...original,
    rememberForOwner: (...args: Parameters<typeof store.remember>) => store.remember(...args),
    recallForOwner: (...args: Parameters<typeof store.recall>) => store.recall(...args),
  };
});

const target = '3f2b8c1e-7a4d-4e9b-9c1a-2b3c4d5e6f70';
const admin: PortalUser = {
  tid: '11111111-1111-4111-8111-111111111111',
  oid: 'o-contoso',
  name: 'Contoso admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};
const idOf = (address: string) =>
  new URL(address, 'https://portal.example').searchParams.get('outcome')!;

describe("the alerts page's outcome of a press", () => {
  it('is read back once, by the Admin it was kept for, from the id the address carries', async () => {
    const outcome = {
      notice: 'evaluated',
      tally: { raised: 2, delivered: 1, failed: 1, owedDelivered: 0, owedFailed: 0 },
      hadTargets: true,
    } as const;
    const address = await alertSettingsOutcomeAddress(outcome, admin);
    expect(address).toMatch(/^\/settings\/alerts\?outcome=[0-9a-f-]{36}$/);
    expect(await recallAlertSettingsOutcome(idOf(address), { ...admin, oid: 'other' })).toBeNull();
    expect(await recallAlertSettingsOutcome(idOf(address), admin)).toEqual(outcome);
    expect(await recallAlertSettingsOutcome(idOf(address), admin)).toBeNull();
    for (const id of [undefined, '', '00000000-0000-4000-8000-000000000000'])
      expect(await recallAlertSettingsOutcome(id, admin)).toBeNull();
  });

  // The store is shared with onboarding, the health page and the users export: their values
  // under an id of theirs are not this page's to show, nor is anything not of an outcome's shape.
  it("shows nothing for another page's value, or one not of its shape", async () => {
    const removed = await rememberForOwner('connection-recheck', { notice: 'removed' }, admin);
    expect(await recallAlertSettingsOutcome(removed, admin)).toBeNull();
    for (const value of [
      { result: 'connected' },
      { notice: 'constructor' },
      { notice: 'test-sent', target: 'not-an-id', at: 1 },
      { notice: 'test-failed', target, reason: '<b>pw</b>', at: 1 },
      { notice: 'evaluated', tally: { raised: '1' }, hadTargets: true },
    ])
      expect(
        await recallAlertSettingsOutcome(
          await rememberForOwner('alert-settings', value, admin),
          admin,
        ),
      ).toBe(null);
    expect(
      await recallAlertSettingsOutcome(
        await rememberForOwner('alert-settings', { notice: 'test-sent', target, at: 1 }, admin),
        admin,
      ),
    ).toEqual({ notice: 'test-sent', target, at: 1 });
  });
});
