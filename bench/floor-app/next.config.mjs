/**
 * The floor app (bench/support/floor.ts builds and starts it): a standalone server like the
 * portal's, on the same Next.js install (the repository's node_modules).
 */
const nextConfig = { output: 'standalone', poweredByHeader: false };

export default nextConfig;
