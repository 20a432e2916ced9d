import { AttentionList } from '@/components/dashboard/attention-list';
import { ConnectionCard } from '@/components/dashboard/connection-card';
import { CustomersGlance } from '@/components/dashboard/customers-glance';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser, roleLabels } from '@/lib/auth';
import { homeFacts } from '@/lib/dashboard/home';

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) return <Welcome />;
  const facts = await homeFacts(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Welcome, {user.name}</h1>
        <p className="mt-1 text-sm break-words text-slate-600">
          Signed in as {user.upn} with {user.roles.map((r) => roleLabels[r]).join(' and ')} access.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ConnectionCard
          tenant={facts.own}
          partner={facts.partner}
          now={facts.report.generatedAt}
          step={facts.step}
        />
        <AttentionList items={facts.attention} />
      </div>
      {facts.customers && (
        <CustomersGlance count={facts.customers.count} connected={facts.customers.connected} />
      )}
      {facts.audit && <LatestAudit events={facts.audit} />}
    </div>
  );
}

const audiences = [
  {
    who: 'Partner admins',
    what: 'connect the partner tenant once with MFA consent; the portal keeps the refresh token only in Azure Key Vault.',
  },
  { who: 'Sales agents', what: 'browse customers and their users through Partner Center.' },
  { who: 'Ops', what: 'watch token and dependency health for every connected tenant.' },
];

function Welcome() {
  return (
    <div className="grid gap-10 lg:grid-cols-[3fr_2fr] lg:items-center">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">
          Secure Application Model
        </p>
        <h1 className="mt-2 text-4xl font-semibold tracking-tight text-slate-900">
          Partner Center access for your whole team, without sharing credentials.
        </h1>
        <p className="mt-4 text-base leading-7 text-slate-600">
          The Partner Portal lets a Microsoft CSP partner grant delegated access once, with
          multi-factor authentication, and then serves sales and operations from short-lived tokens.
          Nobody handles a token; every sign-in requires MFA.
        </p>
        <div className="mt-8">
          <SignInButton callbackUrl="/" />
        </div>
      </div>
      <ul className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {audiences.map((a) => (
          <li key={a.who} className="text-sm leading-6 text-slate-600">
            <span className="font-semibold text-slate-900">{a.who}</span> {a.what}
          </li>
        ))}
      </ul>
    </div>
  );
}
