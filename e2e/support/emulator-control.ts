import { emulatorControlAt, totpAt } from '../../test/support/emulator-control';
import { e2eEndpointsFile } from './environment';

/** Calls the e2e run's emulator's control API (`/_emulator/...`); see emulatorControlAt. */
export function emulatorControl(
  controlPath: string,
  body?: unknown,
  method?: string,
): Promise<{ status: number; body: unknown }> {
  return emulatorControlAt(e2eEndpointsFile, controlPath, body, method);
}

/** The user's current TOTP code, read from the emulator the way the demo tells people to. */
export function currentTotp(upn: string): Promise<string> {
  return totpAt(e2eEndpointsFile, upn);
}

/**
 * Moves the emulator's clock (what the cloud stores ages, the portal's caches with it) and
 * waits until the portal's next call reads the moved clock: it reads the emulator's clock at
 * most once a second (lib/clock/emulator-clock.ts), so a page asked for within that second of
 * the move still runs on the old time.
 */
export async function moveCloudClock(seconds: number): Promise<void> {
  const moved = await emulatorControl('clock', { advanceSeconds: seconds });
  if (moved.status !== 200)
    throw new Error(`The emulator refused to move its clock (${moved.status}).`);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}
