// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Standalone output lets `node .next/standalone/server.js` run the dashboard as a service.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  /*
   * The React Compiler memoises a component at build time. Every query the agent page holds
   * (snapshot, history, events, agents, session) re-renders its subscribers at each change of state,
   * and React Query delivers those synchronously; unmemoised, each one redrew the whole page below
   * it. Opt-in ("use memo" in the agent page and its live panels): compiling every component added
   * 9 KB to the agent page's first-load JavaScript (191 to 200 KB, its budget), and the page's own
   * component is where the redraws start (Lighthouse desktop, agent page: TBT 770 to 150-250 ms).
   */
  reactCompiler: { compilationMode: "annotation" },
  // The BFF is the only thing that talks to the agent; nothing in the browser needs its URL.
  typedRoutes: false,
  experimental: {
    // Next copies a non-GET body for proxy.ts up to this size. The entry's front door already refuses
    // declared bodies over 64 KB and chunked ones; this caps the copy to match, as a second line.
    proxyClientMaxBodySize: 64 * 1024,
  },
};

module.exports = nextConfig;
