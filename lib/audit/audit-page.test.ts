import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';

/** /audit as the server renders it: its Export CSV is offered only beside a page of the trail. */

const contoso = '11111111-1111-4111-8111-111111111111';

vi.mock('@/lib/audit/reader', () => ({
  requireAuditReader: async () => ({ scope: { kind: 'tenant', tenantId: contoso } }),
  describeScope: () => 'your partner tenant',
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);

let database: PortalDatabase;

async function render(query: Record<string, string> = {}): Promise<string> {
  const { default: AuditPage } = await import('@/app/audit/(list)/page');
  return renderToStaticMarkup(await AuditPage({ searchParams: Promise.resolve(query) }));
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  testDatabase.down = false;
});

describe('/audit', () => {
  it('offers the export of what the filter shows', async () => {
    const html = await render({ outcome: 'failure' });
    expect(html).toContain('href="/api/audit/export?outcome=failure"');
    expect(html).toContain('Export CSV');
    // The outcomes read as words, as the portal's other badges and choices do.
    expect(html).toContain('<option value="failure" selected="">Failure</option>');
  });

  it('offers no export while the database is not answering, and says why without its address', async () => {
    testDatabase.down = true;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const html = await render();
    expect(html).toContain('the database is not answering');
    expect(html).not.toContain('Export CSV');
    expect(html).not.toContain('/api/audit/export');
    expect(html).not.toContain('pw-s3cret');
  });

  it('offers no export of a filter it refused (it would be the whole trail)', async () => {
    const html = await render({ outcome: 'sideways' });
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('Export CSV');
  });
});
