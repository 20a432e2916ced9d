import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The load both token-call benches drive: how many Partner Center requests, over how long. */
export interface TokenLoadOptions {
  requests: number;
  /** Emulator hours the requests are spread over (tokens expire and refresh inside them). */
  hours: number;
  /** Requests sent together, in waves. */
  concurrency: number;
}

const optionsSchema = z.object({
  requests: z.coerce.number().int().positive(),
  hours: z.coerce.number().positive(),
  concurrency: z.coerce.number().int().positive(),
});

/**
 * `--requests 1000 --hours 8 --concurrency 10`, shared by `bench/tokens.ts` and
 * `bench/scale-out.ts` so their figures stay comparable. A value that is not a positive number
 * stops the bench with its option's name (a `NaN` would have sent no request at all).
 */
export function readTokenLoadOptions(args = process.argv.slice(2)): TokenLoadOptions {
  const { values } = parseArgs({
    args,
    options: {
      requests: { type: 'string', default: '1000' },
      hours: { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '10' },
    },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue?.path.join('.')} must be a positive number: ${issue?.message}`);
  }
  return parsed.data;
}
