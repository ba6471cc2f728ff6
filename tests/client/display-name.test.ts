import { describe, expect, it } from "vitest";
import { displayName } from "@/lib/client/display-name";

describe("displayName", () => {
  it("prefers the configured name, but not the unconfigured default", () => {
    expect(displayName("Office PC", "RENDER-NODE-07", "local")).toBe("Office PC");
    expect(displayName("Local agent", "RENDER-NODE-07", "local")).toBe("RENDER-NODE-07");
    expect(displayName("Local agent", undefined, "local")).toBe("Local agent");
    expect(displayName(undefined, undefined, "local")).toBe("local");
  });
});
