import { TagInputSchema } from "@/lib/bff/contract";
import type { ApiError } from "./api";

export type TagFieldErrors = { name?: string; value?: string; form?: string };

/** Client-side check with the contract's own schema and messages, so browser and BFF agree. */
export function validateTag(
  name: string,
  value: string,
): { ok: true; tag: { name: string; value: string } } | { ok: false; errors: TagFieldErrors } {
  const parsed = TagInputSchema.safeParse({ name, value });
  if (parsed.success) return { ok: true, tag: { name: parsed.data.name, value: parsed.data.value } };
  const errors: TagFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] === "name" ? "name" : issue.path[0] === "value" ? "value" : "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Maps a BFF 400's `fields` (keys like "tags.0.name" or "name") onto the form's inputs; anything
 * else, or any other failure, becomes a form-level message.
 */
export function serverTagErrors(error: ApiError | null): TagFieldErrors {
  if (!error) return {};
  const out: TagFieldErrors = {};
  for (const [key, messages] of Object.entries(error.fields ?? {})) {
    const msg = messages.join(" ");
    if (/(^|\.)name$/.test(key)) out.name ??= msg;
    else if (/(^|\.)value$/.test(key)) out.value ??= msg;
    else out.form = out.form ? `${out.form} ${msg}` : msg;
  }
  if (!out.name && !out.value && !out.form) out.form = error.message;
  return out;
}
