import { describe, expect, it } from 'vitest';
import { parseAlertSettingsParams } from './settings-params';

const target = '3f2b8c1e-7a4d-4e9b-9c1a-2b3c4d5e6f70';

describe("the alerts settings page's address", () => {
  it('reads each parameter of its shape', () => {
    const valid = { outcome: target, remove: target, notice: 'refused' };
    expect(parseAlertSettingsParams(valid)).toEqual(valid);
  });

  it('drops what is not of its shape instead of showing it or failing the page', () => {
    expect(
      parseAlertSettingsParams({
        outcome: 'not-an-id',
        remove: ['also', 'not'],
        notice: '<script>alert(1)</script>',
      }),
    ).toEqual({});
  });

  // A crafted link stated outcomes that never happened: "delivered", "disabled", tallies.
  it('reads no outcome from the address: only the opaque id, the removal question and the rule', () => {
    expect(
      parseAlertSettingsParams({
        notice: 'test-sent',
        target,
        at: String(Date.now()),
        reason: 'http_500',
        wait: '27',
        targets: 'none',
        raised: '3',
        delivered: '3',
      }),
    ).toEqual({});
  });
});
