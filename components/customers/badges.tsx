import { userStateLabel } from '@/lib/partner-center/labels';

const relationshipLabels: Record<string, string> = {
  none: 'None',
  reseller: 'Reseller',
  advisor: 'Advisor',
  syndication: 'Syndication',
  microsoftSupport: 'Microsoft support',
};

const pill = 'inline-flex rounded-full px-2 py-0.5 text-xs font-medium';

/**
 * Partner Center's `relationshipToPartner` in words; unknown values are shown as sent. Only for
 * a value it sent: without one there is nothing to badge (the callers say "Not provided").
 */
export function RelationshipBadge({ relationship }: { relationship: string }) {
  const tone =
    relationship === 'reseller' ? 'bg-brand-50 text-brand-700' : 'bg-slate-100 text-slate-700';
  return (
    <span className={`${pill} ${tone}`}>{relationshipLabels[relationship] ?? relationship}</span>
  );
}

/** A user's `state` (`active | inactive`), as Partner Center sent it (callers handle none). */
export function UserStateBadge({ state }: { state: string }) {
  const tone =
    state === 'active' ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-600';
  return <span className={`${pill} ${tone}`}>{userStateLabel(state)}</span>;
}
