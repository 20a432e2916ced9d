import { describe, expect, it } from 'vitest';
import { isReady } from './readiness';

describe('isReady', () => {
  it('is ready with a valid configuration, whatever the dependencies every instance shares say', () => {
    expect(isReady({ validateConfig: () => undefined })).toBe(true);
  });

  it('is not ready with an invalid configuration', () => {
    expect(
      isReady({
        validateConfig: () => {
          throw new Error('KEY_VAULT_URL is missing');
        },
      }),
    ).toBe(false);
  });
});
