import "server-only";
import http from "node:http";

/**
 * Work done on every HTTP request this process receives, before Next sees it. Next exposes no such
 * place (its proxy file sees neither the socket nor the raw headers), so `http.Server`'s "request"
 * event is wrapped, once per process, and the hooks run in the order they were added. A hook that
 * answers the request itself returns true: the later hooks and Next never see it.
 */
export type RequestHook = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | void;

const HOOKS = Symbol.for("agent-deck.request-hooks");

export function addRequestHook(hook: RequestHook): void {
  const holder = globalThis as { [HOOKS]?: RequestHook[] };
  let hooks = holder[HOOKS];
  if (!hooks) {
    const list: RequestHook[] = (hooks = holder[HOOKS] = []);
    const original = http.Server.prototype.emit;
    http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage | undefined;
        const res = args[1] as http.ServerResponse | undefined;
        if (req?.headers && res) for (const run of list) if (run(req, res)) return true;
      }
      return Reflect.apply(original, this, [event, ...args]) as boolean;
    } as typeof original;
  }
  hooks.push(hook);
}
