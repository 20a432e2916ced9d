import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Azure template is not deployed by CI (no Azure CLI here), so nothing else notices when it
 * and the code or the README drift apart: an app setting the code does not read, a variable
 * renamed in the code but not in the template, a parameter the README's table lacks.
 */
const root = path.resolve(__dirname, '../..');
const template = readFileSync(path.join(root, 'deploy/main.bicep'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** App Service's own settings, read by the platform, not by the portal. */
const platformSettings = new Set(['WEBSITES_PORT']);

/** Every variable name the portal's code reads (`env.NAME`, `process.env.NAME`). */
function variablesTheCodeReads(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|tsx|mjs)$/.test(entry) && !/\.test(-support)?\.ts$/.test(entry))
        for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g))
          names.add(m[1]!);
    }
  };
  walk(path.join(root, 'lib'));
  return names;
}

const appSettings = [...template.matchAll(/\{ name: '([A-Z][A-Z0-9_]+)', value: /g)].map(
  (m) => m[1]!,
);
const templateParameters = [...template.matchAll(/^param (\w+) /gm)].map((m) => m[1]!);

describe('deploy/main.bicep', () => {
  it('sets only variables the portal reads', () => {
    expect(appSettings.length).toBeGreaterThan(15);
    const read = variablesTheCodeReads();
    expect(appSettings.filter((name) => !platformSettings.has(name) && !read.has(name))).toEqual(
      [],
    );
  });

  // While PostgreSQL is away an instance serves only the sessions it has seen (README,
  // "Running several instances"): without affinity, a person could not stay signed in.
  it('keeps each person on one instance (App Service session affinity)', () => {
    expect(template).toMatch(/^\s*clientAffinityEnabled: true$/m);
  });

  it('has every parameter in the README’s table, and the table none it lacks', () => {
    const table = readme.slice(readme.indexOf('Template parameters (`deploy/main.bicep`)'));
    const rows = table.slice(0, table.indexOf('\nOutputs:'));
    const documented = [...rows.matchAll(/^\| `(\w+)`(?:, `(\w+)`)? \|/gm)].flatMap((m) =>
      m.slice(1).filter(Boolean),
    );
    expect([...documented].sort()).toEqual([...templateParameters].sort());
  });
});
