import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Clock } from './core/clock';
import { Counters } from './core/counters';
import { createRequestListener } from './core/dispatch';
import { FaultInjector, type ServiceName } from './core/faults';
import type { EmulatorContext, ServiceModule } from './core/service';
import { StateStore } from './core/state-store';
import { ensureTls, type TlsMaterial } from './core/tls';
import { handleControl } from './controls';
import { createEntraService, EntraSigningKeys, EntraTokenVerifier } from './entra';
import { createPartnerCenterService } from './partner-center';
import { seededIdentities } from './seed/identities';
import { createVaultService } from './vault';

export interface EmulatorOptions {
  /** Where state.json lives; null = in-memory (tests). */
  stateDir?: string | null;
  /** Where the CA and certificates live (created on first use). */
  tlsDir?: string;
  /** 0 = an ephemeral port. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Discard persisted state and start from the seed. */
  reset?: boolean;
  /** Number of customers for the first partner tenant (Partner Center module). */
  scale?: number;
  /** Replaces the vault or Partner Center module (tests); Entra ID is always the real one. */
  modules?: Partial<Record<Exclude<ServiceName, 'login'>, (ctx: EmulatorContext) => ServiceModule>>;
}

export interface EmulatorEndpointUrls {
  loginUrl: string;
  vaultUrl: string;
  partnerCenterUrl: string;
  /** Controls are served on every origin; this one is the login origin's. */
  controlUrl: string;
}

export interface RunningEmulator {
  endpoints: EmulatorEndpointUrls;
  context: EmulatorContext;
  tls: TlsMaterial;
  /** Stops the servers and writes the state one last time. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the local Microsoft cloud: Entra ID, Key Vault and Partner Center, each on its own
 * HTTPS origin on 127.0.0.1 (IPv4 literal: `localhost` may resolve to ::1 first).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const tls = ensureTls(options.tlsDir ?? '.emulator/tls');
  const clock = new Clock();
  const keys = new EntraSigningKeys();
  const context: EmulatorContext = {
    clock,
    counters: new Counters(),
    faults: new FaultInjector(),
    identities: seededIdentities,
    tokens: new EntraTokenVerifier(keys, clock),
  };
  const entra = createEntraService(context, {
    keys,
    appCertificatePem: readFileSync(tls.appCertificateFile, 'utf8'),
  });
  const vault = (options.modules?.vault ?? createVaultService)(context);
  const partnerCenter =
    options.modules?.partnerCenter?.(context) ??
    createPartnerCenterService(context, { scale: options.scale });
  const modules: ServiceModule[] = [entra, vault, partnerCenter];
  const store = new StateStore(options.stateDir ?? null, modules, clock);
  store.load(options.reset ?? false);

  // The clock is not wound back: time never runs backwards for clients holding tokens.
  const reset = (): void => {
    for (const service of modules) service.reset();
    context.faults.clear();
    context.counters.reset();
  };
  const controls = { context, modules, users: entra, reset };
  const key = readFileSync(tls.keyFile);
  const cert = readFileSync(tls.certFile);
  const servers: Server[] = [];
  const urls = {} as Record<ServiceName, string>;
  try {
    for (const service of modules) {
      const listener = createRequestListener({
        module: service,
        clock,
        counters: context.counters,
        faults: context.faults,
        controls: (req) => handleControl(controls, req),
        onHandled: () => store.scheduleSave(),
      });
      const server = createServer({ key, cert }, listener);
      servers.push(server);
      const port = await listen(server, options.ports?.[service.name] ?? 0);
      urls[service.name] = `https://127.0.0.1:${port}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }
  return {
    endpoints: {
      loginUrl: urls.login,
      vaultUrl: urls.vault,
      partnerCenterUrl: urls.partnerCenter,
      controlUrl: `${urls.login}/_emulator`,
    },
    context,
    tls,
    async close() {
      await Promise.all(servers.map(closeServer));
      store.saveNow();
    },
  };
}
