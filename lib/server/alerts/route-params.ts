import "server-only";
import { AppError } from "../errors";

/** An alert channel's or rule's id from the path: generated ("c-1a2b3c4d5e") or ALERTS_FILE's slugs. */
export function alertIdParam(params: Record<string, string>): string {
  const id = params.id ?? "";
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id))
    throw new AppError("invalid_input", "The id is not valid: ids are lowercase slugs", { id: ["Not an alert id"] });
  return id;
}
