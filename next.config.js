import { fileURLToPath } from 'node:url';

/** The project folder: the root of the standalone server's file trace. */
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A self-contained server (the container image, `npm start`, the demo and the e2e run all
  // start it): scripts/standalone-layout.mjs adds the static files beside it.
  output: 'standalone',
  outputFileTracingRoot: projectRoot,
  turbopack: { root: projectRoot },
  poweredByHeader: false,
  // Metadata (the pages' titles) rendered into the head for every reader, not streamed after
  // the page to all but the crawlers Next lists (Next's htmlLimitedBots guide: `/.*/` turns the
  // streaming off). Streamed, a page carried one more Suspense boundary and Flight row for it,
  // and cost more: in six alternating profiles (300 pages at 1 in flight), 2.0-6.1 ms less
  // server CPU per customers or users page without it, p50 1.4-4.7 ms lower (docs/performance.md,
  // "Metadata rendered into the head"). No title waits on more than its page's layout does
  // (lib/customers/page-titles.ts), so no page's first bytes wait longer.
  htmlLimitedBots: /.*/,
  // Parallel builds (several e2e runs on one machine) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // The OpenTelemetry SDK and its Azure Monitor exporter, pino, the database drivers and
  // node-only helpers stay out of the server bundle graph. The Key Vault SDK (@azure/identity
  // with MSAL, @azure/keyvault-secrets) is bundled, as Next does by default: loaded from
  // node_modules it was some 470 files, read and linked one by one on the way to a fresh
  // server's first pages (docs/performance.md, Cold start).
  serverExternalPackages: [
    '@azure/monitor-opentelemetry-exporter',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/resources',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/exporter-metrics-otlp-http',
    'pino',
    '@electric-sql/pglite',
    'pg',
    'undici',
  ],
  // `forbidden()` renders app/forbidden.tsx with status 403 for pages a role may not open.
  // Pages load their modules at their first request instead of all at start: the first page
  // is served sooner (Next's preload competes with it for the one JavaScript thread) and an
  // instance holds only the pages it serves. Next's memory-usage guide documents the flag.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
  // `npm test` type-checks the whole tree (tsc --noEmit) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Static files skip proxy.ts (its matcher); they still get the headers that matter for them.
  // Pages and routes get the full set, with the per-request CSP, from proxy.ts.
  async headers() {
    const headers = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
    ];
    // public/ (robots.txt, the icon) is served without proxy.ts too.
    return ['/_next/static/:path*', '/robots.txt', '/icon.svg'].map((source) => ({
      source,
      headers,
    }));
  },
};

export default nextConfig;
