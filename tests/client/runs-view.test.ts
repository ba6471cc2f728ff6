import { describe, expect, it } from "vitest";
import { parseRunsView, writeRunsView } from "@/lib/client/runs-view";

const SORTABLE = ["name", "status", "progress"];

describe("runs view in the URL", () => {
  it("reads every parameter", () => {
    const v = parseRunsView(
      new URLSearchParams("q=photos&status=error&type=transfer&sort=progress&dir=desc"),
      SORTABLE,
    );
    expect(v).toEqual({ q: "photos", status: "error", type: "transfer", sort: "progress", dir: "desc" });
  });
  it("ignores malformed values", () => {
    const v = parseRunsView(new URLSearchParams("status=broken&sort=nope&dir=sideways"), SORTABLE);
    expect(v).toEqual({ q: "", status: "", type: "", sort: "", dir: "asc" });
  });
  it("writes changes, drops defaults and keeps unrelated params", () => {
    const base = new URLSearchParams("foo=1&q=old");
    expect(writeRunsView(base, { q: "new", sort: "name", dir: "desc" }).toString()).toBe(
      "foo=1&q=new&sort=name&dir=desc",
    );
    expect(writeRunsView(new URLSearchParams("q=x&sort=name&dir=desc"), { q: "", sort: "" }).toString()).toBe("");
    expect(writeRunsView(new URLSearchParams(""), { sort: "name", dir: "asc" }).toString()).toBe("sort=name");
  });
});
