import type { Metadata } from 'next';
import { Notice } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { isGuid } from '@/lib/validation/guid';

export const metadata: Metadata = { title: 'Organisation not enrolled' };

/**
 * Where a sign-in from a tenant the operator has not admitted ends: no session was created. The
 * reader belongs to none of the organisations the portal serves and does not run it, so the page
 * names who can help (the portal's operator), not the setting that operator changes
 * (PARTNER_TENANTS, in the README), and never which tenants are admitted.
 */
export default async function NotEnrolledPage({
  searchParams,
}: {
  searchParams: Promise<{ tenant?: string }>;
}) {
  const { tenant } = await searchParams;
  const tenantId = tenant && isGuid(tenant) ? tenant.toLowerCase() : null;
  return (
    <Notice
      kicker="Sign-in refused"
      tone="warning"
      title="Your organisation is not enrolled in this portal"
      actions={<SignInButton callbackUrl="/" label="Use another account" />}
    >
      <p>
        You signed in with a work account whose organisation&apos;s Microsoft Entra tenant is not
        one this Partner Portal serves, so no session was started and nothing was shown or changed.
      </p>
      {tenantId && (
        <p>
          Your tenant ID:{' '}
          <code
            data-testid="tenant-id"
            className="wrap-anywhere rounded bg-slate-100 px-1 py-0.5 text-slate-800"
          >
            {tenantId}
          </code>
        </p>
      )}
      <p>
        <span className="font-medium text-slate-900">What to do:</span> if your organisation should
        use this portal, send{' '}
        {tenantId ? (
          'the tenant ID above'
        ) : (
          // No readable id came with the redirect: say where the reader finds it themselves.
          <>
            your tenant ID (Microsoft Entra admin center, <b>Overview</b>, <b>Tenant ID</b>)
          </>
        )}{' '}
        to the portal&apos;s operator: only they can add your organisation&apos;s tenant to this
        portal. Signed in with the wrong account? Choose another one below.
      </p>
    </Notice>
  );
}
