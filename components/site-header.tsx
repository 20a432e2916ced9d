import Link from 'next/link';
import type { PortalUser } from '@/lib/auth/user';
import { navigationFor, roleLabels } from '@/lib/auth/roles';

/** Product name, the navigation this user's roles allow, who is signed in, and sign-out. */
export function SiteHeader({ user }: { user: PortalUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-6 py-3">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold text-brand-900">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded bg-brand-600 text-xs font-bold text-white">PP</span>
          Partner Portal
        </Link>
        {user && (
          <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
            {navigationFor(user.roles).map((item) => (
              <Link key={item.href} href={item.href} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-4">{user && <UserBlock user={user} />}</div>
      </div>
    </header>
  );
}

function UserBlock({ user }: { user: PortalUser }) {
  return (
    <>
      <div className="text-right leading-tight" data-testid="signed-in-user">
        <div className="text-sm font-medium text-slate-900">{user.name}</div>
        <div className="text-xs text-slate-500">
          <span title="Tenant ID">Tenant {user.tid}</span>
          <span aria-hidden="true"> · </span>
          <span>{user.roles.map((r) => roleLabels[r]).join(', ')}</span>
        </div>
      </div>
      <form method="post" action="/auth/sign-out">
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </>
  );
}
