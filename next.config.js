// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Standalone output lets `node .next/standalone/server.js` run the dashboard as a service.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The BFF is the only thing that talks to the agent; nothing in the browser needs its URL.
  typedRoutes: false,
};

module.exports = nextConfig;
