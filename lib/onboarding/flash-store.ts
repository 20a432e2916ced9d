import 'server-only';
import { randomUUID } from 'node:crypto';

/**
 * Results of a consent callback, kept server-side for a few minutes so the redirect URL
 * carries only an opaque id (never raw error text) and only the admin who started the
 * consent can read them. globalThis: one store per process even if Next loads the module
 * twice. (Single process; a multi-instance deployment would use a short-lived encrypted cookie.)
 */
const ttlMs = 10 * 60_000;
const maxEntries = 1_000;

interface Entry {
  value: unknown;
  owner: string;
  expiresAt: number;
}

const registry = globalThis as typeof globalThis & { __onboardingFlash?: Map<string, Entry> };
const entries: Map<string, Entry> = (registry.__onboardingFlash ??= new Map());

const ownerKey = (owner: { tid: string; oid: string }) => `${owner.tid.toLowerCase()}/${owner.oid}`;

/** Keeps `value` for its owner; returns the id to put in the redirect URL. */
export function rememberForOwner(value: unknown, owner: { tid: string; oid: string }, nowMs = Date.now()): string {
  for (const [id, entry] of entries) if (entry.expiresAt <= nowMs) entries.delete(id);
  while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  const id = randomUUID();
  entries.set(id, { value, owner: ownerKey(owner), expiresAt: nowMs + ttlMs });
  return id;
}

/** The value kept under `id`, or null when unknown, expired, or owned by someone else. */
export function recallForOwner<T>(id: string | undefined, owner: { tid: string; oid: string }, nowMs = Date.now()): T | null {
  if (!id) return null;
  const entry = entries.get(id);
  if (!entry || entry.expiresAt <= nowMs || entry.owner !== ownerKey(owner)) return null;
  return entry.value as T;
}
