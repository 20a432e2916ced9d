import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './clock';
import type { Counters } from './counters';
import type { FaultInjector } from './faults';
import { maxBodyBytes, type EmulatorRequest, type EmulatorResponse } from './http';
import type { ServiceModule } from './service';

/** What the shared pipeline needs besides the module: controls run before faults apply. */
export interface DispatchOptions {
  module: ServiceModule;
  /** Stamps every response's `Date`, as Microsoft's services do, on the emulator's clock. */
  clock: Clock;
  counters: Counters;
  faults: FaultInjector;
  /** Answers `/_emulator/...`; `undefined` = not a control path. */
  controls: (req: EmulatorRequest) => Promise<EmulatorResponse | undefined>;
  /** Called after every answered request (state persistence schedules a save). */
  onHandled?: () => void;
}

class BodyTooLarge extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/** Reads the body, refusing (without buffering) anything past `maxBodyBytes`. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBodyBytes) throw new BodyTooLarge('request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new BodyTooLarge('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: EmulatorResponse, clock: Clock): void {
  const { body } = response;
  let payload: string | Buffer | undefined;
  if (body === undefined) payload = undefined;
  else if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
  else payload = JSON.stringify(body);
  const headers: Record<string, string | string[]> = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (
    payload !== undefined &&
    !hasContentType &&
    typeof body !== 'string' &&
    !Buffer.isBuffer(body)
  ) {
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  headers.date = new Date(clock.now()).toUTCString();
  if (response.statusText === undefined) res.writeHead(response.status, headers);
  else res.writeHead(response.status, response.statusText, headers);
  res.end(payload);
}

/** Applies injected faults; returns a response to send instead of the real one, or `'drop'`. */
async function applyFaults(
  options: DispatchOptions,
  path: string,
): Promise<EmulatorResponse | 'drop' | undefined> {
  const { module } = options;
  for (const fault of options.faults.take(module.name, path)) {
    options.counters.increment(`fault.${module.name}.${fault.kind}`);
    if (fault.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
    else if (fault.kind === 'drop') return 'drop';
    else if (fault.kind === 'status') {
      const status = fault.status ?? 503;
      return module.errorResponse(status, `Injected fault: HTTP ${status}.`);
    } else if (fault.kind === 'throttle') {
      const retryAfter = fault.retryAfterSeconds ?? 1;
      return module.errorResponse(
        429,
        `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
        {
          'retry-after': String(retryAfter),
        },
      );
    }
  }
  return undefined;
}

async function handle(
  options: DispatchOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { module, counters } = options;
  const url = new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`);
  counters.increment(`http.${module.name}.request`);
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    // Discard the rest of the upload so the client reads our answer, then close.
    req.resume();
    res.setHeader('connection', 'close');
    send(res, module.errorResponse(413, 'The request body is too large.'), options.clock);
    return;
  }
  const request: EmulatorRequest = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body,
    remoteAddress: req.socket.remoteAddress,
  };
  const control = await options.controls(request);
  if (control) return send(res, control, options.clock);
  const fault = await applyFaults(options, url.pathname);
  if (fault === 'drop') {
    req.socket.destroy();
    return;
  }
  send(res, fault ?? (await module.handle(request)), options.clock);
}

/**
 * The request listener every emulated origin runs: count, controls, faults, size-capped body,
 * dispatch. An exception becomes the module's own 500 shape; the server keeps serving.
 * Nothing from the request (tokens, secrets) is logged.
 */
export function createRequestListener(options: DispatchOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(options, req, res)
      .catch((error: unknown) => {
        const name = error instanceof Error ? error.name : 'unknown';
        console.error(
          `emulator ${options.module.name}: unhandled ${name} on ${req.method} ${req.url?.split('?')[0]}`,
        );
        if (!res.headersSent)
          send(res, options.module.errorResponse(500, 'Internal server error.'), options.clock);
        else res.destroy();
      })
      .finally(() => options.onHandled?.());
  };
}
