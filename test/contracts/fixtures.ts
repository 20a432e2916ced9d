/**
 * Wire examples written from Microsoft's documented examples (each file names its source).
 * Two tests hold them: `emulator.contract.test.ts` (the emulator's live answers have their
 * shape) and `portal.contract.test.ts` (the portal's own zod wire schemas read them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const fixtureSchema = z
  .object({
    source: z.string().min(20),
    status: z.number().int(),
    /** The reason phrase, when the example's carries words of its own (Partner Center's MFA refusal). */
    statusText: z.string().optional(),
    headers: z.record(z.string(), z.string()),
    /** Header values that must match a pattern (beyond the header being present). */
    headerPatterns: z.record(z.string(), z.string()).optional(),
    /** Which portal schema reads this body; absent = read by an Azure SDK, not by portal code. */
    portalSchema: z.string().optional(),
    /** Paths (`items[].phoneNumber`) that may be absent on either side. */
    optional: z.array(z.string()).default([]),
    body: z.unknown(),
  })
  .strict();
export type WireFixture = z.infer<typeof fixtureSchema> & { name: string };

const root = join(process.cwd(), 'test', 'contracts');

/** Every fixture, named `<service>/<file>` without `.json`. */
export function loadFixtures(): WireFixture[] {
  return ['partner-center', 'entra', 'key-vault'].flatMap((service) =>
    readdirSync(join(root, service))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({
        ...fixtureSchema.parse(JSON.parse(readFileSync(join(root, service, file), 'utf8'))),
        name: `${service}/${file.replace(/\.json$/, '')}`,
      })),
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Where `actual` differs in shape from `expected`: field names and casing, JSON types and
 * nesting (values are not compared). A `null` in the fixture is an optional value: `null` or
 * a string. Array elements are each compared with the fixture's first element.
 */
export function shapeDifferences(
  expected: unknown,
  actual: unknown,
  optional: readonly string[] = [],
  path = '',
): string[] {
  const here = path || '(root)';
  const want = kindOf(expected);
  const got = kindOf(actual);
  if (want === 'null')
    return got === 'null' || got === 'string'
      ? []
      : [`${here}: expected null or string, got ${got}`];
  if (want !== got) return [`${here}: expected ${want}, got ${got}`];
  if (want === 'array') {
    const [model] = expected as unknown[];
    if (model === undefined) return [];
    return (actual as unknown[])
      .flatMap((item) => shapeDifferences(model, item, optional, `${path}[]`))
      .slice(0, 10);
  }
  if (want !== 'object') return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const issues: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in a)) {
      if (!optional.includes(at(key))) issues.push(`${at(key)}: missing`);
    } else issues.push(...shapeDifferences(e[key], a[key], optional, at(key)));
  }
  for (const key of Object.keys(a)) {
    if (!(key in e) && !optional.includes(at(key)))
      issues.push(`${at(key)}: not in the documented example`);
  }
  return issues;
}

/** Header names the fixture documents that the live answer lacks, and values that break a pattern. */
export function headerDifferences(
  fixture: WireFixture,
  headers: Headers | Record<string, string>,
): string[] {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name.toLowerCase()] ?? null);
  const issues = Object.keys(fixture.headers)
    .filter((name) => get(name) === null)
    .map((name) => `header ${name}: missing`);
  for (const [name, pattern] of Object.entries(fixture.headerPatterns ?? {})) {
    const value = get(name);
    if (value !== null && !new RegExp(pattern).test(value))
      issues.push(`header ${name}: ${value.slice(0, 120)} does not match ${pattern}`);
  }
  return issues;
}
