import { describe, expect, it } from "vitest";
import { formatEnvFile, parseEnvFile, quoteEnvValue } from "../../scripts/lib/service/env-file.cjs";

// What systemd's own parser (src/basic/env-file.c) makes of these lines, case by case.
describe("parseEnvFile reads a file as systemd's EnvironmentFile= does", () => {
  it.each([
    ["KEY=value", "value"],
    ["  KEY  =  value with  inner  spaces   ", "value with  inner  spaces"],
    ['KEY="double quoted \\" \\\\ \\$ \\` kept \\n"', 'double quoted " \\ $ ` kept \\n'],
    ["KEY='single $quoted \\n'", "single $quoted \\n"],
    ["KEY=unquoted\\ escape\\$", "unquoted escape$"],
    ["KEY=\"joined\"'parts'", "joinedparts"],
    ["KEY=", ""],
    ["KEY=a#b;c", "a#b;c"],
    ["KEY=first\\\nsecond", "firstsecond"],
    ['KEY="line\\\ncontinued"', "linecontinued"],
  ])("%j → %j", (line, value) => {
    expect(parseEnvFile(`${line}\n`).get("KEY")).toBe(value);
  });

  it("skips comments and blank lines, takes the last of a repeated key, and reads a last line without a newline", () => {
    const text = "# comment\n; also a comment\n\n  \nA=1\nB=2\nA=3\r\nC=end";
    expect([...parseEnvFile(text)]).toEqual([
      ["A", "3"],
      ["B", "2"],
      ["C", "end"],
    ]);
  });

  it("a line without = is no setting", () => {
    expect([...parseEnvFile("JUSTAWORD\nK=v\n")]).toEqual([["K", "v"]]);
  });
});

describe("formatEnvFile writes values that read back unchanged", () => {
  const values = [
    "http://127.0.0.1:3840",
    "Office PC",
    'pa$$ "word" `x` \\ end',
    "it's",
    " leading and trailing ",
    "#not a comment",
    "ünïcødé ✓",
    "a=b,c",
    "",
  ];
  it("round-trips every value, quoting only where needed", () => {
    const entries = values.map((v, i): [string, string] => [`K${i}`, v]);
    const text = formatEnvFile(entries, ["a comment"]);
    expect(text.startsWith("# a comment\n")).toBe(true);
    expect([...parseEnvFile(text)]).toEqual(entries);
    expect(quoteEnvValue("http://127.0.0.1:3840")).toBe("http://127.0.0.1:3840");
    expect(quoteEnvValue("Office PC")).toBe('"Office PC"');
  });

  it("refuses a value with a line break rather than write a file that means something else", () => {
    expect(() => quoteEnvValue("two\nlines")).toThrow(/line break/);
  });
});
