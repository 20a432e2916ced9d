/**
 * The kinds of alert target and their names on screen. No zod here: the add-target form (a
 * client component) imports this file, and zod would add about 33 KiB of gzip JavaScript to
 * the alerts page for four labels; the schemas are in `./destinations.ts`.
 */
export const targetKinds = ['webhook', 'teams', 'slack', 'email'] as const;
export type TargetKind = (typeof targetKinds)[number];

export const targetKindLabels: Record<TargetKind, string> = {
  webhook: 'Webhook (signed JSON)',
  teams: 'Microsoft Teams',
  slack: 'Slack',
  email: 'E-mail (SMTP)',
};
