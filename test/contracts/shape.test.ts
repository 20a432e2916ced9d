import { describe, expect, it } from 'vitest';
import { shapeDifferences } from './fixtures';

/** The comparator itself must be able to fail, or the contract tests prove nothing. */
describe('shapeDifferences', () => {
  const doc = { code: '1002', items: [{ id: 'x', when: null }], links: { self: { uri: '/a' } } };
  it('accepts the same shape with other values', () => {
    expect(
      shapeDifferences(doc, {
        code: '20002',
        items: [
          { id: 'y', when: '2017-01-20T00:33:34Z' },
          { id: 'z', when: null },
        ],
        links: { self: { uri: '/b' } },
      }),
    ).toEqual([]);
  });
  it('names type, casing, nesting and extra-field drift', () => {
    expect(
      shapeDifferences(doc, { code: 1002, items: [], links: { self: { uri: '/a' } } }),
    ).toEqual(['code: expected string, got number']);
    expect(shapeDifferences(doc, { Code: '1', items: [], links: { self: { uri: '/a' } } })).toEqual(
      ['code: missing', 'Code: not in the documented example'],
    );
    expect(
      shapeDifferences(doc, { code: '1', items: [{ id: 'x', when: 5 }], links: { self: '/a' } }),
    ).toEqual([
      'items[].when: expected null or string, got number',
      'links.self: expected object, got string',
    ]);
    expect(
      shapeDifferences(doc, { code: '1', items: [], links: { self: { uri: '/a' } }, extra: 1 }, [
        'extra',
      ]),
    ).toEqual([]);
  });
});
