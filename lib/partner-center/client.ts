import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  toCustomerDetail,
  toCustomerSummary,
  toCustomerUser,
  toOrganizationProfile,
  type CustomerDetail,
  type CustomerSummary,
  type CustomerUser,
  type OrganizationProfile,
  type Page,
} from './dto';
import { PartnerCenterError } from './errors';
import { isGuid } from '@/lib/validation/guid';
import {
  apiUrl,
  decodeContinuation,
  encodeContinuation,
  seekPages,
  type ContinuationSource,
} from './paging';
import {
  defaultRetryPolicy,
  systemClock,
  walkPageRetryPolicy,
  type PartnerCenterClock,
  type RetryEvent,
  type RetryPolicy,
} from './retry';
import { send, type Transport } from './transport';
import {
  customerCollectionSchema,
  customerSchema,
  customerUserCollectionSchema,
  customerUserSchema,
  organizationProfileSchema,
  type WireCollection,
} from './wire';
import { customerUsersCsv } from './csv';

export interface PartnerCenterClientOptions {
  /** e.g. `https://api.partnercenter.microsoft.com` (config `partnerCenter.baseUrl`). */
  baseUrl: string;
  /** An access token for Partner Center; called per attempt, so a refreshed token is picked up. */
  getAccessToken: () => Promise<string>;
  /**
   * After Partner Center refused a token (401): a new one to send the call once more with, or
   * null when the refusal stands. Absent: a 401 is the answer.
   */
  replaceRejectedAccessToken?: (rejectedAccessToken: string) => Promise<string | null>;
  /** Ties every call of one user action together (`MS-CorrelationId`); a new GUID when omitted. */
  correlationId?: string;
  /** `X-Locale`, default `en-US`. */
  locale?: string;
  fetch?: typeof fetch;
  clock?: PartnerCenterClock;
  retry?: Partial<RetryPolicy>;
  /**
   * Overrides for the pages of server-side walks and exports (`customerPages`,
   * `customerUserPages`, `iterateCustomerUsers`, the CSV), on top of `retry` and
   * `walkPageRetryPolicy`.
   */
  walkRetry?: Partial<RetryPolicy>;
  /** Called before each retry (e.g. for a page's "Partner Center was busy"). */
  onRetry?: (event: RetryEvent) => void;
  /** `MS-RequestId` source; tests inject a predictable one. */
  newRequestId?: () => string;
}

export type CustomerSearch = { field: 'CompanyName' | 'Domain'; prefix: string };
/**
 * Which of a customer's users: the active ones (the plain collection) or the deleted ones
 * not yet purged (the only user filter Partner Center documents). It has no user search.
 */
export type UserView = 'active' | 'deleted';
const deletedUsersFilter = JSON.stringify({
  Field: 'UserState',
  Value: 'Inactive',
  Operator: 'equals',
});

export interface ListOptions<S> {
  /** 1..500; default 50. Ignored with a continuation token (the next link carries it). */
  size?: number;
  /** Customers: prefix search (`starts_with`, case-insensitive). Ignored with a continuation token. */
  search?: S;
  /** From the previous page; `null`/absent = first page. */
  continuationToken?: string | null;
  signal?: AbortSignal;
  /** This call's retries, told besides the client's `onRetry`. */
  onRetry?: (event: RetryEvent) => void;
}

export type PartnerCenterClient = ReturnType<typeof createPartnerCenterClient>;

/**
 * How one page is read: for a render, with a continuation token that came back from the
 * browser (bounded), or as a page of a server-side walk (`walk`: Partner Center's own next
 * link, the walk's timeouts and throttling waits).
 */
interface PageRead {
  source: ContinuationSource;
  filter?: string;
  /** A download's page: most time over its attempts and waits (see PartnerCenterRequest). */
  budgetMs?: number;
}

const pageSize = z.number().int().min(1).max(500);
const DEFAULT_PAGE_SIZE = 50;

/**
 * Most pages an export of a customer's users reads: 2,000 pages of 500 = 1,000,000 users, far
 * beyond any customer a sales agent exports, but an end: a Partner Center that kept sending
 * new next links could otherwise keep an export calling for ever. The export fails there, so
 * a file is never silently short.
 */
export const customerUserExportPageBound = 2_000;

/** A walk's page size: the most Partner Center serves in one page. */
const walkPageSize = 500;

/** Most users an export of a customer's users reads (`customerUserExportPageBound` pages). */
export const customerUserExportMaxUsers = customerUserExportPageBound * walkPageSize;

/**
 * A Partner Center client for one user action (one correlation id). Methods return DTOs;
 * failures are `PartnerCenterError`s, except errors of `getAccessToken`, which pass through.
 */
export function createPartnerCenterClient(options: PartnerCenterClientOptions) {
  const { baseUrl } = options;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const transport: Transport = {
    getAccessToken: options.getAccessToken,
    replaceRejectedAccessToken: options.replaceRejectedAccessToken,
    correlationId: options.correlationId ?? randomUUID(),
    locale: options.locale ?? 'en-US',
    fetch: options.fetch ?? globalThis.fetch,
    clock: options.clock ?? systemClock,
    retry,
    walkRetry: { ...retry, ...walkPageRetryPolicy, ...options.walkRetry },
    onRetry: options.onRetry,
    newRequestId: options.newRequestId ?? randomUUID,
  };
  const { correlationId } = transport;

  function requireGuid(value: string, what: string): void {
    // Checked before any call: an id from a URL must not reach Partner Center's path unvalidated.
    if (!isGuid(value)) {
      throw new PartnerCenterError({
        code: 'not_found',
        status: 404,
        description: `That is not a valid ${what} id`,
        requestId: null,
        correlationId,
      });
    }
  }

  async function listPage<W, D>(
    path: string,
    schema: z.ZodType<WireCollection<W>>,
    toDto: (wire: W) => D,
    opts: ListOptions<{ field: string; prefix: string }>,
    read: PageRead,
  ): Promise<Page<D>> {
    const { source, filter, budgetMs } = read;
    const target = opts.continuationToken
      ? decodeContinuation(opts.continuationToken, baseUrl, path, correlationId, source)
      : {
          url: apiUrl(baseUrl, path, {
            ...firstPageQuery(opts, correlationId),
            ...(filter ? { filter } : {}),
          }),
        };
    const pace = source === 'walk' ? 'walk' : 'interactive';
    const body = await send(transport, {
      ...target,
      schema,
      signal: opts.signal,
      pace,
      budgetMs,
      onRetry: opts.onRetry,
    });
    // `totalCount` is deliberately dropped: it counts this page's items, never the collection.
    return {
      items: body.items.map(toDto),
      continuationToken: encodeContinuation(body.links?.next),
      fetchedAt: new Date(transport.clock.now()).toISOString(),
    };
  }

  /** One page of a customer's users (the deleted ones with Partner Center's one user filter). */
  function listUsersPage(
    customerId: string,
    opts: Omit<ListOptions<never>, 'search'> & { view?: UserView },
    read: Omit<PageRead, 'filter'>,
  ): Promise<Page<CustomerUser>> {
    const filter = opts.view === 'deleted' ? deletedUsersFilter : undefined;
    const path = `/v1/customers/${customerId}/users`;
    return listPage(path, customerUserCollectionSchema, toCustomerUser, opts, { ...read, filter });
  }

  const client = {
    correlationId,

    /** One page of the partner's customers, optionally filtered by company name or domain prefix. */
    listCustomers(opts: ListOptions<CustomerSearch> = {}): Promise<Page<CustomerSummary>> {
      return listPage('/v1/customers', customerCollectionSchema, toCustomerSummary, opts, {
        source: 'browser',
      });
    },

    /** One customer with profile, billing contact and domains; `not_found` for an unknown or malformed id. */
    async getCustomer(
      customerId: string,
      opts: { signal?: AbortSignal } = {},
    ): Promise<CustomerDetail> {
      requireGuid(customerId, 'customer');
      const url = apiUrl(baseUrl, `/v1/customers/${customerId}`);
      return toCustomerDetail(
        await send(transport, { url, schema: customerSchema, signal: opts.signal }),
      );
    },

    /** One page of a customer's active users, or (`view: 'deleted'`) of its deleted users. */
    listCustomerUsers(
      customerId: string,
      opts: Omit<ListOptions<never>, 'search'> & { view?: UserView } = {},
    ): Promise<Page<CustomerUser>> {
      requireGuid(customerId, 'customer');
      return listUsersPage(customerId, opts, { source: 'browser' });
    },

    /** One user of a customer. */
    async getCustomerUser(
      customerId: string,
      userId: string,
      opts: { signal?: AbortSignal } = {},
    ): Promise<CustomerUser> {
      requireGuid(customerId, 'customer');
      requireGuid(userId, 'user');
      const url = apiUrl(baseUrl, `/v1/customers/${customerId}/users/${userId}`);
      return toCustomerUser(
        await send(transport, { url, schema: customerUserSchema, signal: opts.signal }),
      );
    },

    /**
     * Every page of the partner's customers (`seekPages`: a repeated next link fails), as a
     * server-side walk: walk timeouts (`walkRetry`), Partner Center's next links followed as
     * sent. Not served through the response cache (`cachingClient` wraps `listCustomers`
     * only): a walk of every page would fill the cache all partner tenants share and push out
     * their answers.
     */
    customerPages(
      opts: { size?: number; signal?: AbortSignal } = {},
    ): AsyncGenerator<Page<CustomerSummary>, void, undefined> {
      return seekPages(
        (continuationToken) =>
          listPage(
            '/v1/customers',
            customerCollectionSchema,
            toCustomerSummary,
            { size: opts.size ?? walkPageSize, continuationToken, signal: opts.signal },
            { source: 'walk' },
          ),
        correlationId,
      );
    },

    /**
     * Every page of a customer's active (or deleted) users, as a server-side walk like
     * `customerPages`. Lazy: a page is fetched only when the consumer asks for it.
     */
    customerUserPages(
      customerId: string,
      opts: {
        size?: number;
        signal?: AbortSignal;
        view?: UserView;
        /** Each page's retries (a walk says when Partner Center asked it to wait). */
        onRetry?: (event: RetryEvent) => void;
        /**
         * Most time the next page may take, asked as it starts (a download's: what is left
         * of its silence, lib/downloads/idle.ts).
         */
        pageBudgetMs?: () => number;
      } = {},
    ): AsyncGenerator<Page<CustomerUser>, void, undefined> {
      requireGuid(customerId, 'customer');
      return seekPages(
        (continuationToken) =>
          listUsersPage(
            customerId,
            {
              size: opts.size ?? walkPageSize,
              continuationToken,
              signal: opts.signal,
              view: opts.view,
              onRetry: opts.onRetry,
            },
            { source: 'walk', budgetMs: opts.pageBudgetMs?.() },
          ),
        correlationId,
      );
    },

    /**
     * Every user of a customer, one page per iteration (`customerUserPages`), so a streaming
     * export holds one page in memory at a time. Fails past `customerUserExportPageBound` pages.
     */
    async *iterateCustomerUsers(
      customerId: string,
      opts: {
        size?: number;
        signal?: AbortSignal;
        view?: UserView;
        pageBudgetMs?: () => number;
      } = {},
    ): AsyncGenerator<CustomerUser[], void, undefined> {
      let pages = 0;
      for await (const page of client.customerUserPages(customerId, opts)) {
        yield page.items;
        pages += 1;
        if (page.continuationToken !== null && pages >= customerUserExportPageBound) {
          throw new PartnerCenterError({
            code: 'malformed_response',
            pagingStop: 'too_many_pages',
            status: 0,
            description: `Partner Center still linked to more users after ${customerUserExportPageBound} pages; the list stopped rather than end short`,
            requestId: null,
            correlationId,
          });
        }
      }
    },

    /**
     * CSV of every user of a customer (or those `include` keeps) as a pull-based byte stream
     * (see `customerUsersCsv`); silent for at most `silenceBudgetMs` when given.
     */
    customerUsersCsv(
      customerId: string,
      options: { include?: (user: CustomerUser) => boolean; silenceBudgetMs?: number } = {},
    ): ReadableStream<Uint8Array> {
      requireGuid(customerId, 'customer');
      return customerUsersCsv(client, customerId, {
        ...options,
        now: () => transport.clock.now(),
      });
    },

    /** The partner's own organization profile: a cheap probe that the token and service work. */
    async getOrganizationProfile(
      opts: { signal?: AbortSignal } = {},
    ): Promise<OrganizationProfile> {
      const url = apiUrl(baseUrl, '/v1/profiles/organization');
      return toOrganizationProfile(
        await send(transport, { url, schema: organizationProfileSchema, signal: opts.signal }),
      );
    },
  };
  return client;
}

function firstPageQuery(
  opts: ListOptions<{ field: string; prefix: string }>,
  correlationId: string,
): Record<string, string | undefined> {
  const size = opts.size ?? DEFAULT_PAGE_SIZE;
  if (!pageSize.safeParse(size).success) {
    throw new PartnerCenterError({
      code: 'bad_request',
      status: 400,
      description: 'The page size must be between 1 and 500',
      requestId: null,
      correlationId,
    });
  }
  const prefix = opts.search?.prefix.trim();
  const filter =
    opts.search && prefix
      ? JSON.stringify({ Field: opts.search.field, Value: prefix, Operator: 'starts_with' })
      : undefined;
  return { size: String(size), filter };
}
