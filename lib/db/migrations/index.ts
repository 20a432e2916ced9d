import type { Migration, MigrationProvider } from 'kysely';
import * as auditEvents from './0001_audit_events';
import * as sessions from './0002_sessions';
import * as consentReplay from './0003_consent_replay';
import * as sharedGuards from './0004_shared_guards';
import * as alerts from './0005_alerts';
import * as alertPendingDeliveries from './0006_alert_pending_deliveries';
import * as tenantConnectionChanges from './0007_tenant_connection_changes';
import * as alertDeliveryLeases from './0008_alert_delivery_leases';
import * as probeHistorySubject from './0009_probe_history_subject';
import * as tenantTokenVerdicts from './0010_tenant_token_verdicts';
import * as auditPublicIds from './0011_audit_public_ids';
import * as alertDeliveryRounds from './0012_alert_delivery_rounds';
import * as partnerNames from './0013_partner_names';
import * as auditReadsByAction from './0014_audit_reads_by_action';
import * as probeHistoryInstance from './0015_probe_history_instance';
import * as alertEvaluations from './0016_alert_evaluations';
import * as outcomeKinds from './0017_outcome_kinds';

/**
 * Every migration, in order. Imported statically (not read from a folder at run time) so
 * the Next server bundle carries them. Add new ones at the end with the next number;
 * never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_audit_events': auditEvents,
  '0002_sessions': sessions,
  '0003_consent_replay': consentReplay,
  '0004_shared_guards': sharedGuards,
  '0005_alerts': alerts,
  '0006_alert_pending_deliveries': alertPendingDeliveries,
  '0007_tenant_connection_changes': tenantConnectionChanges,
  '0008_alert_delivery_leases': alertDeliveryLeases,
  '0009_probe_history_subject': probeHistorySubject,
  '0010_tenant_token_verdicts': tenantTokenVerdicts,
  '0011_audit_public_ids': auditPublicIds,
  '0012_alert_delivery_rounds': alertDeliveryRounds,
  '0013_partner_names': partnerNames,
  '0014_audit_reads_by_action': auditReadsByAction,
  '0015_probe_history_instance': probeHistoryInstance,
  '0016_alert_evaluations': alertEvaluations,
  '0017_outcome_kinds': outcomeKinds,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
