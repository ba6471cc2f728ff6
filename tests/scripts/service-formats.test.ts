import path from "node:path";
import { DOMParser, onWarningStopParsing, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { serviceContext, type ServiceInput } from "../../scripts/lib/service/context.cjs";
import { parseEnvFile } from "../../scripts/lib/service/env-file.cjs";
import { launchdDefinition } from "../../scripts/lib/service/launchd.cjs";
import { taskDefinition, winArg } from "../../scripts/lib/service/task-scheduler.cjs";

/*
 * The macOS LaunchAgent and the Windows task, parsed as XML (strictly: any warning fails) and held
 * to their formats: Apple's plist DTD and launchd's keys; Task Scheduler's task schema (1.2).
 */
const parse = (xml: string) => new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, "text/xml");
const children = (el: Element) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
const child = (el: Element, name: string) => children(el).find((c) => c.localName === name);
const ENV = {
  AGENT_URL: "http://127.0.0.1:3840",
  AGENT_NAME: `Office "PC" & <lab> it's`,
  DASHBOARD_PASSWORD: "pa$$ word",
};

describe("the macOS LaunchAgent", () => {
  const given: ServiceInput = {
    platform: "darwin",
    system: false,
    env: ENV,
    projectDir: "/Users/me/Agent Deck",
    nodePath: "/opt/homebrew/bin/node",
    home: "/Users/me",
    username: "me",
    uid: 501,
  };
  const ctx = serviceContext(given);
  const d = launchdDefinition(ctx);

  /** A plist value as JavaScript: dict, array, string, integer, true, false. */
  function value(el: Element): unknown {
    switch (el.localName) {
      case "dict": {
        const items = children(el);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < items.length; i += 2) {
          expect(items[i]!.localName).toBe("key");
          out[items[i]!.textContent ?? ""] = value(items[i + 1]!);
        }
        return out;
      }
      case "array":
        return children(el).map(value);
      case "string":
        return el.textContent;
      case "integer":
        expect(el.textContent).toMatch(/^-?\d+$/);
        return Number(el.textContent);
      case "true":
      case "false":
        return el.localName === "true";
      default:
        throw new Error(`not a plist element: ${el.localName}`);
    }
  }

  it("is a well-formed plist 1.0 with launchd's keys, running node and start.mjs from the project", () => {
    const file = d.files[0]!;
    expect(file.path).toBe("/Users/me/Library/LaunchAgents/agent-deck.plist");
    const doc = parse(String(file.content));
    const unquote = (s: string | undefined) => s?.replace(/^"|"$/g, "");
    expect(unquote(doc.doctype?.publicId)).toBe("-//Apple//DTD PLIST 1.0//EN");
    expect(unquote(doc.doctype?.systemId)).toBe("http://www.apple.com/DTDs/PropertyList-1.0.dtd");
    const root = doc.documentElement!;
    expect([root.localName, root.getAttribute("version"), children(root).length]).toEqual(["plist", "1.0", 1]);
    const plist = value(children(root)[0]!) as Record<string, unknown>;
    expect(plist).toEqual({
      Label: "agent-deck",
      ProgramArguments: ["/opt/homebrew/bin/node", "/Users/me/Agent Deck/scripts/start.mjs"],
      WorkingDirectory: "/Users/me/Agent Deck",
      EnvironmentVariables: { ...ENV, DATA_DIR: "/Users/me/Agent Deck/data" },
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 10,
      ExitTimeOut: 20,
      StandardOutPath: "/Users/me/Library/Logs/agent-deck/agent-deck.log",
      StandardErrorPath: "/Users/me/Library/Logs/agent-deck/agent-deck.log",
    });
  });

  it("holds the settings, so only you may read it; launchctl loads it into your GUI session", () => {
    expect(d.files[0]!.mode).toBe(0o600);
    expect(d.directories).toEqual(["/Users/me/Library/Logs/agent-deck"]);
    expect(d.install.map(([tool, args]) => [tool, ...args].join(" "))).toEqual([
      "launchctl bootout gui/501/agent-deck",
      "launchctl bootstrap gui/501 /Users/me/Library/LaunchAgents/agent-deck.plist",
      "launchctl enable gui/501/agent-deck",
    ]);
    expect(d.install[0]![2]).toEqual({ mayFail: true }); // not loaded yet on a first install
  });
});

/** How a Windows program splits its command line (CommandLineToArgvW). */
function splitWindowsArgs(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) break;
    let arg = "";
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== " " && line[i] !== "\t"))) {
      if (line[i] === "\\") {
        let n = 0;
        for (; line[i] === "\\"; i++) n++;
        if (line[i] === '"') {
          arg += "\\".repeat(Math.floor(n / 2));
          if (n % 2 === 1) {
            arg += '"';
            i++;
          }
        } else arg += "\\".repeat(n);
      } else if (line[i] === '"') {
        quoted = !quoted;
        i++;
      } else arg += line[i++];
    }
    out.push(arg);
  }
  return out;
}

const SETTINGS_1_2 = new Set(
  "AllowStartOnDemand RestartOnFailure MultipleInstancesPolicy DisallowStartIfOnBatteries StopIfGoingOnBatteries AllowHardTerminate StartWhenAvailable NetworkProfileName RunOnlyIfNetworkAvailable WakeToRun Enabled Hidden DeleteExpiredTaskAfter IdleSettings NetworkSettings ExecutionTimeLimit Priority RunOnlyIfIdle".split(
    " ",
  ),
);
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
const minutes = (d: string) => {
  const m = DURATION.exec(d)!;
  const n = (g: number) => Number(m[g]?.slice(0, -1) ?? 0);
  return n(3) * 1440 + n(5) * 60 + n(6) + n(7) / 60;
};

describe.each([false, true])("the Windows task (system: %s)", (system) => {
  const ctx = serviceContext({
    platform: "win32",
    system,
    env: { ...ENV, LOCALAPPDATA: "C:\\Users\\me\\AppData\\Local", USERDOMAIN: "DESK", ProgramData: "C:\\ProgramData" },
    projectDir: "C:\\Users\\me\\Agent Deck",
    nodePath: "C:\\Program Files\\nodejs\\node.exe",
    home: "C:\\Users\\me",
    username: "me",
  });
  const d = taskDefinition(ctx);
  const xmlFile = d.files[1]!;
  const bytes = xmlFile.content as Buffer;

  it("is UTF-16 with a byte order mark, as Task Scheduler exports it, and valid XML in its namespace", () => {
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const xml = bytes.subarray(2).toString("utf16le");
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-16"\?>/);
    const task = parse(xml).documentElement!;
    expect([task.localName, task.namespaceURI, task.getAttribute("version")]).toEqual([
      "Task",
      "http://schemas.microsoft.com/windows/2004/02/mit/task",
      "1.2",
    ]);
  });

  it("holds what the schema requires, with values of the schema's types", () => {
    const task = parse(bytes.subarray(2).toString("utf16le")).documentElement!;
    expect(children(task).map((c) => c.localName)).toEqual([
      "RegistrationInfo",
      "Triggers",
      "Principals",
      "Settings",
      "Actions",
    ]);
    const boot = child(child(task, "Triggers")!, "BootTrigger")!;
    expect(child(boot, "Enabled")?.textContent).toBe("true");
    const principal = child(child(task, "Principals")!, "Principal")!;
    const actions = child(task, "Actions")!;
    expect(actions.getAttribute("Context")).toBe(principal.getAttribute("id"));
    expect(children(principal).map((c) => [c.localName, c.textContent])).toEqual(
      system
        ? [
            ["UserId", "S-1-5-18"],
            ["LogonType", "ServiceAccount"],
            ["RunLevel", "HighestAvailable"],
          ]
        : [
            ["UserId", "DESK\\me"],
            ["LogonType", "S4U"],
            ["RunLevel", "LeastPrivilege"],
          ],
    );
    const settings = child(task, "Settings")!;
    for (const s of children(settings)) expect(SETTINGS_1_2, s.localName ?? "").toContain(s.localName);
    const get = (name: string) => child(settings, name)?.textContent;
    for (const flag of ["AllowStartOnDemand", "Enabled", "AllowHardTerminate", "StartWhenAvailable"])
      expect(get(flag)).toBe("true");
    for (const flag of ["DisallowStartIfOnBatteries", "StopIfGoingOnBatteries", "RunOnlyIfIdle", "Hidden", "WakeToRun"])
      expect(get(flag)).toBe("false");
    expect(get("ExecutionTimeLimit")).toBe("PT0S"); // never stopped for running long
    expect(["Parallel", "Queue", "IgnoreNew", "StopExisting"]).toContain(get("MultipleInstancesPolicy"));
    expect(Number(get("Priority"))).toBeGreaterThanOrEqual(0);
    expect(Number(get("Priority"))).toBeLessThanOrEqual(10);
    const restart = child(settings, "RestartOnFailure")!;
    const interval = child(restart, "Interval")!.textContent!;
    expect(interval).toMatch(DURATION);
    expect(minutes(interval)).toBeGreaterThanOrEqual(1); // the schema's minimum, PT1M
    expect(Number(child(restart, "Count")!.textContent)).toBeLessThanOrEqual(999);
  });

  it("runs node with start.mjs, the settings file and the log file, however Windows splits the line", () => {
    const task = parse(bytes.subarray(2).toString("utf16le")).documentElement!;
    const exec = child(child(task, "Actions")!, "Exec")!;
    expect(child(exec, "Command")?.textContent).toBe("C:\\Program Files\\nodejs\\node.exe");
    expect(child(exec, "WorkingDirectory")?.textContent).toBe("C:\\Users\\me\\Agent Deck");
    const base = system ? "C:\\ProgramData\\agent-deck" : "C:\\Users\\me\\AppData\\Local\\agent-deck";
    expect(splitWindowsArgs(child(exec, "Arguments")!.textContent!)).toEqual([
      "C:\\Users\\me\\Agent Deck\\scripts\\start.mjs",
      "--settings-file",
      `${base}\\agent-deck.env`,
      "--log-file",
      `${base}\\logs\\agent-deck.log`,
    ]);
    expect(d.files[0]!.path).toBe(`${base}\\agent-deck.env`);
    expect(Object.fromEntries(parseEnvFile(String(d.files[0]!.content)))).toEqual(Object.fromEntries(ctx.settings));
    expect(bytes.subarray(2).toString("utf16le")).not.toContain("pa$$");
    expect(path.win32.isAbsolute(ctx.dataDir)).toBe(true);
  });

  it("limits the settings file to SYSTEM and its owner, then registers and starts the task", () => {
    expect(d.install.map(([tool, args]) => [tool, ...args])).toEqual([
      [
        "icacls",
        d.files[0]!.path,
        "/inheritance:r",
        "/grant:r",
        "*S-1-5-18:F",
        system ? "*S-1-5-32-544:F" : "DESK\\me:F",
      ],
      ["schtasks", "/Create", "/TN", "AgentDeck", "/XML", xmlFile.path, "/F"],
      ["schtasks", "/Run", "/TN", "AgentDeck"],
    ]);
  });
});

describe("winArg quotes an argument as Windows splits it back", () => {
  it.each(["plain", "with space", 'quote"inside', "trailing\\", "C:\\path with space\\", 'back\\"slash', ""])(
    "%j",
    (arg) => {
      expect(splitWindowsArgs(`x ${winArg(arg)} y`)).toEqual(["x", arg, "y"]);
    },
  );
});
