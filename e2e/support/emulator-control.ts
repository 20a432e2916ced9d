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
