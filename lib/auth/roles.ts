import type { PortalConfig } from '@/lib/config/schema';

/** The portal's internal roles; app role *names* in Entra are configurable (config.roles). */
export const portalRoles = ['admin', 'salesAgent', 'ops'] as const;
export type PortalRole = (typeof portalRoles)[number];

export const roleLabels: Record<PortalRole, string> = {
  admin: 'Admin',
  salesAgent: 'Sales agent',
  ops: 'Ops',
};

/**
 * Maps the `roles` claim (Entra app role values) to internal roles. Unknown values are
 * ignored, so a role added in Entra never grants anything until the portal knows it.
 */
export function mapAppRoles(
  claimRoles: readonly string[],
  names: PortalConfig['roles'],
): PortalRole[] {
  return portalRoles.filter((role) => claimRoles.includes(names[role]));
}

/** One entry of the main navigation, shown only to the roles that may use it. */
export interface NavigationItem {
  href: string;
  label: string;
  description: string;
  roles: readonly PortalRole[];
}

export const navigation: readonly NavigationItem[] = [
  {
    href: '/onboarding',
    label: 'Onboarding',
    description: 'Connect your partner tenant to Partner Center with MFA consent.',
    roles: ['admin'],
  },
  {
    href: '/customers',
    label: 'Customers',
    description: 'Browse customers and their users.',
    roles: ['admin', 'salesAgent'],
  },
  {
    href: '/health',
    label: 'Health',
    description: 'Token and dependency health of every connected tenant.',
    roles: ['admin', 'ops'],
  },
  {
    href: '/audit',
    label: 'Audit',
    description: 'Who signed in, consented, disconnected, exported; token and keep-alive events.',
    roles: ['admin', 'ops'],
  },
  {
    href: '/settings/alerts',
    label: 'Alerts',
    description:
      'Where the portal sends alerts before a connection dies: webhook, Teams, Slack, e-mail.',
    roles: ['admin'],
  },
];

/** The navigation entries a user with `roles` may see. */
export function navigationFor(roles: readonly PortalRole[]): NavigationItem[] {
  return navigation.filter((item) => item.roles.some((role) => roles.includes(role)));
}
