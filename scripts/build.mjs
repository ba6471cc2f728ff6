#!/usr/bin/env node
// `npm run build`: next build, then postbuild (scripts/postbuild.mjs), both as `node <script>` so
// the build starts the same way on Windows as elsewhere (see scripts/lib/launch-plans.cjs).
import { plans } from "./lib/launch-plans.cjs";
import { runNode } from "./lib/spawn-node.cjs";

const built = runNode(plans.nextBuild());
if (built !== 0) process.exit(built);
process.exit(runNode(plans.postbuild()));
