import 'server-only';
import { fetch } from 'undici';
import { parseAddress } from '@/lib/security/outbound-address';
import {
  pinnedAgent,
  vetServer,
  vetUrl,
  type OutboundPolicy,
  type VettedTarget,
} from '@/lib/security/outbound-target';
import type { Destination } from './destinations';
import type { AlertMessage } from './messages';
import { emailContent, signBody, slackBody, teamsBody, webhookBody } from './render';

/** A delivery attempt's failure, in words safe for the audit trail (never the URL or a secret). */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Trying again at once cannot help (a refused address, a redirect): no further attempt now. */
    readonly final = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const timeoutMs = 10_000;

/**
 * POSTs to a web target over a connection pinned to the addresses checked just now (the
 * settings page checked them at save time; DNS may answer differently today). Redirects are
 * not followed: one could point inside the operator's network.
 */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
): Promise<void> {
  const dispatcher = pinnedAgent(await vetted(vetUrl(url, policy)));
  try {
    let status: number;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new DeliveryError(
        timedOut ? 'timeout' : 'unreachable',
        timedOut ? `No answer within ${timeoutMs / 1000} s.` : 'The receiver could not be reached.',
      );
    }
    if (status >= 300 && status < 400)
      throw new DeliveryError(
        'redirect_refused',
        `The receiver answered with a redirect (HTTP ${status}); redirects are not followed.`,
        true,
      );
    if (status < 200 || status >= 300)
      throw new DeliveryError(`http_${status}`, `The receiver answered HTTP ${status}.`);
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

/** Sends one message to one destination; throws DeliveryError when it was not accepted. */
export async function sendToDestination(
  destination: Destination,
  message: AlertMessage,
  policy: OutboundPolicy,
): Promise<void> {
  switch (destination.kind) {
    case 'webhook': {
      const body = webhookBody(message);
      return post(
        destination.url,
        body,
        { 'x-signature': signBody(body, destination.signingSecret), 'x-alert-id': message.id },
        policy,
      );
    }
    case 'teams':
      return post(destination.url, teamsBody(message), {}, policy);
    case 'slack':
      return post(destination.url, slackBody(message), {}, policy);
    case 'email':
      return sendEmail(destination, message, policy);
  }
}

/** Refuses a target the guard refuses: final for this evaluation when the address is refused. */
async function vetted(check: Promise<VettedTarget>): Promise<Extract<VettedTarget, { ok: true }>> {
  const verdict = await check;
  if (verdict.ok) return verdict;
  throw new DeliveryError(
    verdict.code,
    `Not sent: ${verdict.reason}.`,
    verdict.code === 'address_refused',
  );
}

/**
 * Sends the mail through the SMTP server at the address checked just now (the same guard as
 * web targets): nodemailer gets the address, and the host name for TLS (SNI and certificate).
 */
async function sendEmail(
  d: Extract<Destination, { kind: 'email' }>,
  message: AlertMessage,
  policy: OutboundPolicy,
): Promise<void> {
  const server = await vetted(vetServer(d.host, d.port, policy));
  const { createTransport } = await import('nodemailer');
  const named = parseAddress(server.hostname) === null;
  const transport = createTransport({
    host: server.addresses[0]!.address,
    port: d.port,
    ...(named ? { servername: server.hostname, tls: { servername: server.hostname } } : {}),
    secure: d.security === 'tls',
    requireTLS: d.security === 'starttls',
    ignoreTLS: d.security === 'none',
    auth: d.username ? { user: d.username, pass: d.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: d.from, to: d.to, ...emailContent(message) });
  } catch (error) {
    const code =
      error && typeof error === 'object' && 'responseCode' in error
        ? `smtp_${String(error.responseCode)}`
        : 'smtp_failed';
    throw new DeliveryError(
      code,
      code === 'smtp_failed'
        ? 'The mail server could not be reached or refused the message.'
        : `The mail server refused the message (${code.slice(5)}).`,
    );
  } finally {
    transport.close();
  }
}
