import { addressedToOwnAdmin } from '@/lib/failure/reader';
import type { SharedOutage } from '@/lib/health/shared-outage';
import type { TenantHealth } from '@/lib/health/types';
import { dependenciesSectionId } from './dependencies-panel';
import { RepeatingFailureCode } from './tenant-problem';

/**
 * A tenant card's problem when it is a shared service's trouble alone (lib/health's
 * `foldedInto`): one line saying so and where the page states it, in place of the cause, whose
 * it is and the fix, which the service's row holds once for every tenant. What is this tenant's
 * own stays: the connection as the instances last shared it (`tenantPart`), and its failure's
 * code while it repeats.
 */
export function TenantSharedOutage({
  tenant,
  outage,
  canManage,
}: {
  tenant: TenantHealth;
  outage: SharedOutage;
  /** The tenant's own Admin: its own sentence is addressed to them, as TenantProblem's are. */
  canManage: boolean;
}) {
  const part = tenant.problem?.tenantPart;
  const own =
    part && canManage ? addressedToOwnAdmin({ cause: part, action: 'retry' }).cause : part;
  return (
    <div
      data-testid="tenant-shared-outage"
      data-dependency={outage.name}
      className="mt-4 border-l-4 border-orange-300 pl-3 text-sm text-slate-700"
    >
      <p>
        {outage.affected} See{' '}
        <a
          href={`#${dependenciesSectionId}`}
          className="font-medium text-brand-700 underline hover:text-brand-800"
        >
          Dependencies
        </a>
        .
      </p>
      {own && <p className="mt-1">{own}</p>}
      <RepeatingFailureCode tenant={tenant} />
    </div>
  );
}
