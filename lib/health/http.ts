import type { HealthReport } from './types';

/** 503 when a tenant needs re-consent or a dependency is down; 200 otherwise. */
export function healthHttpStatus(report: Pick<HealthReport, 'status'>): 200 | 503 {
  return report.status === 'unhealthy' ? 503 : 200;
}
