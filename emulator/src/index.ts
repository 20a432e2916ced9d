/** The local Microsoft cloud, for `npm run emulator`, tests and the demo. */
export {
  startEmulator,
  type EmulatorOptions,
  type EmulatorEndpointUrls,
  type RunningEmulator,
} from './server';
export { ensureTls, type TlsMaterial } from './core/tls';
export { controlPrefix } from './controls';
