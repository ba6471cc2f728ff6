import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";
import boundaries from "./eslint/boundaries.mjs";

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
    // Type-aware checks: a promise nobody awaits or catches loses its error; a promise passed where
    // a callback's result is ignored (an onClick, a forEach) does too; a switch over a union must
    // name every member, so a new status or event kind cannot fall through unnoticed.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Import boundaries. The browser must never import server code (token, agent URL): any file that
    // starts with "use client", wherever it is, and everything in components/ and lib/client/.
    plugins: { "agent-deck": boundaries },
    rules: { "agent-deck/no-server-in-client": "error" },
  },
  {
    files: ["components/**", "lib/client/**"],
    rules: { "agent-deck/no-server-in-client": ["error", { always: true }] },
  },
  {
    files: ["lib/agent-api/**", "lib/bff/**", "lib/domain/**", "lib/format/**"],
    rules: { "agent-deck/shared-layer": "error" },
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
