/**
 * The emulated Azure Key Vault (secrets API, docs/contracts.md §2), served on the vault
 * origin. One vault: its URL is whatever origin the request reached (the Host header).
 */
import { z } from 'zod';
import { json, jsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import type { EmulatorContext, ServiceModule } from '../core/service';
import { portalApp, type AppRegistration } from '../seed/identities';
import { requireApiVersion } from './api-version';
import { authorizeVaultCaller } from './auth';
import { VaultError, toResponse, vaultErrorResponse } from './errors';
import { routeVaultRequest } from './routes';
import { SecretStore } from './store';

/** The portal's registration: the only client the vault lets in (its RBAC assignment). */
function portalRegistration(ctx: EmulatorContext): AppRegistration {
  return (
    ctx.identities.apps.find((app) => app.clientId === portalApp.clientId) ??
    ctx.identities.apps[0] ??
    portalApp
  );
}

/** The vault's base URL as the client addressed it (`https://<Host header>`). */
function vaultUrlOf(req: EmulatorRequest): string {
  const host =
    typeof req.headers.host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host)
      ? req.headers.host
      : 'localhost';
  return `https://${host}`;
}

/** Body of the settle-time controls (`vault/deletion`, `vault/recovery`). */
const settleControlSchema = z.object({ seconds: z.number().int().min(0).max(60) }).strict();

/** Creates the Key Vault service module (state: secrets, versions and deleted secrets). */
export function createVaultService(ctx: EmulatorContext): ServiceModule {
  const store = new SecretStore();
  const portal = portalRegistration(ctx);

  async function handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    ctx.counters.increment('vault.request');
    try {
      const apiVersion = requireApiVersion(req.url);
      await authorizeVaultCaller(req, ctx, portal);
      const route = routeVaultRequest(req);
      if (!route)
        throw new VaultError(
          404,
          'NotFound',
          `No operation matches ${req.method} ${req.url.pathname}.`,
        );
      ctx.counters.increment(`vault.op.${route.op}`);
      store.sweep(ctx.clock.nowSeconds());
      return route.run({
        req,
        store,
        vaultUrl: vaultUrlOf(req),
        apiVersion,
        now: ctx.clock.nowSeconds(),
      });
    } catch (error) {
      if (error instanceof VaultError) return toResponse(error);
      throw error;
    }
  }

  /**
   * `/_emulator/vault/deletion` and `/_emulator/vault/recovery`: how long a delete or a recover
   * takes to settle (`{"seconds": 0..60}`, emulator clock).
   */
  async function handleControl(
    req: EmulatorRequest,
    subpath: string,
  ): Promise<EmulatorResponse | undefined> {
    const control = subpath.replace(/^\/+|\/+$/g, '');
    const field =
      control === 'deletion'
        ? 'deletionSeconds'
        : control === 'recovery'
          ? 'recoverySeconds'
          : undefined;
    if (!field) return undefined;
    if (req.method === 'POST') {
      const parsed = settleControlSchema.safeParse(jsonBody(req));
      if (!parsed.success)
        return json(400, { error: 'bad_request', message: 'expected {"seconds": 0..60}' });
      store[field] = parsed.data.seconds;
    } else if (req.method !== 'GET') return undefined;
    return json(200, { seconds: store[field] });
  }

  return {
    name: 'vault',
    handle,
    handleControl,
    exportState: () => store.exportState(),
    importState: (state) => store.importState(state),
    reset: () => store.clear(),
    errorResponse: vaultErrorResponse,
  };
}
