import { describe, expect, it } from 'vitest';
import { customerName } from './labels';

describe('customerName', () => {
  const id = 'c0ffee00-0000-4000-8000-000000000001';

  it('names a customer by its company name, else its domain, else its id: never by nothing', () => {
    expect(customerName({ id, companyName: 'Contoso', domain: 'contoso.test' })).toBe('Contoso');
    expect(customerName({ id, companyName: '', domain: 'contoso.test' })).toBe('contoso.test');
    expect(customerName({ id, companyName: '  ', domain: '' })).toBe(id);
  });
});
