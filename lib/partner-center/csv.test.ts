import { describe, expect, it } from 'vitest';
import { createPartnerCenterClient } from './client';
import { csvCell, customerUsersCsv, customerUsersCsvHeader } from './csv';
import { DownloadIdleError } from '@/lib/downloads/idle';
import type { CustomerUser } from './dto';
import type { PartnerCenterClock } from './retry';
import { fakeClock, jsonResponse } from '@/test/support/partner-center-fetch';
import { fakeCollectionServer } from './fake-partner-center.test-support';
import { guidFor, wireUser } from '@/test/support/partner-center-fixtures';

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['', ''],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1 555', '"\'+1 555"'],
    ['-2', '"\'-2"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    [' padded', '" padded"'],
    ['Zoë Ådahl', '"Zoë Ådahl"'],
    // Excel splits on ';' in de-DE, fr-FR, nl-NL: quoted, the formula stays inside the cell.
    ["Smith;=2+5+cmd|' /C calc'!A0", `"Smith;=2+5+cmd|' /C calc'!A0"`],
    ['tab\tinside', '"tab\tinside"'],
  ])('escapes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

/** Minimal RFC 4180 parser, enough to check round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('customerUsersCsv', () => {
  const customerId = guidFor(9);
  const users = Array.from({ length: 5 }, (_, i) =>
    wireUser(i + 1, i === 2 ? 'Eve, "the" =1+1' : `User ${i + 1}`),
  );

  function setup() {
    const server = fakeCollectionServer({
      path: `/v1/customers/${customerId}/users`,
      items: users,
      bom: true,
    });
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test',
      getAccessToken: async () => 't',
      fetch: server.fetch,
      clock: fakeClock(),
    });
    return { client, calls: server.calls };
  }

  it('pulls pages lazily: Partner Center is called only as the stream is read', async () => {
    const { client, calls } = setup();
    const reader = customerUsersCsv(client, customerId, { pageSize: 2 }).getReader();
    await Promise.resolve();
    expect(calls).toHaveLength(0);
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe(customerUsersCsvHeader);
    expect(calls).toHaveLength(0);
    await reader.read();
    expect(calls).toHaveLength(1);
    await reader.read();
    expect(calls).toHaveLength(2);
    await reader.cancel();
    expect(calls).toHaveLength(2);
  });

  it('contains every user exactly once, escaped, after a header row', async () => {
    const { client, calls } = setup();
    const text = await new Response(client.customerUsersCsv(customerId)).text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(parseCsv(customerUsersCsvHeader)[0]);
    const upns = rows.slice(1).map((r) => r[1]);
    expect(upns).toEqual(users.map((u) => u.userPrincipalName));
    expect(rows[3]![0]).toBe('Eve, "the" =1+1');
    expect(calls).toHaveLength(1); // default page size 500 covers the 5 users
  });

  it('starts with a UTF-8 byte-order mark and says what the screen says', async () => {
    const { client } = setup();
    const bytes = new Uint8Array(
      await new Response(client.customerUsersCsv(customerId)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const column = (name: string) => rows[0]!.indexOf(name);
    // User 1 synced, user 2 never did (fixtures): the screen says a date or "Not synced", never blank.
    expect(rows[1]![column('State')]).toBe('Active');
    expect(rows[1]![column('User type')]).toBe('Cloud (managed)');
    expect(rows[1]![column('Last directory sync')]).toBe('1 Jan 2026, 00:00 UTC');
    expect(rows[2]![column('Last directory sync')]).toBe('Not synced');
  });

  it("exports only the users the list's search keeps", async () => {
    const { client } = setup();
    const text = await new Response(
      client.customerUsersCsv(customerId, { include: (u) => u.displayName.startsWith('User 4') }),
    ).text();
    expect(
      parseCsv(text)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['User 4']);
  });
});

describe('customerUsersCsv with a user Partner Center sent without a state or user type', () => {
  it('leaves those cells empty instead of saying "Active" and "Not set"', async () => {
    const customerId = guidFor(9);
    const { state: _state, userDomainType: _type, ...bare } = wireUser(2, 'Megan Bowen');
    const rows = await exportedRows(customerId, [
      { ...wireUser(1, 'Adele Vance'), userDomainType: 'none' },
      bare,
    ]);
    const column = (name: string) => rows[0]!.indexOf(name);
    expect(rows.slice(1).map((r) => [r[column('State')], r[column('User type')]])).toEqual([
      ['Active', 'Not set'],
      ['', ''],
    ]);
  });
});

describe('customerUsersCsv with a user Partner Center sent without a principal name', () => {
  it('exports that user with an empty UPN cell instead of failing the download', async () => {
    const customerId = guidFor(9);
    const { userPrincipalName: _upn, ...withoutUpn } = wireUser(2, 'Megan Bowen');
    const rows = await exportedRows(customerId, [
      wireUser(1, 'Adele Vance'),
      withoutUpn,
      wireUser(3, 'Lee Gu'),
    ]);
    const column = (name: string) => rows[0]!.indexOf(name);
    expect(
      rows.slice(1).map((r) => [r[column('Display name')], r[column('User principal name')]]),
    ).toEqual([
      ['Adele Vance', 'user1@contoso.onmicrosoft.com'],
      ['Megan Bowen', ''],
      ['Lee Gu', 'user3@contoso.onmicrosoft.com'],
    ]);
    expect(rows[2]![column('User id')]).toBe(withoutUpn.id);
  });
});

/**
 * A Partner Center that takes `pageMs` per page on a played clock (an attempt whose timeout is
 * shorter times out after it), and answers the calls in `throttled` with a 429 asking 57 s.
 * Records when each attempt started and the timeout it was given.
 */
function timedPartnerCenter(options: { users: number; pageMs: number; throttled?: number[] }) {
  const startedAt = Date.parse('2026-01-06T12:00:00Z');
  let now = startedAt;
  const attempts: { at: number; timeoutMs: number }[] = [];
  const server = fakeCollectionServer({
    path: `/v1/customers/${guidFor(9)}/users`,
    items: Array.from({ length: options.users }, (_, i) => wireUser(i + 1, `User ${i + 1}`)),
  });
  const clock: PartnerCenterClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    timeout: (ms) => {
      attempts.push({ at: now, timeoutMs: ms });
      return new AbortController().signal;
    },
  };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const { timeoutMs } = attempts.at(-1)!;
    if (timeoutMs < options.pageMs) {
      now += timeoutMs;
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }
    now += options.pageMs;
    if (options.throttled?.includes(attempts.length))
      return jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        { status: 429, headers: { 'Retry-After': '57' } },
      );
    return server.fetch(input, init);
  }) as typeof globalThis.fetch;
  const client = createPartnerCenterClient({
    baseUrl: 'https://pc.test',
    getAccessToken: async () => 't',
    fetch,
    clock,
  });
  return { client, clock, attempts };
}

/** The chunks a download sends, and how it ended. */
async function download(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for (;;) {
    try {
      const { done, value } = await reader.read();
      if (done) return { chunks, error: null };
      chunks.push(decoder.decode(value));
    } catch (error) {
      return { chunks, error };
    }
  }
}

// Azure's front end cuts a response that sends nothing for 230 s: a search whose next match is
// many pages away must stop as the portal's own error before that, not be cut mid-download.
describe('customerUsersCsv with a search that matches nobody for many pages', () => {
  const budget = 220_000;
  const onlyUser1 = (user: CustomerUser) => user.displayName === 'User 1';

  it.each([
    ['pages of 3 s each', { pageMs: 3_000 }],
    ['a 57 s Retry-After, then pages of 2 s', { pageMs: 2_000, throttled: [3] }],
  ])('stays silent no longer than its budget over %s', async (_name, timing) => {
    const { client, clock, attempts } = timedPartnerCenter({ users: 500, ...timing });
    const csv = customerUsersCsv(client, guidFor(9), {
      pageSize: 1,
      include: onlyUser1,
      silenceBudgetMs: budget,
      now: clock.now,
    });
    const reader = csv.getReader();
    await reader.read(); // the header
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('User 1');
    const silentFrom = clock.now();
    const stopped = await reader.read().then(
      () => null,
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(DownloadIdleError);
    expect(clock.now() - silentFrom).toBeLessThanOrEqual(budget);
    // Every attempt ends within what was left of the silence.
    for (const { at, timeoutMs } of attempts.filter(({ at }) => at >= silentFrom))
      expect(at + timeoutMs).toBeLessThanOrEqual(silentFrom + budget);
  });

  it('counts the silence from the last rows sent, so a long export of matches runs on', async () => {
    const { client, clock } = timedPartnerCenter({ users: 150, pageMs: 3_000 });
    const { chunks, error } = await download(
      customerUsersCsv(client, guidFor(9), {
        pageSize: 1,
        include: (user) => Number(user.displayName.slice(5)) % 10 === 1,
        silenceBudgetMs: budget,
        now: clock.now,
      }),
    );
    expect(error).toBeNull();
    expect(chunks).toHaveLength(1 + 15);
    expect(clock.now() - Date.parse('2026-01-06T12:00:00Z')).toBe(150 * 3_000);
  });

  it("keeps Partner Center's own failure for a page given the whole budget", async () => {
    const { client, clock } = timedPartnerCenter({ users: 3, pageMs: 300_000 });
    const { error } = await download(
      customerUsersCsv(client, guidFor(9), {
        pageSize: 1,
        silenceBudgetMs: budget,
        now: clock.now,
      }),
    );
    expect(error).toMatchObject({
      code: 'unavailable',
      description: 'Partner Center did not answer in time',
    });
  });
});

/** The CSV rows (header first) a client exports for a customer whose one page of users is `items`. */
async function exportedRows(customerId: string, items: unknown[]): Promise<string[][]> {
  const server = fakeCollectionServer({ path: `/v1/customers/${customerId}/users`, items });
  const client = createPartnerCenterClient({
    baseUrl: 'https://pc.test',
    getAccessToken: async () => 't',
    fetch: server.fetch,
    clock: fakeClock(),
  });
  return parseCsv(await new Response(client.customerUsersCsv(customerId)).text());
}
