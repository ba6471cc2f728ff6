import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/support/entry-slot.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: the simulator processes the tests start are light, but keep the pool small.
    maxWorkers: 2,
  },
});
