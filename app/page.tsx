import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser } from '@/lib/auth';

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) return <Welcome />;
  // The dashboard's modules (health, audit trail, Partner Center, the database client) load
  // with the first signed-in home, not with the landing page a new server serves first.
  const { HomeDashboard } = await import('@/components/dashboard/home-dashboard');
  return <HomeDashboard user={user} />;
}

const audiences = [
  {
    who: 'Admins',
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
      <ul className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {audiences.map((a) => (
          <li key={a.who} className="text-sm leading-6 text-slate-600">
            <span className="font-semibold text-slate-900">{a.who}</span> {a.what}
          </li>
        ))}
      </ul>
    </div>
  );
}
