import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { emulatorEndpointsSchema, type EmulatorEndpoints } from './endpoints-file';
import { portalApp, partnerTenants } from './seed/identities';
import { startEmulator, type RunningEmulator } from './server';

const portSchema = z.coerce.number().int().min(0).max(65_535);
const envSchema = z.object({
  EMULATOR_LOGIN_PORT: portSchema.default(9441),
  EMULATOR_VAULT_PORT: portSchema.default(9442),
  EMULATOR_PARTNER_CENTER_PORT: portSchema.default(9443),
});

const usage = `Usage: npm run emulator -- [--reset] [--scale N] [--state-dir DIR]
  --reset          forget persisted state (vault secrets, refresh tokens, consents)
  --scale N        customers for the first partner tenant (default: the seed's ~60)
  --state-dir DIR  where state, certificates and endpoints.json live (default .emulator)
Ports: EMULATOR_LOGIN_PORT (9441), EMULATOR_VAULT_PORT (9442), EMULATOR_PARTNER_CENTER_PORT (9443).`;

function parseCli() {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      scale: { type: 'string' },
      'state-dir': { type: 'string', default: '.emulator' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const scale =
    values.scale === undefined
      ? undefined
      : z.coerce.number().int().min(1).max(1_000_000).parse(values.scale);
  return {
    reset: values.reset,
    scale,
    stateDir: path.resolve(values['state-dir']),
    help: values.help,
  };
}

function endpointsFile(emulator: RunningEmulator): EmulatorEndpoints {
  return emulatorEndpointsSchema.parse({
    ...emulator.endpoints,
    caFile: emulator.tls.caFile,
    homeTenantId: portalApp.homeTenantId,
    partnerTenants: partnerTenants.map(({ tenantId, name, domain }) => ({
      tenantId,
      name,
      domain,
    })),
    app: {
      clientId: portalApp.clientId,
      clientSecret: portalApp.clientSecret,
      certificateFile: emulator.tls.appCertificateFile,
    },
  });
}

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCli();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  if (cli.help) {
    console.log(usage);
    return;
  }
  const env = envSchema.parse(process.env);
  const emulator = await startEmulator({
    stateDir: cli.stateDir,
    tlsDir: path.join(cli.stateDir, 'tls'),
    reset: cli.reset,
    scale: cli.scale,
    ports: {
      login: env.EMULATOR_LOGIN_PORT,
      vault: env.EMULATOR_VAULT_PORT,
      partnerCenter: env.EMULATOR_PARTNER_CENTER_PORT,
    },
  });
  mkdirSync(cli.stateDir, { recursive: true });
  const file = path.join(cli.stateDir, 'endpoints.json');
  writeFileSync(file, JSON.stringify(endpointsFile(emulator), null, 2) + '\n');
  const { loginUrl, vaultUrl, partnerCenterUrl } = emulator.endpoints;
  console.log(
    `Emulator ready: login ${loginUrl} vault ${vaultUrl} partnerCenter ${partnerCenterUrl} (endpoints: ${path.relative(process.cwd(), file)}, CA: ${path.relative(process.cwd(), emulator.tls.caFile)})`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => {
        console.log(`Emulator stopped (${signal}); state saved.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(
          `Emulator failed to stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `Emulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
