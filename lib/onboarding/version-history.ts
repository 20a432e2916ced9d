import type { VersionView } from './status';

/**
 * The versions the result page lists, and what it leaves out. A connection in use gains a
 * version each time the token service writes a rotated refresh token back (once a day by
 * default: `TOKEN_WRITE_BACK_INTERVAL_SECONDS`), so within a year the secret holds hundreds,
 * and a table of every one buries the few consents among rotations nobody reads one by one.
 * Listed: the current version and the newest after it, up to `recent`, and every older consent
 * (who granted the connection, and whether with MFA, stays on record however old); the older
 * rotations are counted, with the oldest one's time.
 */
export interface ListedVersions {
  listed: VersionView[];
  /** Older rotations not listed: how many, and when the oldest of them was stored. */
  olderRotations: { count: number; oldestAt: string | null } | null;
}

const recentVersionsListed = 10;

export function listedVersions(
  history: readonly VersionView[],
  recent = recentVersionsListed,
): ListedVersions {
  const older = history.slice(recent);
  const left = older.filter((v) => v.purpose === 'rotation');
  const listed = [...history.slice(0, recent), ...older.filter((v) => v.purpose !== 'rotation')];
  if (left.length === 0) return { listed, olderRotations: null };
  // Newest first after the current one: the last left out is the oldest (unknown times last).
  const oldestAt = left.reduce<string | null>(
    (oldest, v) => (v.createdAt && (!oldest || v.createdAt < oldest) ? v.createdAt : oldest),
    null,
  );
  return { listed, olderRotations: { count: left.length, oldestAt } };
}
