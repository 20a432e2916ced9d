'use client';

import { relativeTime } from './format';
import { useReportNow } from './report-clock';

/**
 * "2 min ago", counted from the report's time as `relativeTime` counts it; while the page's
 * updates are paused (AutoRefresh) it keeps ageing, so "just now" does not stay "just now".
 */
export function RelativeTime({ iso, now }: { iso: string; now: string }) {
  return relativeTime(iso, useReportNow(now));
}
