import type { CustomerUser } from './dto';
import { formatUtc } from '@/lib/format/time';
import { DownloadIdleError } from '@/lib/downloads/idle';
import { isPartnerCenterError } from './errors';
import { notSyncedLabel, userStateLabel, userTypeLabel } from './labels';

/**
 * CSV export of a customer's users. RFC 4180 quoting, CRLF line ends, and a guard against
 * formula injection (OWASP, "CSV Injection"): a cell a spreadsheet would evaluate (starting
 * with = + - @, tab or CR) gets a leading apostrophe, so a user named `=HYPERLINK(...)` stays
 * text, and every cell is quoted, so a spreadsheet whose list separator is not the comma
 * (Excel in de-DE, fr-FR or nl-NL splits on `;`) cannot cut `Smith;=cmd…` into a formula
 * cell. Values read as on the screen ("Active", "Cloud (managed)", "Never"); the file starts
 * with a UTF-8 byte-order mark so Excel reads accented names as UTF-8.
 */

type UserColumn = [heading: string, value: (user: CustomerUser) => string | null];

const COLUMNS: UserColumn[] = [
  ['Display name', (u) => u.displayName],
  ['User principal name', (u) => u.userPrincipalName],
  ['First name', (u) => u.firstName],
  ['Last name', (u) => u.lastName],
  // A value Partner Center did not send is an empty cell, as on the screen ("Not provided").
  ['State', (u) => u.state && userStateLabel(u.state)],
  ['User type', (u) => u.userDomainType && userTypeLabel(u.userDomainType)],
  ['Last directory sync', (u) => formatUtc(u.lastDirectorySyncTime, notSyncedLabel)],
  ['Usage location', (u) => u.usageLocation],
  ['User id', (u) => u.id],
];

/** One CSV cell: formula guard first, then always quoted (whatever separator the reader splits on). */
export function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${guarded.replaceAll('"', '""')}"`;
}

/** One CSV line (with its CRLF) from cell values. */
export function csvLine(values: (string | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** U+FEFF, encoded as EF BB BF: Excel's signal that the file is UTF-8. */
export const utf8ByteOrderMark = '\uFEFF';

export const customerUsersCsvHeader = csvLine(COLUMNS.map(([heading]) => heading));

export function customerUserCsvLine(user: CustomerUser): string {
  return csvLine(COLUMNS.map(([, value]) => value(user)));
}

interface UserPages {
  iterateCustomerUsers(
    customerId: string,
    opts?: { size?: number; signal?: AbortSignal; pageBudgetMs?: () => number },
  ): AsyncGenerator<CustomerUser[], void, undefined>;
}

/**
 * Every user of a customer (or those `include` keeps: the list's current search) as CSV bytes,
 * pulled page by page: the stream has no buffer (high-water mark 0), so Partner Center is asked
 * for the next page only when the consumer (the HTTP response) reads, and a slow or closed
 * download stops the paging. `silenceBudgetMs` bounds the time between two chunks, not one
 * page: a search may match nobody on page after page, so each page gets only what is left of
 * it since the consumer took the last chunk (lib/downloads/idle.ts). When pages without a row
 * have spent it, the download fails with `DownloadIdleError`: a Partner Center error would
 * blame Partner Center for pages it answered.
 */
export function customerUsersCsv(
  client: UserPages,
  customerId: string,
  options: {
    pageSize?: number;
    include?: (user: CustomerUser) => boolean;
    silenceBudgetMs?: number;
    /** The client's clock (its tests play time). */
    now?: () => number;
  } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const now = options.now ?? Date.now;
  const { silenceBudgetMs } = options;
  let pages: AsyncGenerator<CustomerUser[], void, undefined> | undefined;
  let headerSent = false;
  /** When the consumer last took a chunk (set by each pull). */
  let silentSince = now();
  const silenceLeft = () => (silenceBudgetMs ?? Infinity) - (now() - silentSince);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // The consumer took the last chunk (no buffer): from here on the download is silent.
        silentSince = now();
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(utf8ByteOrderMark + customerUsersCsvHeader));
          return;
        }
        pages ??= client.iterateCustomerUsers(customerId, {
          size: options.pageSize,
          signal: abort.signal,
          pageBudgetMs: silenceBudgetMs === undefined ? undefined : silenceLeft,
        });
        // Loop over empty pages: a pull that enqueues nothing would leave the reader waiting.
        for (let silentPages = 0; ; silentPages += 1) {
          if (silenceLeft() <= 0) throw new DownloadIdleError(silenceBudgetMs!);
          let next: IteratorResult<CustomerUser[], void>;
          try {
            next = await pages.next();
          } catch (error) {
            // Cut at the end of a silence earlier pages had used up: the silence stopped it.
            // A page given the whole budget keeps its own failure (Partner Center not answering).
            if (silentPages > 0 && silenceLeft() <= 0 && isPartnerCenterError(error))
              throw new DownloadIdleError(silenceBudgetMs!, { cause: error });
            throw error;
          }
          if (next.done) return controller.close();
          const users = options.include ? next.value.filter(options.include) : next.value;
          if (users.length > 0)
            return controller.enqueue(encoder.encode(users.map(customerUserCsvLine).join('')));
        }
      },
      async cancel(reason) {
        abort.abort(reason);
        await pages?.return(undefined).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
