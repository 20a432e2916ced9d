import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth';
import { isPlatformOperator } from '@/lib/auth/scope';
import { getConfig } from '@/lib/config';
import { partnerDisplayName } from '@/lib/partner-name';
import './globals.css';

// Every page depends on the session (header, navigation): render per request, never at build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Partner Portal', template: '%s · Partner Portal' },
  description: 'Secure Application Model portal for Microsoft CSP partners.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const partnerName = user ? await partnerDisplayName(user.tid) : null;
  return (
    <html lang="en">
      <body className="font-sans antialiased">
        {/* The header holds up to five links and Sign out before the page: the first Tab offers
            to pass them (shown only while focused). */}
        <a
          href="#main"
          className="sr-only rounded-md bg-white text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2"
        >
          Skip to the page
        </a>
        <SiteHeader
          user={user}
          partnerName={partnerName}
          platformOperator={user !== null && isPlatformOperator(user, getConfig())}
        />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-500 sm:px-6">
          Partner Portal · Secure Application Model for Microsoft CSP partners
        </footer>
      </body>
    </html>
  );
}
