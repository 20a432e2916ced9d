import {
  jsonResponse,
  recordingFetch,
  type RecordedCall,
} from '@/test/support/partner-center-fetch';

/**
 * A minimal seek-paging collection server for client tests: offsets in an opaque
 * `MS-ContinuationToken`, `links.next` shaped as docs/contracts.md shows, optional BOM, optional
 * `starts_with` filter on one field. `linkStyle: 'unversioned'` emits `/customers?...` links
 * (without `/v1`) as real Partner Center has been seen to.
 */
export interface FakeCollectionOptions<T> {
  path: string;
  items: T[];
  filterField?: (item: T, field: string) => string | undefined;
  bom?: boolean;
  linkStyle?: 'versioned' | 'unversioned';
}

export function fakeCollectionServer<T>(options: FakeCollectionOptions<T>): {
  fetch: typeof fetch;
  calls: RecordedCall[];
} {
  return recordingFetch(({ url, headers }) => {
    if (url.pathname !== options.path)
      return jsonResponse({ code: 1000, description: 'Not found' }, { status: 404 });
    const size = Number(url.searchParams.get('size') ?? '500');
    const filterText = url.searchParams.get('filter');
    const filter = filterText ? (JSON.parse(filterText) as { Field: string; Value: string }) : null;
    const matching = filter
      ? options.items.filter((item) =>
          (options.filterField?.(item, filter.Field) ?? '')
            .toLowerCase()
            .startsWith(filter.Value.toLowerCase()),
        )
      : options.items;
    let offset = 0;
    if (url.searchParams.get('seekOperation') === 'Next') {
      const token = headers.get('MS-ContinuationToken');
      if (!token)
        return jsonResponse(
          { code: 400, description: 'Missing continuation token' },
          { status: 400 },
        );
      offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
    }
    const items = matching.slice(offset, offset + size);
    const nextOffset = offset + items.length;
    const linkPath =
      options.linkStyle === 'unversioned' ? options.path.replace(/^\/v1/, '') : options.path;
    const query = new URLSearchParams({
      size: String(size),
      ...(filterText ? { filter: filterText } : {}),
    });
    const links: Record<string, unknown> = {
      self: { uri: `${linkPath}?${query}`, method: 'GET', headers: [] },
    };
    if (nextOffset < matching.length) {
      links.next = {
        uri: `${linkPath}?${query}&seekOperation=Next`,
        method: 'GET',
        headers: [
          {
            key: 'MS-ContinuationToken',
            value: Buffer.from(String(nextOffset)).toString('base64url'),
          },
        ],
      };
    }
    const body = {
      totalCount: matching.length,
      items,
      links,
      attributes: { objectType: 'Collection' },
    };
    return jsonResponse(body, { bom: options.bom });
  });
}
