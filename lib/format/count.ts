/** One formatter for every call, as for times (`./time.ts`): `toLocaleString` builds one each time. */
const grouped = new Intl.NumberFormat('en-US');

/** A count with thousands separators: 47,496. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

const smallCounts = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A count in a sentence: words below ten ("two exports"), digits above (`formatCount`). */
export function countInWords(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < smallCounts.length ? smallCounts[n]! : formatCount(n);
}
