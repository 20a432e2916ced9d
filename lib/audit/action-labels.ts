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
  'token.rechecked': 'Connection checked again',
};

/** The words for a stored action; an action this version does not know shows its name. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(auditActionLabels, action)
    ? auditActionLabels[action as AuditAction]
    : action;
}

/**
 * What the event page calls the detail fields events store (`keyVaultVersion`: "Key Vault
 * version"). The stored keys never change (the CSV export and alerting rules read them), so
 * the page shows a key beside its words only where no words exist here.
 */
const auditDetailLabels: Record<string, string> = {
  aadsts: 'AADSTS code',
  attempt: 'Attempt',
  channel: 'Channel',
  code: 'Code',
  condition: 'Condition',
  consentedBy: 'Consented by',
  customerId: 'Customer ID',
  enabled: 'Enabled',
  event: 'Alert event',
  failuresBefore: 'Failures before',
  idleSeconds: 'Idle for (seconds)',
  keyVaultVersion: 'Key Vault version',
  platform: 'Platform-wide target',
  previousKeyVaultVersion: 'Previous Key Vault version',
  result: 'Result',
  rows: 'Rows',
  started: 'Download started',
  targetId: 'Target ID',
  why: 'Why it failed',
};

/** The words for a stored detail key; a key this version does not know shows as stored. */
export function auditDetailLabel(key: string): string {
  return Object.hasOwn(auditDetailLabels, key) ? auditDetailLabels[key]! : key;
}
