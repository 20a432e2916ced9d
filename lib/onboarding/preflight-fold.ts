import type { PreflightCheck } from './preflight';

/**
 * Check setup's rows split for the page: what the admin must read (a failure, a warning, an
 * action with its fix) stays open; passed checks and notes (nothing to do) fold under one line,
 * so that on a set-up that works the Connect button is not 1,500 px down, after nine rows and
 * the long Conditional Access note. No `server-only`: the list component reads it.
 */
export interface FoldedPreflight {
  /** Checks shown open, in the order they were run. */
  open: PreflightCheck[];
  /** Checks behind the fold, in the order they were run. */
  folded: PreflightCheck[];
  /** The fold's one line ("All 9 checks passed", "5 checks passed, 4 notes"); null when nothing is folded. */
  summary: string | null;
}

/** Whether a check stays in view: anything but a pass or a note (an info check without a fix). */
function checkStaysOpen(check: PreflightCheck): boolean {
  if (check.status === 'pass') return false;
  return !(check.status === 'info' && !check.fix);
}

/** Splits `checks` into those shown open and those folded, with the fold's line. */
export function foldPreflightChecks(checks: readonly PreflightCheck[]): FoldedPreflight {
  const open = checks.filter(checkStaysOpen);
  const folded = checks.filter((check) => !checkStaysOpen(check));
  return { open, folded, summary: foldSummary(folded, open.length > 0) };
}

function foldSummary(folded: readonly PreflightCheck[], othersOpen: boolean): string | null {
  if (folded.length === 0) return null;
  const passed = folded.filter((check) => check.status === 'pass').length;
  const notes = folded.length - passed;
  if (!othersOpen && notes === 0)
    return passed === 1 ? 'The check passed' : `All ${passed} checks passed`;
  const other = othersOpen ? 'other ' : '';
  // Not "Nothing to fix: …": the badge beside the line says it, and the words took a phone a third line.
  return [
    passed > 0 ? `${passed} ${other}check${passed === 1 ? '' : 's'} passed` : null,
    notes > 0 ? `${notes} note${notes === 1 ? '' : 's'}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
