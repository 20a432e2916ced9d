# syntax=docker/dockerfile:1
# The portal as a container: Next's standalone server, laid out by scripts/standalone-layout.mjs
# (the same script `npm run build` runs for `npm start`, the demo and the e2e run). No dev
# dependencies, no emulator, no secrets: every setting comes from the environment at run time.
# Node.js 24 LTS (supported until 2028-04-30; Node 20 reached its end of life on 2026-04-30).
# CI runs the machine's Node.js; the e2e suite can run against a server on this line with
# PORTAL_NODE (README, Test it), as it did when the image moved to it.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# next build, then the layout into .next/standalone-app (server.js, traced node_modules,
# .next/static, public). `next build` needs no configuration: it is checked at start.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PGLITE_DATA_DIR=/app/data \
    NODE_COMPILE_CACHE=/app/.next/cache/node-compile-cache \
    MALLOC_ARENA_MAX=2
# NODE_COMPILE_CACHE: Node keeps the V8 code of the modules it compiles there (written when
# the server exits), so later starts of the container skip compiling Next's and React's
# server code (docs/performance.md, Runtime).
# MALLOC_ARENA_MAX: two glibc malloc arenas instead of up to 8 per core, so the server's helper
# threads do not each keep freed memory (scripts/lib/processes.ts, portalAllocatorEnv).
# Root owns the code (read-only for the app); only Next's cache folder and the embedded
# database's folder are writable (production sets DATABASE_URL; without it, mount a volume
# on /app/data so the audit trail survives the container).
COPY --from=build /app/.next/standalone-app ./
RUN mkdir -p .next/cache data && chown node:node .next/cache data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# V8's settings: heap bounds (without them V8 sizes the heap from the host's memory and lets
# garbage pile up) and WebAssembly on the baseline compiler (Node 24's optimizing one needs
# about 500 MB for a moment to compile the embedded database); scripts/lib/processes.ts,
# portalNodeFlags, says why; npm start uses the same.
CMD ["node", "--max-old-space-size=384", "--max-semi-space-size=8", "--liftoff-only", "server.js"]
