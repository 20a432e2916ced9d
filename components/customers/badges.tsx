const relationshipLabels: Record<string, string> = {
  none: 'None',
  reseller: 'Reseller',
  advisor: 'Advisor',
  syndication: 'Syndication',
  microsoftSupport: 'Microsoft support',
};

const pill = 'inline-flex rounded-full px-2 py-0.5 text-xs font-medium';

/** Partner Center's `relationshipToPartner` in words; unknown values are shown as sent. */
export function RelationshipBadge({ relationship }: { relationship: string }) {
  const tone = relationship === 'reseller' ? 'bg-brand-50 text-brand-700' : 'bg-slate-100 text-slate-700';
  return <span className={`${pill} ${tone}`}>{relationshipLabels[relationship] ?? relationship}</span>;
}

/** A user's `state` (`active | inactive`). */
export function UserStateBadge({ state }: { state: string }) {
  const tone = state === 'active' ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-600';
  return <span className={`${pill} ${tone}`}>{state === 'active' ? 'Active' : state === 'inactive' ? 'Inactive' : state}</span>;
}

/** `none | managed | federated` in words. */
export function userTypeLabel(userDomainType: string): string {
  if (userDomainType === 'managed') return 'Cloud (managed)';
  if (userDomainType === 'federated') return 'Federated';
  if (userDomainType === 'none') return 'Not set';
  return userDomainType;
}

/** An ISO time as "12 Mar 2026, 14:05 UTC"; `fallback` when absent or unreadable. */
export function formatUtc(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}
