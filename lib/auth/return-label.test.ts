import { describe, expect, it } from 'vitest';
import { returnPageLabel } from './return-label';

describe('returnPageLabel', () => {
  it('names the section of the return path, not the path', () => {
    expect(returnPageLabel('/customers')).toBe('Customers');
    expect(
      returnPageLabel('/customers/0f1e2d3c-0000-4000-8000-000000000001/users?view=deleted'),
    ).toBe('Customers');
    expect(returnPageLabel('/health#dependencies')).toBe('Health');
    expect(returnPageLabel('/onboarding/result')).toBe('Onboarding');
  });

  it('says nothing for the start page or an unknown path', () => {
    expect(returnPageLabel('/')).toBeNull();
    expect(returnPageLabel('/customersx')).toBeNull();
    expect(returnPageLabel('/api/health')).toBeNull();
  });
});
