// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // EUI documents React Strict Mode as unsupported (stack-notes).
  reactStrictMode: false,
  poweredByHeader: false,
  // The official client is a Node library with optional native bits; keep it out of the bundle
  // (elasticsearch-js#3172) together with the other server-only packages.
  serverExternalPackages: ['@elastic/elasticsearch', 'smol-toml', 'esbuild'],
  experimental: {
    // forbidden() in layouts renders app/forbidden.tsx with a real 403.
    authInterrupts: true,
  },
};

module.exports = nextConfig;
