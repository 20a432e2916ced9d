import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SiteHeader } from '@/components/site-header';
import type { PortalUser } from '@/lib/auth/user';

vi.mock('next/navigation', () => ({ usePathname: () => '/' }));

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const admin: PortalUser = {
  tid,
  oid: 'a1000000-0000-4000-8000-000000000001',
  name: 'Adele Vance',
  upn: 'Admin@ContosoPartner.onmicrosoft.com',
  roles: ['admin'],
};
const header = (user: PortalUser, partnerName: string | null) =>
  renderToStaticMarkup(createElement(SiteHeader, { user, partnerName }));

// The header's second line: which partner the signed-in person acts for.
describe('the partner in the header', () => {
  it("names the partner by its organization profile's company name, its id in the title", () => {
    const html = header(admin, 'Contoso Partner');
    expect(html).toContain(`title="Tenant ID ${tid}"`);
    expect(html).toContain('>Contoso Partner</span>');
  });

  it('without a name (not connected), by the domain the person signed in with', () => {
    const html = header(admin, null);
    expect(html).toMatch(
      new RegExp(`title="Tenant ID ${tid}"[^>]*>contosopartner\\.onmicrosoft\\.com</span>`),
    );
    expect(html).not.toContain(`Tenant ${tid}`);
    // A guest's principal name ends in the tenant's domain too.
    const guest = { ...admin, upn: 'alice_fabrikam.com#EXT#@contosopartner.onmicrosoft.com' };
    expect(header(guest, null)).toContain('>contosopartner.onmicrosoft.com</span>');
  });

  it('by the tenant id when the principal name ends in no domain', () => {
    for (const upn of ['admin', 'admin@localhost', 'admin@contoso.', '']) {
      const html = header({ ...admin, upn }, null);
      expect(html).toContain(`>Tenant ${tid}</span>`);
    }
  });
});

// A platform operator's pages list other partners' tenants (view only): the header says why.
describe('a platform operator in the header', () => {
  it('is named so after the roles; anyone else is not', () => {
    const operator = renderToStaticMarkup(
      createElement(SiteHeader, {
        user: admin,
        partnerName: 'Contoso Partner',
        platformOperator: true,
      }),
    );
    expect(operator.replace(/<[^>]+>/g, '')).toContain(
      'Contoso Partner · Admin · Platform operator',
    );
    expect(header(admin, 'Contoso Partner')).not.toContain('Platform operator');
  });
});
