import 'server-only';
import { connect, type Socket } from 'node:net';
import { fetch } from 'undici';
import { logEvent } from '@/lib/log';
import { parseAddress } from '@/lib/security/outbound-address';
import {
  pinnedAgent,
  vetServer,
  vetUrl,
  type OutboundPolicy,
  type VettedTarget,
} from '@/lib/security/outbound-target';
import { sendDeadlineMs } from './deliver';
import type { Destination } from './destinations';
import type { AlertMessage } from './messages';
import { emailContent, signBody, slackBody, teamsBody, webhookBody } from './render';
import type { TargetOwner } from './targets';

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

/** Silence allowed while connecting or waiting for an answer (a trickle is not silence). */
const timeoutMs = 10_000;

export interface SendOptions {
  /** The bound on the whole send (sendDeadlineMs); tests pass a short one. */
  deadlineMs?: number;
  /**
   * Whose target this is: a partner tenant's, or the operators' platform-wide one (null). Only
   * the latter's failure says whether its host name did not resolve or resolved to an address
   * that is not public (`vetted`); left out, the target is taken as a partner's.
   */
  owner?: TargetOwner;
}

/**
 * Runs one send under a deadline on the whole of it: the lookup, the connection and the
 * exchange, however slowly the receiver answers (a byte every few seconds never trips an
 * idle timeout). At the deadline `signal` aborts, which closes whatever the send opened, and
 * the send fails with `timeout`; what the abandoned work does afterwards is ignored.
 */
async function withinDeadline(
  deadlineMs: number,
  send: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected before the abort, so the race answers with this and not the send's own error.
      reject(
        new DeliveryError(
          'timeout',
          `Not finished within ${deadlineMs / 1000} s; the connection was closed.`,
        ),
      );
      controller.abort();
    }, deadlineMs);
  });
  // A send that throws at once (rendering the body) rejects `work`, and the timer is cleared.
  const work = (async () => send(controller.signal))();
  work.catch(() => undefined);
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

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
  owner: TargetOwner | undefined,
  deadline: AbortSignal,
): Promise<void> {
  const target = await vetted(vetUrl(url, policy), owner);
  // A lookup that outlived the deadline connects nowhere.
  deadline.throwIfAborted();
  const dispatcher = pinnedAgent(target);
  const closeAtDeadline = () => void dispatcher.destroy().catch(() => undefined);
  deadline.addEventListener('abort', closeAtDeadline, { once: true });
  try {
    let status: number;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
        redirect: 'manual',
        signal: AbortSignal.any([deadline, AbortSignal.timeout(timeoutMs)]),
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
    deadline.removeEventListener('abort', closeAtDeadline);
    await dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * Sends one message to one destination; throws DeliveryError when it was not accepted, or
 * when the send as a whole took longer than `deadlineMs` (code `timeout`).
 */
export function sendToDestination(
  destination: Destination,
  message: AlertMessage,
  policy: OutboundPolicy,
  { deadlineMs = sendDeadlineMs, owner }: SendOptions = {},
): Promise<void> {
  return withinDeadline(deadlineMs, (deadline) => {
    switch (destination.kind) {
      case 'webhook': {
        const body = webhookBody(message);
        return post(
          destination.url,
          body,
          { 'x-signature': signBody(body, destination.signingSecret), 'x-alert-id': message.id },
          policy,
          owner,
          deadline,
        );
      }
      case 'teams':
        return post(destination.url, teamsBody(message), {}, policy, owner, deadline);
      case 'slack':
        return post(destination.url, slackBody(message), {}, policy, owner, deadline);
      case 'email':
        return sendEmail(destination, message, policy, owner, deadline);
    }
  });
}

/**
 * Refuses a target the guard refuses: final for this evaluation when the address is refused.
 *
 * A partner's target whose host name the DNS answer refused (none, or an address that is not
 * public) fails one way for both, in the add form's words (outbound-target.ts `vague`): code
 * `address_refused`, final. The code, the words and the number of attempts reach the partner's
 * Admin (the test's outcome, the row's last test, the audit trail), and told apart they would
 * map, name by name, which names the portal's private DNS knows. The operators' platform-wide
 * targets keep the precise code; the server log, theirs alone, keeps the precise reason.
 */
async function vetted(
  check: Promise<VettedTarget>,
  owner: TargetOwner | undefined,
): Promise<Extract<VettedTarget, { ok: true }>> {
  const verdict = await check;
  if (verdict.ok) return verdict;
  if (verdict.vague && owner?.partnerTenant !== null) {
    logEvent('info', "alerts: a partner's target was not sent to: its host name is not public", {
      outcome: 'refused',
      tenant: owner?.partnerTenant,
      errorCode: verdict.code,
      reason: verdict.reason,
    });
    throw new DeliveryError('address_refused', `Not sent: ${verdict.vague}.`, true);
  }
  throw new DeliveryError(
    verdict.code,
    `Not sent: ${verdict.reason}.`,
    verdict.code === 'address_refused',
  );
}

/**
 * A TCP connection to the checked address, opened by the portal rather than by nodemailer so
 * that the deadline can close it: nodemailer keeps its socket to itself, and its own timeouts
 * count only silence. TLS (implicit or STARTTLS) is layered on it by nodemailer as before.
 */
function openSmtpSocket(
  address: string,
  port: number,
  deadline: AbortSignal,
): Promise<{ connection: Socket }> {
  return new Promise((resolve, reject) => {
    if (deadline.aborted) return reject(new Error('Deadline passed before connecting'));
    const socket = connect({ host: address, port });
    // With an error, so that whoever holds the socket then (this promise, or nodemailer once
    // connected) hears of it and settles: a bare destroy() emits neither `error` nor `connect`.
    const passed = () => socket.destroy(new Error('The send deadline passed'));
    deadline.addEventListener('abort', passed, { once: true });
    const silent = () => socket.destroy(new Error('Connection timeout'));
    socket.setTimeout(timeoutMs, silent);
    socket.once('error', reject);
    socket.once('connect', () => {
      // From here nodemailer owns the socket's errors and timeouts.
      socket.off('error', reject);
      socket.off('timeout', silent);
      socket.setTimeout(0);
      resolve({ connection: socket });
    });
  });
}

/**
 * Sends the mail through the SMTP server at the address checked just now (the same guard as
 * web targets): nodemailer gets a connection to that address, and the host name for TLS (SNI
 * and certificate).
 */
async function sendEmail(
  d: Extract<Destination, { kind: 'email' }>,
  message: AlertMessage,
  policy: OutboundPolicy,
  owner: TargetOwner | undefined,
  deadline: AbortSignal,
): Promise<void> {
  const server = await vetted(vetServer(d.host, d.port, policy), owner);
  deadline.throwIfAborted();
  const { createTransport } = await import('nodemailer');
  const named = parseAddress(server.hostname) === null;
  const address = server.addresses[0]!.address;
  const transport = createTransport({
    host: address,
    port: d.port,
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: object) => void) => {
      openSmtpSocket(address, d.port, deadline).then(
        (socket) => callback(null, socket),
        (error: Error) => callback(error),
      );
    },
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
