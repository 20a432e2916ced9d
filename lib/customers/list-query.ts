import { z } from 'zod';

/**
 * The query string of the customer and user lists: what to search, how many rows, and the
 * signed paging cursor. Parsed with zod from Next's `searchParams`; anything unusable falls
 * back to a default rather than failing the page (a hand-edited URL still shows a list).
 */

export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];
export const defaultPageSize: PageSize = 25;

/** URL names of the customer search fields, mapped to Partner Center's filter fields. */
export const customerSearchFields = { name: 'CompanyName', domain: 'Domain' } as const;
export type CustomerSearchField = keyof typeof customerSearchFields;

/** Next.js `searchParams` after awaiting. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export interface ListQuery {
  /** Trimmed prefix to search for; empty string = no search. */
  q: string;
  size: PageSize;
  cursor: string | undefined;
}

export interface CustomerListQuery extends ListQuery {
  field: CustomerSearchField;
}

/** The user list's query: prefix search over the walked list, page number, active or deleted users. */
export interface UserListQuery {
  q: string;
  field: 'name' | 'upn';
  size: PageSize;
  /** 1-based page of the search result (the list is walked and paged by the portal). */
  page: number;
  view: 'active' | 'deleted';
}

const maxPrefixLength = 100;

const prefixSchema = z
  .string()
  .transform((s) => s.trim())
  // Control characters never belong in a company name, domain or UPN prefix.
  .refine((s) => s.length <= maxPrefixLength && !/[\u0000-\u001f\u007f]/.test(s));
const sizeSchema = z.coerce.number().pipe(z.union(pageSizes.map((n) => z.literal(n))));
const customerFieldSchema = z.enum(['name', 'domain']);
const userFieldSchema = z.enum(['name', 'upn']);
const userPageSchema = z.coerce.number().int().min(1).max(1_000_000);
const userViewSchema = z.enum(['active', 'deleted']);
const cursorSchema = z
  .string()
  .min(1)
  .max(6_000)
  .regex(/^[A-Za-z0-9_.-]+$/);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Parses the list query shared by customers and users. */
export function parseListQuery(params: RawSearchParams): ListQuery {
  const q = prefixSchema.safeParse(first(params.q) ?? '');
  const size = sizeSchema.safeParse(first(params.size));
  const cursor = first(params.cursor);
  return {
    q: q.success ? q.data : '',
    size: size.success ? size.data : defaultPageSize,
    // A syntactically impossible cursor is kept so the page can say the link was bad.
    cursor: cursor === undefined || cursor === '' ? undefined : cursor,
  };
}

/** Parses the customer list query: the shared part plus which field the prefix searches. */
export function parseCustomerListQuery(params: RawSearchParams): CustomerListQuery {
  const field = customerFieldSchema.safeParse(first(params.field));
  return { ...parseListQuery(params), field: field.success ? field.data : 'name' };
}

/** Parses the user list query; unusable values fall back to defaults. */
export function parseUserListQuery(params: RawSearchParams): UserListQuery {
  const shared = parseListQuery(params);
  const field = userFieldSchema.safeParse(first(params.field));
  const page = userPageSchema.safeParse(first(params.page));
  const view = userViewSchema.safeParse(first(params.view));
  return {
    q: shared.q,
    size: shared.size,
    field: field.success ? field.data : 'name',
    page: page.success ? page.data : 1,
    view: view.success ? view.data : 'active',
  };
}

/** The href of a user list page; defaults are left out. */
export function userListHref(path: string, query: Partial<UserListQuery>, page: number): string {
  const search = new URLSearchParams();
  if (query.view === 'deleted') search.set('view', 'deleted');
  if (query.q) {
    if (query.field && query.field !== 'name') search.set('field', query.field);
    search.set('q', query.q);
  }
  if (query.size && query.size !== defaultPageSize) search.set('size', String(query.size));
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** True when a cursor value could have been produced by `encodeCursor` at all. */
export function isWellFormedCursor(cursor: string): boolean {
  return cursorSchema.safeParse(cursor).success;
}

/**
 * The href of a list page: the search survives, the cursor changes. Default values are left
 * out so that page 1 of an unfiltered list is just the path.
 */
export function listHref(
  path: string,
  query: Partial<ListQuery & { field: string }>,
  cursor: string | undefined,
): string {
  const search = new URLSearchParams();
  if (query.q) {
    if (query.field && query.field !== 'name') search.set('field', query.field);
    search.set('q', query.q);
  }
  if (query.size && query.size !== defaultPageSize) search.set('size', String(query.size));
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
