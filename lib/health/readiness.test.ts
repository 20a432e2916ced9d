import { describe, expect, it } from 'vitest';
import { isReady } from './readiness';

describe('isReady', () => {
  it('is ready with a valid configuration, whatever the dependencies every instance shares say', async () => {
    expect(await isReady({ validateConfig: () => undefined })).toBe(true);
    expect(await isReady({ validateConfig: () => undefined, isCutOff: async () => false })).toBe(
      true,
    );
  });

  it('is not ready with an invalid configuration, and asks nothing more', async () => {
    let asked = false;
    expect(
      await isReady({
        validateConfig: () => {
          throw new Error('KEY_VAULT_URL is missing');
        },
        isCutOff: async () => {
          asked = true;
          return false;
        },
      }),
    ).toBe(false);
    expect(asked).toBe(false);
  });

  it('is not ready while cut off from a dependency another instance reaches; ready when that cannot be told', async () => {
    expect(await isReady({ validateConfig: () => undefined, isCutOff: async () => true })).toBe(
      false,
    );
    expect(
      await isReady({
        validateConfig: () => undefined,
        isCutOff: () => Promise.reject(new Error('the database is away')),
      }),
    ).toBe(true);
  });
});
