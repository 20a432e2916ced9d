import { createHmac } from 'node:crypto';
import type { AlertMessage } from './messages';

/** The webhook's JSON body: the message's fields under stable names (documented in README, "Alerts"). */
export function webhookBody(m: AlertMessage): string {
  return JSON.stringify({
    type: 'partner-portal.alert',
    id: m.id,
    event: m.event,
    condition: m.condition,
    severity: m.severity,
    tenantId: m.tenantId,
    title: m.title,
    whatHappened: m.whatHappened,
    whatToDo: m.whatToDo,
    link: m.link,
    occurredAt: m.occurredAt,
  });
}

/** `X-Signature`: lowercase hex HMAC-SHA256 of the exact body bytes with the target's signing secret. */
export function signBody(body: string, signingSecret: string): string {
  return createHmac('sha256', signingSecret).update(body, 'utf8').digest('hex');
}

const facts = (m: AlertMessage) => [
  { title: 'Tenant', value: m.tenantId ?? 'Platform-wide' },
  { title: 'Severity', value: m.severity },
  { title: 'When', value: m.occurredAt },
];

/**
 * Teams: a message with one Adaptive Card attachment, the shape both a Workflows
 * "post to a channel when a webhook request is received" flow and an incoming webhook take.
 */
export function teamsBody(m: AlertMessage): string {
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              size: 'Medium',
              weight: 'Bolder',
              wrap: true,
              text: m.title,
              color:
                m.severity === 'critical'
                  ? 'Attention'
                  : m.severity === 'warning'
                    ? 'Warning'
                    : 'Good',
            },
            { type: 'TextBlock', wrap: true, text: m.whatHappened },
            { type: 'TextBlock', wrap: true, weight: 'Bolder', text: 'What to do' },
            { type: 'TextBlock', wrap: true, text: m.whatToDo },
            { type: 'FactSet', facts: facts(m) },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in the portal', url: m.link }],
        },
      },
    ],
  });
}

/** Slack incoming webhook: `text` as the notification fallback, blocks for the layout. */
export function slackBody(m: AlertMessage): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return JSON.stringify({
    text: `${m.title}: ${m.whatHappened}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${esc(m.whatHappened)}\n\n*What to do:* ${esc(m.whatToDo)}`,
        },
      },
      {
        type: 'context',
        elements: facts(m).map((f) => ({ type: 'mrkdwn', text: `*${f.title}:* ${esc(f.value)}` })),
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open in the portal' }, url: m.link },
        ],
      },
    ],
  });
}

export function emailContent(m: AlertMessage): { subject: string; text: string; html: string } {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const lines = [
    m.whatHappened,
    '',
    `What to do: ${m.whatToDo}`,
    '',
    ...facts(m).map((f) => `${f.title}: ${f.value}`),
    '',
    `Open in the portal: ${m.link}`,
  ];
  const html =
    `<h2>${esc(m.title)}</h2><p>${esc(m.whatHappened)}</p><p><strong>What to do:</strong> ${esc(m.whatToDo)}</p>` +
    `<ul>${facts(m)
      .map((f) => `<li>${esc(f.title)}: ${esc(f.value)}</li>`)
      .join('')}</ul><p><a href="${esc(m.link)}">Open in the portal</a></p>`;
  return { subject: `[Partner Portal] ${m.title}`, text: lines.join('\n'), html };
}
