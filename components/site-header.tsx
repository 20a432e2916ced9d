import Link from 'next/link';
import type { PortalUser } from '@/lib/auth/user';
import { navigationFor, roleLabels } from '@/lib/auth/roles';
import { ownPartnerLabel } from '@/lib/partner-name/own-partner';
import { HeaderMenu } from './header-menu';

/**
 * Product name, the navigation this user's roles allow (the current section marked by
 * HeaderMenu), who is signed in, and sign-out.
 */
export function SiteHeader({
  user,
  partnerName = null,
  platformOperator = false,
}: {
  user: PortalUser | null;
  partnerName?: string | null;
  /** The home tenant's Admin or Ops (lib/auth's `isPlatformOperator`): they see every partner. */
  platformOperator?: boolean;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold text-brand-900">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded bg-brand-600 text-xs font-bold text-white"
          >
            PP
          </span>
          Partner Portal
        </Link>
        {user && (
          <HeaderMenu
            navigation={navigationFor(user.roles).map(({ href, label }) => ({ href, label }))}
          >
            <div className="flex flex-wrap items-center justify-between gap-4 md:ml-auto md:flex-nowrap">
              <UserBlock
                user={user}
                partnerName={partnerName}
                platformOperator={platformOperator}
              />
            </div>
          </HeaderMenu>
        )}
      </div>
    </header>
  );
}

/**
 * `partnerName`: the organization profile's company name. Without one (not connected: nobody
 * can ask Partner Center), the domain the person signed in with, which is their tenant's, with
 * the tenant id in its title; a 36-character id took the header's whole second line.
 */
function UserBlock({
  user,
  partnerName,
  platformOperator,
}: {
  user: PortalUser;
  partnerName: string | null;
  platformOperator: boolean;
}) {
  return (
    <>
      <div className="min-w-0 leading-tight md:text-right" data-testid="signed-in-user">
        <div className="text-sm font-medium text-slate-900">{user.name}</div>
        <div className="text-xs text-slate-500">
          <span
            title={`Tenant ID ${user.tid}`}
            className={partnerName ? 'break-words' : 'wrap-anywhere'}
            data-testid={partnerName ? 'partner-name' : 'partner-unnamed'}
          >
            {ownPartnerLabel(user, partnerName).label}
          </span>
          <span aria-hidden="true"> · </span>
          <span>{user.roles.map((r) => roleLabels[r]).join(', ')}</span>
          {/* Why their pages list other partners' tenants (view only): said where they sign in. */}
          {platformOperator && (
            <>
              <span aria-hidden="true"> · </span>
              <span data-testid="platform-operator">Platform operator</span>
            </>
          )}
        </div>
      </div>
      <form method="post" action="/auth/sign-out">
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Sign out
        </button>
      </form>
    </>
  );
}
