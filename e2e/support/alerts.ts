import type { Channel, Delivery, Rule } from "@/lib/bff/contract-alerts";

/**
 * The alert routes as a script would use them: same-origin JSON with the dashboard's Origin (and a
 * session cookie when one is given). Every call answers its status and body; `ok` ones throw on
 * anything but 2xx, so a spec reads as what it does.
 */
export class AlertsApi {
  constructor(
    private readonly base: string,
    private readonly cookie?: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; json: unknown }> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        "content-type": "application/json",
        origin: this.base,
        "sec-fetch-site": "same-origin",
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r.json as T;
  }

  channel(body: Record<string, unknown>) {
    return this.ok<Channel>("POST", "/api/alerts/channels", body);
  }
  rule(body: Record<string, unknown>) {
    return this.ok<Rule>("POST", "/api/alerts/rules", body);
  }
  async channels() {
    return (await this.ok<{ channels: Channel[] }>("GET", "/api/alerts/channels")).channels;
  }
  async deliveries() {
    return (await this.ok<{ deliveries: Delivery[] }>("GET", "/api/alerts/deliveries")).deliveries;
  }
  test(channelId: string) {
    return this.ok<{ outcome: string; status?: number; error?: string }>(
      "POST",
      `/api/alerts/channels/${channelId}/test`,
    );
  }
}

/** Signs in through the API and answers the session cookie ("name=value"). */
export async function signInCookie(base: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
