import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/client/session";

describe("safeNext", () => {
  it("keeps same-site paths and refuses anything else", () => {
    expect(safeNext("/agents/local?q=a")).toBe("/agents/local?q=a");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    // URL parsing drops tabs and newlines: "/\t/evil" would become "//evil".
    expect(safeNext("/\t/evil.example")).toBe("/");
    expect(safeNext("/\n/evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/login?next=/x")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
  });
});
