import type { ReactNode } from 'react';
import { AddTargetForm } from '@/components/alerts/add-target-form';
import { TargetList } from '@/components/alerts/target-list';
import type { LastDeliveries } from '@/lib/alerts/settings-last-test';
import { maxTargetsPerOwner, type ListedTarget } from '@/lib/alerts/targets';

/**
 * "3 targets (at most 20)." ("3 of 20" read like a page of a longer list.) Nothing for none:
 * the list says "No targets yet" right under it, and "0 targets" before it said it twice.
 */
export function targetCount(count: number): string {
  if (count === 0) return '';
  return `${count} ${count === 1 ? 'target' : 'targets'} (at most ${maxTargetsPerOwner}).`;
}

/** One owner's targets (a partner tenant's, or the platform's), with the form to add one. */
export function TargetSection({
  id,
  title,
  intro,
  targets,
  scope,
  lastTests,
  lastAlerts,
  confirmingRemoval,
  allowInsecure,
  now,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  targets: ListedTarget[];
  scope: 'tenant' | 'platform';
  lastTests: LastDeliveries;
  lastAlerts: LastDeliveries;
  confirmingRemoval?: string;
  /** The local profile: a mail server without TLS may be chosen (the local cloud's). */
  allowInsecure: boolean;
  /** The host's time, as the database stamps a target's `createdAt`. */
  now: number;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div>
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{intro}</p>
      </div>
      <TargetList
        targets={targets}
        scope={scope}
        lastTests={lastTests}
        lastAlerts={lastAlerts}
        confirmingRemoval={confirmingRemoval}
        now={now}
      />
      {targets.length < maxTargetsPerOwner ? (
        <AddTargetForm scope={scope} allowInsecure={allowInsecure} />
      ) : (
        <p data-testid="targets-full" className="text-sm text-slate-600">
          This list has the most targets it may hold ({maxTargetsPerOwner}): remove one to add
          another.
        </p>
      )}
    </section>
  );
}
