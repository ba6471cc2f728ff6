// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Standalone output lets `node .next/standalone/server.js` run the dashboard as a service.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The BFF is the only thing that talks to the agent; nothing in the browser needs its URL.
  typedRoutes: false,
  experimental: {
    // Next copies a non-GET body for proxy.ts up to this size. The entry's front door already refuses
    // declared bodies over 64 KB and chunked ones; this caps the copy to match, as a second line.
    proxyClientMaxBodySize: 64 * 1024,
  },
};

module.exports = nextConfig;
