import { spawnSync } from 'node:child_process';
import { ensureTls } from '../../emulator/src';

/** The TLS material of in-process bench runs (their emulator serves it; Node trusts its CA). */
export const benchTlsDir = '.emulator/bench-tls';

/**
 * Node reads NODE_EXTRA_CA_CERTS (trust in the emulator's CA from `tlsDir`) and the
 * `react-server` condition (which in-process benches need to import the product's
 * `server-only` modules) only at process start. Re-runs this script once in a child process
 * that has what is asked, and exits with its status; in that child it returns.
 */
export function rerunTrustingEmulator(
  tlsDir: string,
  options: { serverConditions?: boolean } = {},
): void {
  const caFile = ensureTls(tlsDir).caFile;
  const condition = '--conditions=react-server';
  const needsCondition = options.serverConditions && !process.execArgv.includes(condition);
  if (process.env.NODE_EXTRA_CA_CERTS === caFile && !needsCondition) return;
  const args = [
    ...process.execArgv,
    ...(needsCondition ? [condition] : []),
    ...process.argv.slice(1),
  ];
  const child = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
  });
  process.exit(child.status ?? 1);
}
