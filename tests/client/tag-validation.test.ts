import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api";
import { serverTagErrors, validateTag } from "@/lib/client/tag-validation";

describe("tag validation", () => {
  it("accepts and trims a good tag", () => {
    expect(validateTag("  SITE ", " Berlin ")).toEqual({ ok: true, tag: { name: "SITE", value: "Berlin" } });
  });
  it("uses the contract's messages", () => {
    const r = validateTag("", "x\u0001");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.name).toBe("Tag name must not be empty");
      expect(r.errors.value).toBe("Tag value must not contain control characters");
    }
  });
  it("maps server field errors onto inputs", () => {
    const e = new ApiError(400, "invalid_input", "Invalid input", {
      "tags.0.name": ["Tag name must be at most 255 characters"],
      other: ["bad"],
    });
    expect(serverTagErrors(e)).toEqual({ name: "Tag name must be at most 255 characters", form: "bad" });
    expect(serverTagErrors(new ApiError(503, "agent_unreachable", "The agent is unreachable"))).toEqual({
      form: "The agent is unreachable",
    });
  });
});
