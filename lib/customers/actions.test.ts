import { beforeEach, describe, expect, it, vi } from 'vitest';

const contoso = '11111111-1111-1111-1111-111111111111';
const forget = vi.fn();
vi.mock('@/lib/auth', () => ({ requireRole: vi.fn(async () => ({ tid: contoso })) }));
vi.mock('@/lib/partner-center/cached-client', () => ({
  forgetPartnerCenterAnswers: (tenantId: string, page?: unknown) => forget(tenantId, page),
}));
/** Whether the users list was old enough to be read again (lib/customers/user-directory.ts). */
let listForgotten = true;
vi.mock('./user-directory', () => ({ forgetUserDirectory: () => listForgotten }));
vi.mock('./cache-clock', () => ({ syncCacheClock: async () => undefined }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));
const { refreshPartnerCenterData, refreshUserDirectory } = await import('./actions');

const refresh = (returnTo: string | null) => {
  const form = new FormData();
  if (returnTo !== null) form.set('returnTo', returnTo);
  return refreshPartnerCenterData(form);
};

describe('refreshPartnerCenterData', () => {
  beforeEach(() => forget.mockClear());

  it("drops the session tenant's cached answers of the page refreshed, and reloads it", async () => {
    await expect(refresh('/customers?size=50&cursor=abc_-9')).rejects.toThrow(
      'redirect /customers?size=50&cursor=abc_-9',
    );
    expect(forget).toHaveBeenLastCalledWith(contoso, { customersList: true });
    const id = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
    const userId = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
    await expect(refresh(`/customers/${id}/users/${userId}`)).rejects.toThrow(
      `redirect /customers/${id}/users/${userId}`,
    );
    expect(forget).toHaveBeenLastCalledWith(contoso, { customerId: id, userId });
    await expect(refresh(`/customers/${id}`)).rejects.toThrow(`redirect /customers/${id}`);
    expect(forget).toHaveBeenLastCalledWith(contoso, { customerId: id, userId: undefined });
  });

  it('keeps a search with characters URLSearchParams leaves as they are', async () => {
    const search = `/customers?${new URLSearchParams({ q: 'A*B Co.', field: 'name' })}`;
    await expect(refresh(search)).rejects.toThrow(`redirect ${search}`);
  });

  it('sends any other return path to /customers', async () => {
    for (const bad of [
      'https://evil.example/customers',
      '//evil.example',
      '/health',
      '/customers/../api/x',
      '/customers?q=<script>',
      null,
    ]) {
      await expect(refresh(bad)).rejects.toThrow(/^redirect \/customers$/);
      expect(forget).toHaveBeenLastCalledWith(contoso, { customersList: true });
    }
  });
});

describe('refreshUserDirectory', () => {
  it("re-reads the list and comes back to the same search, not to everyone's page 1", async () => {
    const { refreshUserDirectory } = await import('./actions');
    const form = new FormData();
    for (const [name, value] of Object.entries({
      customerId: contoso,
      view: 'active',
      q: 'adele',
      field: 'upn',
      size: '50',
    }))
      form.set(name, value);
    await expect(refreshUserDirectory(form)).rejects.toThrow(
      `redirect /customers/${contoso}/users?field=upn&q=adele&size=50`,
    );
  });
});

describe('refreshUserDirectory', () => {
  beforeEach(() => forget.mockClear());
  const id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const click = () => {
    const form = new FormData();
    form.set('customerId', id);
    form.set('view', 'active');
    return refreshUserDirectory(form);
  };

  it("drops the customer's cached details only when the list is read again", async () => {
    listForgotten = false; // read seconds ago: kept
    await expect(click()).rejects.toThrow(`redirect /customers/${id}/users`);
    expect(forget).not.toHaveBeenCalled();
    listForgotten = true;
    await expect(click()).rejects.toThrow(`redirect /customers/${id}/users`);
    expect(forget).toHaveBeenCalledWith(contoso, { customerId: id });
  });
});
