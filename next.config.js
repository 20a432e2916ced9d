/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Azure SDKs and node-only helpers stay out of the server bundle graph.
  serverExternalPackages: ['@azure/identity', '@azure/keyvault-secrets'],
};

export default nextConfig;
