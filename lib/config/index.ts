import 'server-only';
import { z } from 'zod';
import { readEnvironment, variableForPath } from './env';
import { localProfileDefaults, readEmulatorEndpoints } from './local-profile';
import { portalConfigSchema, type PortalConfig } from './schema';

export type { PortalConfig } from './schema';

/** Start-up fails with this when a setting is missing or wrong; the message lists each one. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(
      `The portal's configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates a configuration from the given environment (pure: used by tests and start-up).
 * With `PORTAL_PROFILE=local` the emulator's endpoints fill whatever the environment leaves out.
 */
export function loadConfig(env: Record<string, string | undefined>): PortalConfig {
  let effective = env;
  if (env.PORTAL_PROFILE === 'local') {
    const endpoints = readEmulatorEndpoints(env.EMULATOR_ENDPOINTS_FILE);
    effective = { ...localProfileDefaults(endpoints, env), ...definedOnly(env) };
  }
  const parsed = portalConfigSchema.safeParse(readEnvironment(effective));
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map(describeIssue));
}

// One configuration per process, kept on globalThis: Next loads this module once per bundle
// (the instrumentation and the proxy, the pages, the route handlers), and each copy would
// validate the environment again, a first zod parse of 14-16 ms at every server's start.
const holder = globalThis as typeof globalThis & { __partnerPortalConfig?: PortalConfig };

/** The process's configuration, validated on first use. */
export function getConfig(): PortalConfig {
  holder.__partnerPortalConfig ??= loadConfig(process.env);
  return holder.__partnerPortalConfig;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join('.');
  const variable = variableForPath[key] ?? variableForPath[issue.path.slice(0, 2).join('.')] ?? key;
  const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
  return missing ? `${variable} is not set` : `${variable}: ${issue.message}`;
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}
