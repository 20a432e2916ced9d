import { describe, expect, it } from 'vitest';
import { isGuid } from './guid';
import { guidSchema } from './schemas';

describe('GUID', () => {
  it('accepts any-version GUIDs in either case and nothing else', () => {
    expect(isGuid('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11')).toBe(true);
    expect(isGuid('8F0C6A52-3B8E-1A77-0D1B-1C2F6A4E0B11')).toBe(true);
    for (const bad of [
      '',
      '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b1',
      '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11 ',
      '{8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11}',
      '8f0c6a523b8e4a779d1b1c2f6a4e0b11',
      'g f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
    ]) {
      expect(isGuid(bad)).toBe(false);
    }
  });

  it('the schema says what is wrong without echoing the value', () => {
    const result = guidSchema.safeParse('not-a-guid');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a GUID');
    expect(JSON.stringify(result.error?.issues)).not.toContain('not-a-guid');
  });
});
