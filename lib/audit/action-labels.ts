import type { AuditAction } from './events';

/**
 * What the audit pages call each action. The stored name (`customers.users-exported`) never
 * changes: filters, the CSV export, logs and alerting rules match it, so the pages show it too,
 * under these words. Each names the act whatever its outcome ("Users export (CSV)" that was
 * refused), since the outcome stands beside it.
 */
export const auditActionLabels: Record<AuditAction, string> = {
  'sign-in.succeeded': 'Sign-in',
  'sign-in.refused': 'Sign-in refused',
  'consent.started': 'Consent started',
  'consent.completed': 'Consent completed',
  'consent.reconsented': 'Re-consent',
  'consent.failed': 'Consent failed',
  'consent.disconnected': 'Disconnect',
  'token.redemption-failed': 'Token redemption failed',
  'token.redemption-recovered': 'Token redemption recovered',
  'token.rotated': 'Refresh token rotation',
  'keep-alive.run': 'Keep-alive run',
  'customers.users-exported': 'Users export (CSV)',
  'health.access-refused': 'Health report access refused',
  'audit.exported': 'Audit export (CSV)',
  'alert.delivery': 'Alert delivery',
  'alert.target-added': 'Alert target added',
  'alert.target-changed': 'Alert target changed',
  'alert.target-removed': 'Alert target removed',
};

/** The words for a stored action; an action this version does not know shows its name. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(auditActionLabels, action)
    ? auditActionLabels[action as AuditAction]
    : action;
}
