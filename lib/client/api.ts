import { ErrorBodySchema } from "@/lib/bff/contract";

/**
 * The one browser fetch helper: same-origin JSON calls to the BFF. Every failure becomes an
 * ApiError carrying the BFF's own error code, so the UI can explain it in words.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Codes for failures that never reached a BFF answer we could read. */
export const NETWORK_ERROR = "network";
export const BAD_BODY = "bad_body";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (!path.startsWith("/api/")) throw new Error(`Only same-origin /api paths are allowed: ${path}`);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal,
      credentials: "same-origin",
      cache: "no-store",
      // Every change is sent as JSON, even one without a body: the BFF's CSRF check requires it.
      headers:
        method === "GET"
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    // Let React Query see its own cancellations as such.
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, NETWORK_ERROR, "The dashboard server could not be reached.");
  }

  const text = await res.text().catch(() => "");
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!res.ok) {
    const parsed = ErrorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new ApiError(res.status, code, message, fields);
    }
    throw new ApiError(
      res.status,
      `http_${res.status}`,
      `The dashboard server answered ${res.status} ${res.statusText}`.trim(),
    );
  }
  if (text && json === undefined)
    throw new ApiError(res.status, BAD_BODY, "The dashboard server sent a response that is not JSON.");
  return json as T;
}

export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>("GET", path, undefined, signal);
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return request<T>("PATCH", path, body);
}

export function apiPost<T>(path: string, body: unknown): Promise<T> {
  return request<T>("POST", path, body);
}

export function apiPut<T>(path: string, body: unknown): Promise<T> {
  return request<T>("PUT", path, body);
}

export function apiDelete<T>(path: string): Promise<T> {
  return request<T>("DELETE", path);
}

/** Builds `/api/agents/{id}/…` with every segment encoded, so ids never alter the path. */
export function agentPath(agentId: string, ...rest: (string | number)[]): string {
  return ["/api/agents", agentId, ...rest].map((s, i) => (i === 0 ? s : encodeURIComponent(String(s)))).join("/");
}
