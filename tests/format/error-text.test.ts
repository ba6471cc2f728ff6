import { describe, expect, it } from "vitest";
import { errorSummary, valueText } from "@/lib/format/error-text";

describe("error text of any shape", () => {
  it("summarises strings, objects with messages, other objects and odd values", () => {
    expect(errorSummary("Disk full")).toBe("Disk full");
    expect(errorSummary({ code: 13, message: "Disk full", path: "D:\\x" })).toBe("13: Disk full");
    expect(errorSummary({ file: "a.txt", peers: 2 })).toBe("file: a.txt, peers: 2");
    expect(errorSummary({ details: { a: 1 } })).toBe('details: {"a":1}');
    expect(errorSummary(null)).toBe("—");
    expect(errorSummary(42)).toBe("42");
    expect(valueText(["x", 1])).toBe('["x",1]');
  });
});
