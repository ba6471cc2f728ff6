import { describe, expect, it } from "vitest";
import * as z from "@/lib/agent-api/zod";
import { asciiJson, cachedJsonResponse, encodeJson, matchesEtag } from "@/lib/server/etag";

/** The answers' contract, as loose as these samples. */
const LIST = z.array(z.looseObject({ run_id: z.number() }));
const RUNS = [
  { run_id: 1, name: "東京オフィス 📁", path: 'Q3 <Report> & "Drafts"\\x' },
  { run_id: 2, name: "Café", errors: ["\u2028"] },
];

describe("asciiJson", () => {
  it("is pure ASCII and the same JSON", () => {
    const text = asciiJson(RUNS);
    expect(/[\u0080-\uffff]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(RUNS);
    expect(text).toContain("\\u6771\\u4eac");
    // Characters outside the BMP travel as their two surrogate escapes.
    expect(text).toContain("\\ud83d\\udcc1");
  });
});

describe("ETag", () => {
  it("is computed once per value and changes with the content", () => {
    const a = encodeJson(RUNS);
    expect(encodeJson(RUNS)).toBe(a);
    expect(a.etag).toMatch(/^"[\w-]{32}"$/);
    expect(encodeJson(structuredClone(RUNS)).etag).toBe(a.etag);
    expect(encodeJson([...RUNS, { run_id: 3 }]).etag).not.toBe(a.etag);
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    const tag = '"abc"';
    expect(matchesEtag(null, tag)).toBe(false);
    expect(matchesEtag('"abc"', tag)).toBe(true);
    expect(matchesEtag('W/"abc"', tag)).toBe(true);
    expect(matchesEtag('"x", W/"abc" , "y"', tag)).toBe(true);
    expect(matchesEtag("*", tag)).toBe(true);
    expect(matchesEtag('"abcd"', tag)).toBe(false);
  });

  it("answers 304 without a body when the tag matches, else 200 with the JSON", async () => {
    const first = cachedJsonResponse(new Headers(), LIST, RUNS);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    const etag = first.headers.get("etag")!;
    expect(JSON.parse(await first.text())).toEqual(RUNS);
    const again = cachedJsonResponse(new Headers({ "if-none-match": etag }), LIST, structuredClone(RUNS));
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    expect(cachedJsonResponse(new Headers({ "if-none-match": '"stale"' }), LIST, RUNS).status).toBe(200);
  });
});

describe("cachedJsonResponse", () => {
  it("refuses an answer that does not fit its contract", () => {
    expect(() => cachedJsonResponse(new Headers(), LIST, [{ run_id: "1" }] as unknown as { run_id: number }[])).toThrow(
      "contract",
    );
  });
});
