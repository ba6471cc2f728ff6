import path from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
// @ts-expect-error: a plain ESM module of the lint config, without types.
import boundaries from "../../eslint/boundaries.mjs";

// ESLint's own harness runs each case through the real rule; it needs the test framework's hooks.
RuleTester.describe = describe;
RuleTester.it = it;

const ROOT = path.resolve(__dirname, "..", "..");
const at = (file: string) => path.join(ROOT, file);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: "module" } });
const { rules } = boundaries as { rules: Record<string, Parameters<RuleTester["run"]>[1]> };

tester.run("no-server-in-client", rules["no-server-in-client"]!, {
  valid: [
    // A server component or route may use the server.
    { code: 'import { config } from "@/lib/server/config";', filename: at("app/agents/page.tsx") },
    // A client file may use the browser's side and shared code.
    {
      code: '"use client";\nimport { api } from "@/lib/client/api";\nimport "@/lib/bff/contract";',
      filename: at("app/x.tsx"),
    },
    // A package named like a folder is not our folder.
    { code: '"use client";\nimport x from "lib/server";', filename: at("app/x.tsx") },
  ],
  invalid: [
    {
      code: '"use client";\nimport { config } from "@/lib/server/config";',
      filename: at("app/error.tsx"),
      errors: [{ messageId: "banned" }],
    },
    // Relative paths are resolved: from lib/client, ../server is lib/server.
    {
      code: 'import { x } from "../server/agent-service";',
      filename: at("lib/client/api.ts"),
      options: [{ always: true }],
      errors: [{ messageId: "banned" }],
    },
    { code: 'export * from "@/lib/server";', filename: at("components/x.tsx"), options: [{ always: true }], errors: 1 },
    { code: '"use client";\nconst m = import("@/lib/server/store");', filename: at("app/y.tsx"), errors: 1 },
  ],
});

tester.run("shared-layer", rules["shared-layer"]!, {
  valid: [{ code: 'import { z } from "zod";\nimport "./runs";', filename: at("lib/agent-api/client.ts") }],
  invalid: [
    { code: 'import "@/lib/server/config";', filename: at("lib/bff/contract.ts"), errors: 1 },
    { code: 'import { api } from "../client/api";', filename: at("lib/domain/summary.ts"), errors: 1 },
  ],
});
