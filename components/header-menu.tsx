'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import {
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { NavigationItem } from '@/lib/auth/roles';

/** What the header needs of a navigation entry: no descriptions or roles in the client payload. */
export type HeaderLink = Pick<NavigationItem, 'href' | 'label'>;

// Styled off the attribute itself, so the look and what a screen reader hears cannot disagree:
// a bar at the start of the row in the phone list, under the word in the desktop row.
const linkClass =
  'rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 ' +
  'aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700 aria-[current=page]:hover:bg-brand-100 ' +
  'aria-[current=page]:shadow-[inset_3px_0_0_0_var(--color-brand-600)] ' +
  'md:aria-[current=page]:shadow-[inset_0_-2px_0_0_var(--color-brand-600)]';

/**
 * The header's navigation and account block (`children`): inline from the `md` breakpoint,
 * behind a "Menu" disclosure button below it so a 360 px phone never scrolls sideways. One copy
 * of the links either way (no duplicated landmarks); Escape closes and returns focus, and
 * following a link closes the panel. The link of the section on screen is marked
 * `aria-current="page"`: read from the client router because the root layout is not
 * rendered again when a link changes the page.
 */
export function HeaderMenu({
  navigation,
  children,
}: {
  navigation: readonly HeaderLink[];
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const current = currentSectionHref(usePathname(), navigation);

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    button.current?.focus();
  };
  const closeOnLink = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('a')) setOpen(false);
  };

  return (
    <div className="contents" onKeyDown={closeOnEscape}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
        className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 md:hidden"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2 4h12M2 8h12M2 12h12" />}
        </svg>
        Menu
      </button>
      <div
        id={panelId}
        onClick={closeOnLink}
        className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-4 border-t border-slate-200 pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-8 md:border-0 md:pt-0`}
      >
        <nav aria-label="Main" className="-mx-3 flex flex-col gap-1 md:mx-0 md:flex-row">
          {navigation.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={item.href === current ? 'page' : undefined}
              className={linkClass}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        {children}
      </div>
    </div>
  );
}

/**
 * The entry whose section holds `pathname`: its own page or any page below it (a customer's
 * users are Customers, an audit event is Audit). The longest match wins, should one entry ever
 * sit inside another's path; a look-alike prefix (`/customers-old`) matches nothing.
 */
function currentSectionHref(
  pathname: string | null,
  navigation: readonly HeaderLink[],
): string | undefined {
  if (!pathname) return undefined;
  let best: string | undefined;
  for (const { href } of navigation)
    if ((pathname === href || pathname.startsWith(`${href}/`)) && href.length > (best?.length ?? 0))
      best = href;
  return best;
}
