import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { addTarget } from './targets';

/** /settings/alerts as the server renders it, with the database answering and not. */

const contoso = '11111111-1111-4111-8111-111111111111';
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const user: PortalUser = {
  tid: contoso,
  oid: 'o-contoso',
  name: 'Contoso admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};
let database: PortalDatabase;
let databaseDown = false;

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
vi.mock('@/lib/auth', () => ({ requireRole: async () => user }));
vi.mock('@/lib/partner-name', () => ({ partnerDisplayName: async () => 'Contoso' }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    entra: { homeTenantId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', credential: { kind: 'secret' } },
    health: { warnDays: [30, 7] },
    alerts: {
      allowedPrivateHosts: [],
      failureThreshold: 3,
      dependencyDownMinutes: 15,
      repeatHours: 24,
    },
    database: {},
  }),
}));
vi.mock('@/lib/db', async (original) => ({
  ...(await original<typeof import('@/lib/db')>()),
  getDatabase: async () => {
    if (databaseDown)
      throw Object.assign(new Error('connect ECONNREFUSED postgres://portal:pw-s3cret@db:5432'), {
        code: 'ECONNREFUSED',
      });
    return database;
  },
}));

async function render(query: Record<string, string> = {}): Promise<string> {
  const { default: AlertSettingsPage } = await import('@/app/settings/alerts/page');
  return renderToStaticMarkup(await AlertSettingsPage({ searchParams: Promise.resolve(query) }));
}

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  await addTarget(
    database.db,
    { partnerTenant: contoso },
    {
      label: 'Ops hook',
      destination: { kind: 'slack', url: 'https://hooks.example/services/s3cret' },
      createdBy: null,
    },
    sessionSecret,
  );
});
afterAll(() => database.close());
beforeEach(() => {
  databaseDown = false;
});

describe('/settings/alerts', () => {
  it('lists the targets when the database answers', async () => {
    const html = await render();
    expect(html).toContain('Ops hook');
    expect(html).toContain('1 of 20 targets.');
    expect(html).not.toContain('s3cret');
  });

  it('counts the targets, and once the list is full offers no form to fill in for nothing', async () => {
    expect(await render()).toContain('Add target');
    for (let n = 2; n <= 20; n += 1)
      await addTarget(
        database.db,
        { partnerTenant: contoso },
        {
          label: `Hook ${n}`,
          destination: { kind: 'slack', url: `https://hooks.example/services/${n}` },
          createdBy: null,
        },
        sessionSecret,
      );
    const full = await render();
    expect(full).toContain('20 of 20 targets.');
    expect(full).toContain('data-testid="targets-full"');
    expect(full).not.toContain('Add target');
    await database.db.deleteFrom('alert_targets').where('label', 'like', 'Hook %').execute();
  });

  it('says the database is not answering instead of failing into the error page', async () => {
    databaseDown = true;
    const html = await render();
    expect(html).toContain('data-testid="alerts-unavailable"');
    expect(html).toContain(
      'The alert targets cannot be read right now: the database is not answering.',
    );
    expect(html).not.toMatch(/s3cret|ECONNREFUSED|postgres:/);
    // Nothing to act on while nothing can be read or saved.
    expect(html).not.toContain('Add target');
    expect(html).not.toContain('Evaluate now');
  });

  it('shows what "Evaluate now" did from the query, and ignores counts that are not counts', async () => {
    const told = await render({
      notice: 'evaluated',
      raised: '1',
      delivered: '0',
      failed: '0',
      owedDelivered: '0',
      owedFailed: '0',
    });
    expect(told).toContain(
      'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
    );
    const forged = await render({
      notice: 'evaluated',
      raised: '<script>',
      delivered: '-1',
      failed: '0',
      owedDelivered: '0',
      owedFailed: '0',
    });
    expect(forged).toContain('>Conditions evaluated.</p>');
  });
});
