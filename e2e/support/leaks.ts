/**
 * What must never appear in telemetry or logs: the run's own secrets (session secret, the
 * emulator app's client secret, the monitor and scheduler bearer tokens) and anything shaped like a token,
 * an authorization code or a credential pair that escaped redaction.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { portalApp } from '../../emulator/src/seed/identities';
import { e2eMonitorToken, e2eSchedulerToken, e2eStateDir, readE2eAuthSecret } from './environment';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&');

export function leakPatterns(): RegExp[] {
  const authSecret = existsSync(path.join(e2eStateDir, 'auth-secret'))
    ? [new RegExp(escape(readE2eAuthSecret()))]
    : [];
  return [
    ...authSecret,
    new RegExp(escape(portalApp.clientSecret)),
    new RegExp(escape(e2eMonitorToken)),
    new RegExp(escape(e2eSchedulerToken)),
    // JWTs, the emulator's refresh tokens and codes, and credential pairs with a value.
    /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/,
    /1\.AEmu(Code)?\./,
    /(refresh_token|access_token|id_token|client_secret|client_assertion|code_verifier)["']?\s*[=:]\s*["']?(?!\[REDACTED\])[\w.~-]{6,}/i,
    /\bcode=(?!\[REDACTED\])[\w.~-]{6,}/,
    /\bBearer\s+(?!\[REDACTED\])[\w.~+/-]{8,}/,
    /next-auth\.session-token=[^;\s"]{8,}/,
  ];
}

/** `where: pattern` for every leak in the texts (empty when clean). */
export function findLeaks(texts: Record<string, string>): string[] {
  const patterns = leakPatterns();
  return Object.entries(texts).flatMap(([where, text]) =>
    patterns.filter((p) => p.test(text)).map((p) => `${where}: ${p.source}`),
  );
}
