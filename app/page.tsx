import Link from 'next/link';
import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser, navigationFor, roleLabels } from '@/lib/auth';

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) return <Welcome />;
  const items = navigationFor(user.roles);
  return (
    <div>
      <h1 className="text-2xl font-semibold text-slate-900">Welcome, {user.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {user.upn} with {user.roles.map((r) => roleLabels[r]).join(' and ')} access.
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="block h-full rounded-xl border border-slate-200 bg-white p-6 shadow-sm transition hover:border-brand-600 hover:shadow">
              <span className="text-base font-semibold text-slate-900">{item.label}</span>
              <span className="mt-2 block text-sm text-slate-600">{item.description}</span>
              <span className="mt-4 block text-sm font-medium text-brand-600">Open {item.label.toLowerCase()} →</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

const audiences = [
  { who: 'Partner admins', what: 'connect the partner tenant once with MFA consent; the portal keeps the refresh token only in Azure Key Vault.' },
  { who: 'Sales agents', what: 'browse customers and their users through Partner Center.' },
  { who: 'Ops', what: 'watch token and dependency health for every connected tenant.' },
];

function Welcome() {
  return (
    <div className="grid gap-10 lg:grid-cols-[3fr_2fr] lg:items-center">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Secure Application Model</p>
        <h1 className="mt-2 text-4xl font-semibold tracking-tight text-slate-900">Partner Center access for your whole team, without sharing credentials.</h1>
        <p className="mt-4 text-base leading-7 text-slate-600">
          The Partner Portal lets a Microsoft CSP partner grant delegated access once, with multi-factor authentication,
          and then serves sales and operations from short-lived tokens. Nobody handles a token; every sign-in requires MFA.
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
