import { describe, expect, it } from 'vitest';
import { addressLines, countryName, languageName } from './place';

const redmond = { lines: ['1 Microsoft Way'], city: 'Redmond', state: 'WA', postalCode: '98052' };

describe('places as people read them', () => {
  it('names languages with their code, and leaves an unknown code as it is', () => {
    expect(languageName('en')).toBe('English (en)');
    expect(languageName('en-US')).toBe('American English (en-US)');
    expect(languageName('de')).toBe('German (de)');
    expect(languageName('xx')).toBe('xx');
    expect(languageName('not a tag')).toBe('not a tag');
  });

  it('names countries by their code, and leaves anything else as given', () => {
    expect(countryName('US')).toBe('United States');
    expect(countryName('de')).toBe('Germany');
    expect(countryName('Germany')).toBe('Germany');
    expect(countryName('QQ')).toBe('QQ');
    expect(countryName('US', { withCode: true })).toBe('United States (US)');
    expect(countryName('us', { withCode: true })).toBe('United States (US)');
    expect(countryName('ZZ')).toBe('ZZ');
    expect(countryName('QQ', { withCode: true })).toBe('QQ');
  });

  it('writes the city line as the country does', () => {
    expect(addressLines({ ...redmond, country: 'US' })).toEqual([
      '1 Microsoft Way',
      'Redmond, WA 98052',
      'United States',
    ]);
    expect(
      addressLines({
        lines: ['Unter den Linden 1'],
        city: 'Berlin',
        state: null,
        postalCode: '10117',
        country: 'DE',
      }),
    ).toEqual(['Unter den Linden 1', '10117 Berlin', 'Germany']);
    expect(
      addressLines({
        lines: ['2 Kingdom St'],
        city: 'London',
        state: null,
        postalCode: 'W2 6BD',
        country: 'GB',
      }),
    ).toEqual(['2 Kingdom St', 'London', 'W2 6BD', 'United Kingdom']);
    expect(
      addressLines({
        lines: [],
        city: 'Toronto',
        state: 'ON',
        postalCode: 'M5V 3L9',
        country: 'CA',
      }),
    ).toEqual(['Toronto ON M5V 3L9', 'Canada']);
    // A state alone, no city or postal code: no stray comma.
    expect(
      addressLines({
        lines: ['Hauptstr. 1'],
        city: null,
        state: 'Bayern',
        postalCode: null,
        country: 'de',
      }),
    ).toEqual(['Hauptstr. 1', 'Bayern', 'Germany']);
    expect(
      addressLines({ lines: [], city: 'Toronto', state: 'ON', postalCode: null, country: null }),
    ).toEqual(['Toronto, ON']);
    expect(
      addressLines({ lines: [], city: null, state: null, postalCode: null, country: null }),
    ).toEqual([]);
  });
});
