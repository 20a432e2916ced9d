import type { ReactNode } from 'react';

/**
 * A partner tenant known by its id only (no company name learned, no consenting admin's domain):
 * "Partner tenant" in words, then the id in a monospaced form that wraps anywhere, so it neither
 * reads as a name nor breaks a phone's line. `idOnOwnLine` puts the id under the words, as a
 * card's or a group's heading carries it: as a heading's large text the id broke over two lines
 * on a phone. /health's cards, Home's attention list and the Alerts page's groups name such a
 * tenant this way; `/api/health` keeps its `Tenant <id>` display name, a contract.
 */
export function PartnerTenantById({
  tenantId,
  idOnOwnLine = false,
  children,
}: {
  tenantId: string;
  idOnOwnLine?: boolean;
  /** Words after "Partner tenant", before the id (" (yours)"). */
  children?: ReactNode;
}) {
  return (
    <>
      Partner tenant{children}{' '}
      <span
        className={
          idOnOwnLine
            ? 'block font-mono text-xs font-normal wrap-anywhere text-slate-500'
            : 'font-mono text-xs wrap-anywhere'
        }
      >
        {tenantId}
      </span>
    </>
  );
}
