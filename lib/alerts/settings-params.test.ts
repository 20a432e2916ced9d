import { describe, expect, it } from 'vitest';
import { parseAlertSettingsParams } from './settings-params';

const target = '3f2b8c1e-7a4d-4e9b-9c1a-2b3c4d5e6f70';

describe("the alerts settings page's address", () => {
  it('reads each parameter of its shape', () => {
    const valid = {
      notice: 'test-sent',
      reason: 'http_500',
      target,
      remove: target,
      wait: '27',
      at: '1764800000000',
    };
    expect(parseAlertSettingsParams(valid)).toEqual(valid);
  });

  it('drops what is not of its shape instead of showing it or failing the page', () => {
    expect(
      parseAlertSettingsParams({
        notice: '<script>alert(1)</script>',
        reason: 'x'.repeat(41),
        target: 'not-a-uuid',
        remove: ['also', 'not'],
        wait: '-1',
        at: '1e3',
      }),
    ).toEqual({});
  });
});
