import { prettyFactory } from 'pino-pretty';

/**
 * `npm run demo` shows the portal's JSON log lines (lib/log) the way people read them; any
 * other output (Next's start-up banner) passes through unchanged.
 */
const prettify = prettyFactory({
  colorize: process.stdout.isTTY,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,service',
  singleLine: true,
});

export function prettyLogLine(line: string): string {
  if (!line.startsWith('{')) return `${line}\n`;
  try {
    const parsed = JSON.parse(line) as unknown;
    return parsed && typeof parsed === 'object' && 'level' in parsed
      ? prettify(parsed)
      : `${line}\n`;
  } catch {
    return `${line}\n`;
  }
}
