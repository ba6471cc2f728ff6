import { describe, expect, it } from "vitest";
import { safeParse } from "@/lib/agent-api/zod";
import { ClientPatchSchema, TagsPatchSchema } from "@/lib/bff/contract";
import { validationError } from "@/lib/server/request-body";
import "@/lib/server/zod-messages";

/**
 * The field messages a 400 carries, as the routes build them: each says what is wrong with that
 * value (a range message for a range, the whole-number message for a fraction), in English.
 */
function fields(schema: Parameters<typeof safeParse>[0], body: unknown): Record<string, string[]> | undefined {
  const parsed = safeParse(schema, body);
  if (parsed.success) return undefined;
  return validationError(parsed.error).fields;
}

describe("400 field messages", () => {
  it.each([
    [{ paused: true, resumeTimer: 0 }, "Too small: expected number to be >=1"],
    [{ paused: true, resumeTimer: 604_801 }, "Too big: expected number to be <=604800"],
    [{ paused: true, resumeTimer: 1.5 }, "resumeTimer must be a whole number of seconds"],
    [{ paused: true, resumeTimer: "60" }, "Invalid input: expected number, received string"],
  ])("resumeTimer in %j: %s", (body, message) => {
    expect(fields(ClientPatchSchema, body)).toEqual({ resumeTimer: [message] });
  });

  it("tags: each field names its own problem", () => {
    expect(fields(TagsPatchSchema, { tags: [{ name: " ", value: "x".repeat(256) }] })).toEqual({
      "tags.0.name": ["Tag name must not be empty"],
      "tags.0.value": ["Tag value must be at most 255 characters"],
    });
  });

  it("a valid pause passes", () => {
    expect(fields(ClientPatchSchema, { paused: true, resumeTimer: 604_800 })).toBeUndefined();
  });
});
