import { expect, type APIRequestContext } from '@playwright/test';

/** One row of `/api/audit/export`, by the CSV's headings. */
export interface ExportedEvent {
  time: string;
  action: string;
  outcome: string;
  reason: string;
  tenant: string;
  actorUpn: string;
  actorOid: string;
  clientAddress: string;
  userAgent: string;
  correlationId: string;
  details: Record<string, unknown>;
  id: string;
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The events the reader of `request` may export, filtered like the page (`from` etc.). */
export async function exportedEvents(
  request: APIRequestContext,
  query: Record<string, string>,
): Promise<ExportedEvent[]> {
  const response = await request.get(`/api/audit/export?${new URLSearchParams(query).toString()}`);
  expect(response.status(), await response.text().catch(() => '')).toBe(200);
  const body = await response.body();
  // A byte-order mark first, so Excel reads accented names as UTF-8 (as the users export).
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [heading, ...rows] = parseCsv(body.subarray(3).toString('utf8'));
  expect(heading?.slice(0, 5)).toEqual([
    'Time (UTC)',
    'Action',
    'Outcome',
    'Reason',
    'Partner tenant',
  ]);
  return rows.map((r) => ({
    time: r[0] ?? '',
    action: r[1] ?? '',
    outcome: r[2] ?? '',
    reason: r[3] ?? '',
    tenant: r[4] ?? '',
    actorUpn: r[5] ?? '',
    actorOid: r[6] ?? '',
    correlationId: r[8] ?? '',
    clientAddress: r[9] ?? '',
    userAgent: r[10] ?? '',
    details: r[11] ? (JSON.parse(r[11]) as Record<string, unknown>) : {},
    id: r[12] ?? '',
  }));
}

/**
 * Waits until the audit trail holds an event matching `query` (events are written in the
 * background), then asserts there is exactly one and returns it.
 */
export async function exactlyOneEvent(
  request: APIRequestContext,
  query: Record<string, string>,
): Promise<ExportedEvent> {
  await expect
    .poll(async () => (await exportedEvents(request, query)).length, {
      message: `audit events ${JSON.stringify(query)}`,
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const events = await exportedEvents(request, query);
  expect(events, JSON.stringify(query)).toHaveLength(1);
  return events[0] as ExportedEvent;
}
