/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line must be a
 * HELP, a TYPE or a sample of a declared family, names and labels must be well-formed, values must
 * be numbers. Throws on the first violation, naming the line.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Exposition = { types: Map<string, string>; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/;
const SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

function parseValue(text: string, line: string): number {
  // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
  // writes "Nan" (an event-loop lag mean before any sample), which Prometheus therefore accepts.
  const special = text.toLowerCase();
  if (special === "+inf" || special === "inf") return Infinity;
  if (special === "-inf") return -Infinity;
  if (special === "nan") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value in: ${line}`);
  return Number(text);
}

function family(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const [base, type] of types) for (const s of SUFFIXES[type] ?? []) if (s && name === base + s) return base;
  return undefined;
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  for (const line of text.slice(0, -1).split("\n")) {
    // The format allows empty lines (prom-client puts one between families).
    if (line === "") continue;
    if (line.startsWith("# HELP ")) {
      if (!NAME.test(line.split(" ")[2] ?? "")) throw new Error(`bad HELP: ${line}`);
      continue;
    }
    if (line.startsWith("# TYPE ")) {
      const [, , name = "", type = ""] = line.split(" ");
      if (!NAME.test(name) || !["counter", "gauge", "histogram", "summary", "untyped"].includes(type))
        throw new Error(`bad TYPE: ${line}`);
      if (types.has(name)) throw new Error(`TYPE declared twice: ${line}`);
      types.set(name, type);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const name = m[1]!;
    if (!family(name, types)) throw new Error(`sample of an undeclared family: ${line}`);
    const labels: Record<string, string> = {};
    let rest = m[3] ?? "";
    while (rest) {
      const l = LABEL.exec(rest);
      if (!l) throw new Error(`bad labels in: ${line}`);
      labels[l[1]!] = l[2]!.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
      rest = rest.slice(l[0].length);
    }
    samples.push({ name, labels, value: parseValue(m[4]!, line) });
  }
  return { types, samples };
}

/** The samples of `name` whose labels include `match`. */
export function select(exp: Exposition, name: string, match: Record<string, string> = {}): Sample[] {
  return exp.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The value of the one sample of `name` with labels `match`; throws when there is not exactly one. */
export function value(exp: Exposition, name: string, match: Record<string, string> = {}): number {
  const found = select(exp, name, match);
  if (found.length !== 1) throw new Error(`expected one ${name} ${JSON.stringify(match)}, found ${found.length}`);
  return found[0]!.value;
}
