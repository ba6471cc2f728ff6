import "server-only";
import { AlertIdSchema } from "@/lib/bff/contract-alerts";
import { pathParam } from "../request-body";

/** An alert channel's or rule's id from the path: generated ("c-1a2b3c4d5e") or ALERTS_FILE's slugs. */
export function alertIdParam(params: Record<string, string>): string {
  return pathParam(params, "id", AlertIdSchema, "id");
}
