/**
 * Client-level Partner Center latency against the emulator at two partner sizes, so one can
 * see that page latency stays flat as the partner grows (seek paging, no materialisation):
 * first vs deep page of customers and of the big customer's users, and process memory
 * around a full streaming CSV export of that customer (this process's: the emulator runs in
 * it too, so the figure holds the emulator's side of the export; bench/pages.ts measures the
 * portal server's alone).
 *
 *   npx tsx bench/partner-center.ts [--scales 1000,20000] [--repeat 15]
 *
 * Prints a table; asserts nothing. Re-executes itself once with the emulator's CA trusted
 * (NODE_EXTRA_CA_CERTS is read only at start) and the `react-server` condition (lib modules
 * import `server-only`).
 */
import { parseArgs } from 'node:util';
import { benchTlsDir, rerunTrustingEmulator } from './support/in-process-run';
import { percentile } from './support/load';
import { bigCustomerName } from '../emulator/src/seed/customers';
import { mintPartnerCenterGrant, startTestEmulator } from '../test/support/emulator';
import type { PartnerCenterClient } from '../lib/partner-center/client';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1000,20000' },
    repeat: { type: 'string', default: '15' },
  },
});
const scales = values.scales.split(',').map(Number);
const repeat = Number(values.repeat);

rerunTrustingEmulator(benchTlsDir, { serverConditions: true });
// Imported only now: in the first process the `server-only` marker would throw.
const { createPartnerCenterClient } = await import('../lib/partner-center/client');
const { customerUsersCsv } = await import('../lib/partner-center/csv');

interface Row {
  scale: number;
  what: string;
  median: number;
  p95: number;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

/** Follows continuation tokens `hops` times and returns the token of the page reached. */
async function tokenAfter(
  list: (token: string | null) => Promise<{ continuationToken: string | null }>,
  hops: number,
): Promise<string | null> {
  let token: string | null = null;
  for (let i = 0; i < hops; i++) {
    const page = await list(token);
    if (!page.continuationToken) break;
    token = page.continuationToken;
  }
  return token;
}

async function measure(
  client: PartnerCenterClient,
  scale: number,
): Promise<{ rows: Row[]; memory: string }> {
  const rows: Row[] = [];
  const record = async (what: string, fn: () => Promise<unknown>) => {
    const samples = await timeIt(fn);
    rows.push({ scale, what, median: percentile(samples, 0.5), p95: percentile(samples, 0.95) });
  };
  const size = 100;
  await client.listCustomers({ size }); // warm-up: connection, token, code paths
  // Partner Center's totalCount is the page's item count, so the depth comes from the seed size.
  const deepHops = Math.max(1, Math.floor(scale / size) - 1);
  const deepCustomers = await tokenAfter(
    (t) => client.listCustomers({ size, continuationToken: t }),
    deepHops,
  );
  await record(`customers page 1 (size ${size})`, () => client.listCustomers({ size }));
  await record(`customers page ${deepHops + 1}`, () =>
    client.listCustomers({ continuationToken: deepCustomers }),
  );
  await record('customers search "con"', () =>
    client.listCustomers({ size, search: { field: 'CompanyName', prefix: 'con' } }),
  );

  const biggest = await findBigCustomer(client);
  const users = await client.listCustomerUsers(biggest, { size: 500 });
  const userHops = users.continuationToken ? 10 : 1;
  const deepUsers = await tokenAfter(
    (t) => client.listCustomerUsers(biggest, { size: 500, continuationToken: t }),
    userHops,
  );
  await record('users page 1 (size 500)', () => client.listCustomerUsers(biggest, { size: 500 }));
  await record(`users page ${userHops + 1}`, () =>
    client.listCustomerUsers(biggest, { continuationToken: deepUsers }),
  );

  const memory = await csvMemory(client, biggest);
  return { rows, memory };
}

/** The seed's customer with many users (50,000 when scaled), found the way an agent would: by name. */
async function findBigCustomer(client: PartnerCenterClient): Promise<string> {
  const page = await client.listCustomers({
    size: 5,
    search: { field: 'CompanyName', prefix: bigCustomerName },
  });
  const match = page.items.find((c) => c.companyName === bigCustomerName);
  if (!match) throw new Error(`the emulator has no customer named ${bigCustomerName}`);
  return match.id;
}

async function csvMemory(client: PartnerCenterClient, customerId: string): Promise<string> {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let lines = 0;
  const started = performance.now();
  const reader = customerUsersCsv(client, customerId).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const byte of chunk.value) if (byte === 0x0a) lines++;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const after = process.memoryUsage();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `CSV export of ${lines - 1} users in ${seconds}s: this process's rss (the emulator's included) ${mb(before.rss)} -> peak ${mb(peakRss)} -> ${mb(after.rss)}, heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}`;
}

const allRows: Row[] = [];
const memoryLines: string[] = [];
for (const scale of scales) {
  const emulator = await startTestEmulator({ tlsDir: benchTlsDir, scale });
  try {
    // The bench measures latency, not throttling: no rate limit (the emulator's default).
    await emulator.control('partnerCenter/throttle', { requestsPerMinute: null });
    const grant = await mintPartnerCenterGrant(
      emulator,
      'sales@contosopartner.onmicrosoft.com',
      'v2',
    );
    const client = createPartnerCenterClient({
      baseUrl: emulator.endpoints.partnerCenterUrl,
      getAccessToken: async () => grant.accessToken,
    });
    const { rows, memory } = await measure(client, scale);
    allRows.push(...rows);
    memoryLines.push(`scale ${scale}: ${memory}`);
  } finally {
    await emulator.close();
  }
}

console.log('\nPartner Center client latency (ms, against the in-process emulator)\n');
console.table(
  allRows.map((r) => ({
    customers: r.scale,
    request: r.what,
    median: r.median.toFixed(1),
    p95: r.p95.toFixed(1),
  })),
);
console.log(memoryLines.join('\n'));
