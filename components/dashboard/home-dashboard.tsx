import { AttentionList } from '@/components/dashboard/attention-list';
import { ConnectionCard } from '@/components/dashboard/connection-card';
import { CustomersGlance } from '@/components/dashboard/customers-glance';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import type { PortalUser } from '@/lib/auth';
import { homeFacts } from '@/lib/dashboard/home';
import { welcomeLine } from '@/lib/dashboard/welcome';

/** The signed-in home: who you are, the partner connection, what needs attention, at a glance. */
export async function HomeDashboard({ user }: { user: PortalUser }) {
  const facts = await homeFacts(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Welcome, {user.name}</h1>
        <p className="mt-1 text-sm break-words text-slate-600">
          {welcomeLine({ upn: user.upn, roles: user.roles, platformOperator: facts.everyPartner })}
        </p>
      </div>
      {/* Each card as tall as its own content: stretched to the row, the connection card stood
          with empty space under its button beside a longer "Needs attention". */}
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ConnectionCard
          tenant={facts.own}
          partner={facts.partner}
          now={facts.report.generatedAt}
          step={facts.step}
          tokenFacts={facts.readsTokenFacts}
        />
        <AttentionList
          items={facts.attention}
          everyPartner={facts.everyPartner}
          ownOnCard={facts.ownOnCard}
        />
      </div>
      {facts.customers && (
        <CustomersGlance
          count={facts.customers.count}
          connected={facts.customers.connected}
          links={facts.customers.links}
        />
      )}
      {facts.audit && <LatestAudit events={facts.audit} />}
    </div>
  );
}
