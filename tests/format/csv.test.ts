import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/format/csv";

describe("CSV cells and rows (RFC 4180)", () => {
  it("quotes a cell holding a comma, a quote, CR or LF, doubling its quotes; ends rows with CRLF", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", "cr\rhere"])).toBe(
      'plain,"say ""hi""","a,b","two\nlines","cr\rhere"\r\n',
    );
  });

  it("keeps the agent's text as it is: UTF-8, spaces, emoji", () => {
    expect(csvCell("Grüße 📁 日本")).toBe("Grüße 📁 日本");
    expect(csvCell(" padded ")).toBe(" padded ");
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvCell(`${start}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes numbers as numbers (a negative number is no formula), nothing for absent or non-finite values", () => {
    expect(csvRow([-1, 0, 2.5, undefined, null, Number.NaN])).toBe("-1,0,2.5,,,\r\n");
  });
});
