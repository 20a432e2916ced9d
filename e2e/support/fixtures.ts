/** What specs import: sign-in helpers, the emulator control API, and run endpoints. */
export { signIn, signOut } from './sign-in';
export { emulatorControl, currentTotp, moveCloudClock } from './emulator-control';
export { portalUrl, readE2eEndpoints, readE2eAuthSecret, e2eStateDir } from './environment';
