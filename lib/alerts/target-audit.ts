import { credentialPattern } from '@/lib/audit/events';
import type { TargetSummary } from './targets';

/** The longest text value an audit event's details take (lib/audit/events.ts, detailValue). */
const detailMaxLength = 200;
/** A credential-looking run is kept this long: too short to look like one (20+ for a JWT). */
const keptOfRun = 16;

/**
 * A text as the audit details accept it, so the event is never refused and lost: a run that
 * looks like a credential (a long host name can) is cut short, and the whole is cut to the
 * details' limit, never between the halves of a surrogate pair (jsonb refuses a lone one).
 */
export function fitAuditDetail(text: string): string {
  const runs = new RegExp(credentialPattern.source, 'g');
  const shortened = text.replace(runs, (run) => `${run.slice(0, keptOfRun)}…`);
  if (shortened.length <= detailMaxLength) return shortened;
  const cut = shortened.slice(0, detailMaxLength - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/**
 * What an `alert.target-*` event says of its target: the label and the secret-free hint as the
 * settings page shows them (the web host, or the recipients and mail server), never the
 * sealed destination, so the trail still names the target after it is removed.
 */
export function targetAuditDetails(target: Pick<TargetSummary, 'id' | 'kind' | 'label' | 'hint'>): {
  targetId: string;
  channel: string;
  label: string;
  hint: string;
} {
  return {
    targetId: target.id,
    channel: target.kind,
    label: fitAuditDetail(target.label),
    hint: fitAuditDetail(target.hint),
  };
}
