// Types for launchd.cjs.
import type { Define } from "./definition.cjs";
export declare const launchdDefinition: Define;
