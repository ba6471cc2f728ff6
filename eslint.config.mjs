import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/out/**",
  ]),
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**", "bench/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The server entry is CommonJS on purpose: it becomes .next/standalone/server.js, run by plain node.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The browser must never import server code (token, agent URL): enforce the boundary.
    files: ["components/**", "lib/client/**", "app/**/page.tsx", "app/**/layout.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "**/lib/server/*"], message: "Browser code must not import lib/server." },
          ],
        },
      ],
    },
  },
  {
    // Components never fetch: all browser I/O goes through lib/client.
    files: ["components/**"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "Use lib/client instead of fetch in components." }],
    },
  },
  // Last: Prettier owns layout, so ESLint's formatting rules are off (the two never disagree).
  prettier,
]);
