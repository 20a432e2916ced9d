import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { contentSecurityPolicy, baseSecurityHeaders, newNonce } from './csp';
import { allowedMethods } from './methods';
import { normalisedPath } from './limited-routes';

/**
 * Methods the Fetch standard forbids in a `Request`. Next builds a `Request` for proxy.ts and
 * the route handlers, so for these it throws before any of the portal's code runs and answers
 * a bare 500 without the security headers. Nothing here serves them: answer 405 first.
 */
const unservedMethods = new Set(['TRACE', 'TRACK', 'CONNECT']);

const holder = globalThis as typeof globalThis & { __partnerPortalMethodGuard?: boolean };

/**
 * Puts a guard in front of every request the process's HTTP servers receive (Next's own
 * server included, whether `next start` or the standalone server.js): the forbidden methods
 * get a 405 with `Allow` and the security headers; everything else goes on unchanged.
 */
export function installMethodGuard(options: { https: boolean }): void {
  if (holder.__partnerPortalMethodGuard) return;
  holder.__partnerPortalMethodGuard = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function guardedEmit(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === 'request') {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (unservedMethods.has((request.method ?? '').toUpperCase())) {
        refuse(request, response, options.https);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
}

function refuse(request: IncomingMessage, response: ServerResponse, https: boolean): void {
  let path = '/';
  try {
    path = normalisedPath(new URL(request.url ?? '/', 'http://portal.invalid').pathname);
  } catch {
    // An unparsable target still gets the refusal.
  }
  const allow = allowedMethods(path) ?? ['GET', 'HEAD'];
  const body = JSON.stringify({
    error: 'method_not_allowed',
    message: `${request.method} is not served here. Allowed: ${allow.join(', ')}.`,
  });
  response.writeHead(405, {
    ...baseSecurityHeaders({ https }),
    'Content-Security-Policy': contentSecurityPolicy({
      nonce: newNonce(),
      formActionOrigins: [],
      development: false,
    }),
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Allow: allow.join(', '),
  });
  response.end(body);
  // The request body (if any) is not read; close rather than keep a half-read connection.
  request.resume();
}
