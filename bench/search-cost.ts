/**
 * What a users-page search costs the server (prints, asserts nothing):
 *   npx tsx bench/search-cost.ts      (BENCH_SEARCH_USERS=100000, BENCH_SEARCH_MEMORY_USERS=250000)
 * Over one synthetic walked list (ASCII and accented names, some stored decomposed, some
 * full-width or with the "ﬁ" ligature, UPNs in either case), times a first search and then 50
 * searches by other prefixes, name and UPN, with the search as it was before the keys were kept
 * (normalising every user's text and the query once per user; copied below) and with
 * `searchUsers` as it is, in the same run. Then the heap the kept keys take for a list of
 * 250,000 such users searched by both fields. Re-executes itself once with `--expose-gc` (for
 * the heap figures) and the `react-server` condition (lib modules import `server-only`).
 */
import { spawnSync } from 'node:child_process';
import type { CustomerUser } from '../lib/partner-center';
import { median } from './support/load';

const needed = ['--expose-gc', '--conditions=react-server'].filter(
  (flag) => !process.execArgv.includes(flag),
);
if (needed.length > 0) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...needed, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(child.status ?? 1);
}

// Imported only now: in the first process the `server-only` marker would throw.
const { searchUsers } = await import('../lib/customers/user-directory');

type Search = { field: 'name' | 'upn'; q: string };

const listSize = Number(process.env.BENCH_SEARCH_USERS ?? 100_000);
const memorySize = Number(process.env.BENCH_SEARCH_MEMORY_USERS ?? 250_000);
const pageSize = 25;

const firstNames = [
  'Adele',
  'Alex',
  'José',
  'Zoë',
  'Renée',
  'Françoise',
  'Jürgen',
  'Øystein',
  'Łukasz',
  'Mia',
  'Ana',
  'Søren',
  'Chloé',
  'Ærin',
  'Miguel',
  'Noémie',
  'Grant',
  'Irène',
  'Hélène',
  'Björn',
];
const lastNames = [
  'Vance',
  'Wilber',
  'Álvarez',
  'Müller',
  'Núñez',
  'Ødegård',
  'Nowak',
  'Hill',
  'Dvořák',
  'García',
  'Lefèvre',
  'Smith',
  'Åström',
  'Ruiz',
  'Çelik',
  'Grünewald',
  'Papadopoulos',
  'Lee',
];
const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** `n` users as Partner Center's JSON would give them (flat strings, as JSON.parse makes). */
function syntheticUsers(n: number): CustomerUser[] {
  const users = Array.from({ length: n }, (_, i) => {
    const first = firstNames[i % firstNames.length]!;
    const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length]!;
    let displayName = `${first} ${last} ${i}`;
    if (i % 5 === 0) displayName = displayName.normalize('NFD'); // macOS, sync tools
    if (i % 97 === 0) displayName = `Bench Of${'\uFB01'}ce ${i}`; // "ﬁ" pasted from a document
    if (i % 101 === 0) displayName = `\uFF2A\uFF4F\uFF53\uFF45 ${i}`; // full-width, from an IME
    const mailbox = `${ascii(first)}.${ascii(last)}${i}@contoso${i % 7}.onmicrosoft.com`;
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName,
      userPrincipalName: i % 2 === 0 ? mailbox.toLowerCase() : mailbox,
      firstName: first,
      lastName: last,
      state: 'active',
      userDomainType: 'managed',
      lastDirectorySyncTime: null,
      usageLocation: 'US',
      phoneNumber: null,
      softDeletionTime: null,
    };
  });
  return JSON.parse(JSON.stringify(users)) as CustomerUser[];
}

/** The search before its keys were kept: every user's text and the query normalised per user. */
function searchBefore(users: readonly CustomerUser[], search: Search, page: number, size: number) {
  const searchKey = (text: string) => text.normalize('NFKC').toLowerCase();
  const matches = (user: CustomerUser) =>
    searchKey(search.field === 'upn' ? user.userPrincipalName : user.displayName).startsWith(
      searchKey(search.q.trim()),
    );
  const matching = search.q.trim() ? users.filter(matches) : users;
  const pageCount = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(Math.max(1, page), pageCount);
  return { items: matching.slice((current - 1) * size, current * size), matches: matching.length };
}

/** 50 searches: short and longer prefixes, accented ones typed composed, UPNs, padded ones. */
const searches: Search[] = Array.from({ length: 50 }, (_, i) => {
  const first = firstNames[(i * 7) % firstNames.length]!;
  const last = lastNames[(i * 5) % lastNames.length]!;
  if (i % 5 === 4)
    return {
      field: 'upn',
      q: ascii(first)
        .slice(0, 1 + (i % 4))
        .toLowerCase(),
    };
  if (i % 5 === 3) return { field: 'name', q: ` ${first.toUpperCase()} ${last.slice(0, 2)} ` };
  return { field: 'name', q: first.slice(0, 1 + (i % 6)) };
});

type SearchFn = (
  users: readonly CustomerUser[],
  search: Search,
  page: number,
  size: number,
) => {
  matches: number;
};

/** Ms of a first search over a list not searched before, then the median and mean of the 50. */
function time(search: SearchFn, users: readonly CustomerUser[]) {
  const list = users.slice(); // a list this run has not searched yet, as after a walk
  let started = performance.now();
  let found = search(list, { field: 'name', q: 'Jos' }, 1, pageSize).matches;
  const firstMs = performance.now() - started;
  const each: number[] = [];
  for (const [i, s] of searches.entries()) {
    started = performance.now();
    found += search(list, s, 1 + (i % 3), pageSize).matches;
    each.push(performance.now() - started);
  }
  const meanMs = each.reduce((sum, ms) => sum + ms, 0) / each.length;
  return { firstMs, medianMs: median(each), meanMs, found };
}

const users = syntheticUsers(listSize);
// Warm both up (JIT) on a small list first.
const warm = users.slice(0, 2_000);
for (let i = 0; i < 5; i++) [searchBefore, searchUsers].forEach((fn) => time(fn, warm));

console.log(`User search over ${listSize.toLocaleString('en')} users, ms of CPU per search`);
console.log('(the 50 include the first search by UPN, which computes the UPN keys)');
console.log('round  first: before  after   50 more, median: before  after   mean: before  after');
for (let round = 1; round <= 3; round++) {
  const before = time(searchBefore, users);
  const after = time(searchUsers, users);
  if (before.found !== after.found) throw new Error(`round ${round}: the matches differ`);
  const ms = (value: number, width: number) => value.toFixed(1).padStart(width);
  console.log(
    String(round).padStart(5),
    ms(before.firstMs, 14),
    ms(after.firstMs, 6),
    ms(before.medianMs, 24),
    ms(after.medianMs, 6),
    ms(before.meanMs, 14),
    ms(after.meanMs, 6),
    `  ${(before.medianMs / after.medianMs).toFixed(0)}x (median)`,
  );
}

/** heapUsed after two full collections (MB). */
function heapMb(): number {
  globalThis.gc!();
  globalThis.gc!();
  return process.memoryUsage().heapUsed / 1e6;
}

const empty = heapMb();
const big = syntheticUsers(memorySize);
const withList = heapMb();
searchUsers(big, { field: 'name', q: 'a' }, 1, pageSize);
const withNameKeys = heapMb();
searchUsers(big, { field: 'upn', q: 'a' }, 1, pageSize);
const withBothKeys = heapMb();
const perUser = (mb: number) => ((mb * 1e6) / memorySize).toFixed(0);
console.log(`\nHeap for ${memorySize.toLocaleString('en')} users:`);
console.log(`  the list itself        ${(withList - empty).toFixed(1)} MB`);
console.log(
  `  + name keys            ${(withNameKeys - withList).toFixed(1)} MB (${perUser(withNameKeys - withList)} bytes a user)`,
);
console.log(
  `  + UPN keys             ${(withBothKeys - withNameKeys).toFixed(1)} MB (${perUser(withBothKeys - withNameKeys)} bytes a user)`,
);
console.log(`  keys of both fields    ${(withBothKeys - withList).toFixed(1)} MB`);
// Keeps the list (and so its keys) alive until the figures are taken.
if (big.length !== memorySize) throw new Error('unreachable');
