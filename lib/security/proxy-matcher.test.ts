import { AsyncLocalStorage } from 'node:async_hooks';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

// Next's server provides this global before it loads anything (node-environment-baseline); the
// testing helper needs it at its first call and would otherwise depend on what proxy.ts imports.
const withStorage = globalThis as { AsyncLocalStorage?: unknown };
withStorage.AsyncLocalStorage ??= AsyncLocalStorage;

/** Whether proxy.ts runs for a path, decided by Next's own matcher compilation. */
const proxyRuns = (path: string) =>
  unstable_doesMiddlewareMatch({ config, url: `http://portal.test${path}` });

describe('proxy.ts matcher', () => {
  it('skips the static files, which get their headers from next.config.js', () => {
    for (const path of [
      '/robots.txt',
      '/icon.svg',
      '/_next/static/chunks/main.js',
      '/_next/image',
      '/_next/image?url=%2Ficon.svg&w=64&q=75',
    ])
      expect(proxyRuns(path), path).toBe(false);
  });

  it('runs for every other path, so its answers (404s too) carry the CSP and the other headers', () => {
    for (const path of [
      '/',
      '/customers',
      '/api/health',
      '/auth/sign-in',
      // Near misses of the static names: a missing page whose 404 needs the headers.
      '/robots.txtX',
      '/robots.txt/x',
      '/robotsXtxt',
      '/icon.svg/x',
      '/icon.svgz',
      '/iconXsvg',
      // No such file (app/icon.svg is the icon): its 404 is the portal's, with the headers.
      '/favicon.ico',
      '/faviconXico',
      '/_next/staticX',
      '/_next/imageX',
      '/_next/image/x',
      '/x/robots.txt',
      '/Robots.txt',
    ])
      expect(proxyRuns(path), path).toBe(true);
  });
});
