// Types for systemd.cjs.
import type { Define } from "./definition.cjs";
export declare const systemdDefinition: Define;
export declare function envComments(ctx: unknown, restart: string): string[];
