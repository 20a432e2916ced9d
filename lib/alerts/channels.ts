import 'server-only';
import type { Destination } from './destinations';
import type { AlertMessage } from './messages';
import { emailContent, signBody, slackBody, teamsBody, webhookBody } from './render';

/** A delivery attempt's failure, in words safe for the audit trail (never the URL or a secret). */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const timeoutMs = 10_000;

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new DeliveryError(
      timedOut ? 'timeout' : 'unreachable',
      timedOut ? `No answer within ${timeoutMs / 1000} s.` : 'The receiver could not be reached.',
    );
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok)
    throw new DeliveryError(
      `http_${response.status}`,
      `The receiver answered HTTP ${response.status}.`,
    );
}

/** Sends one message to one destination; throws DeliveryError when it was not accepted. */
export async function sendToDestination(
  destination: Destination,
  message: AlertMessage,
): Promise<void> {
  switch (destination.kind) {
    case 'webhook': {
      const body = webhookBody(message);
      return post(destination.url, body, {
        'x-signature': signBody(body, destination.signingSecret),
        'x-alert-id': message.id,
      });
    }
    case 'teams':
      return post(destination.url, teamsBody(message), {});
    case 'slack':
      return post(destination.url, slackBody(message), {});
    case 'email':
      return sendEmail(destination, message);
  }
}

async function sendEmail(
  d: Extract<Destination, { kind: 'email' }>,
  message: AlertMessage,
): Promise<void> {
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: d.host,
    port: d.port,
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
