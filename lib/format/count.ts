/** One formatter for every call, as for times (`./time.ts`): `toLocaleString` builds one each time. */
const grouped = new Intl.NumberFormat('en-US');

/** A count with thousands separators: 47,496. */
export function formatCount(n: number): string {
  return grouped.format(n);
}
