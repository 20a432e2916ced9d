/**
 * `npm run vault:disable-old-versions`: lists, per connected partner tenant, the refresh-token
 * versions older than the current one that Key Vault still serves; with `-- --apply` disables
 * them (`lib/vault/old-versions.ts` says which, and why never the current one). `-- --tenant
 * <id>` limits it to one partner tenant. Reads the portal's configuration (the same environment
 * as the portal: vault, credential); prints version ids and dates, never a value. May run while
 * the portal does. Exits with 1 when a version could not be read or disabled.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getConfig } from '../lib/config';
import { cleanUpFailed, cleanUpOldVersions, describeCleanUp } from '../lib/vault/old-versions';
import { createRefreshTokenStore } from '../lib/vault/store';
import { isGuid } from '../lib/validation/guid';

const argsSchema = z.object({
  apply: z.boolean().default(false),
  tenant: z
    .string()
    .refine(isGuid, '--tenant must be a partner tenant id (a GUID)')
    .transform((id) => id.toLowerCase())
    .optional(),
});

/** The command line, or what is wrong with it. */
function readArgs(): { data: z.infer<typeof argsSchema> } | { error: string } {
  try {
    const { values } = parseArgs({
      options: { apply: { type: 'boolean' }, tenant: { type: 'string' } },
      strict: true,
    });
    const parsed = argsSchema.safeParse(values);
    return parsed.success ? { data: parsed.data } : { error: parsed.error.issues[0]!.message };
  } catch (error) {
    // parseArgs names the unknown option or the missing value.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const args = readArgs();
if ('error' in args) {
  console.error(
    `${args.error}. Usage: npm run vault:disable-old-versions [-- --apply] [-- --tenant <id>]`,
  );
  process.exitCode = 2;
} else {
  const { apply, tenant } = args.data;
  try {
    const store = createRefreshTokenStore({ config: getConfig() });
    const results = await cleanUpOldVersions(store, {
      apply,
      ...(tenant && { tenantIds: [tenant] }),
    });
    for (const line of describeCleanUp(results, apply)) console.log(line);
    if (!apply && results.some((r) => r.older.length > 0))
      console.log('Nothing was changed. Run again with --apply to disable the versions listed.');
    if (cleanUpFailed(results)) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
