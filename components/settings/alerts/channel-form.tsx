"use client";

import { useId, useState } from "react";
import { CHANNEL_TYPES, type Channel, type ChannelType } from "@/lib/bff/contract-alerts";
import { alertChanges } from "@/lib/client/alerts";
import { Field } from "@/components/ui/field";
import { CHANNEL_LABEL } from "./labels";
import { FormFooter } from "./parts";
import { useAlertAction } from "./use-alert-action";

/**
 * Add or edit a channel. Write-only fields (secret, token, password, Slack's and Discord's URL, the
 * webhook's extra headers) start empty: left empty they keep what is stored, typed in they replace
 * it, and an optional one can be removed. Nothing already stored is ever shown back.
 */
type Values = Record<string, string>;

const initial = (c: Channel | undefined): Values => {
  const s = (c?.settings ?? {}) as Record<string, unknown>;
  const str = (k: string, fallback = "") => (s[k] === undefined ? fallback : String(s[k]));
  return {
    name: c?.name ?? "",
    url: str("url"),
    server: str("server", "https://ntfy.sh"),
    topic: str("topic"),
    host: str("host"),
    port: str("port", "587"),
    tls: str("tls", "starttls"),
    user: str("user"),
    from: str("from"),
    to: Array.isArray(s.to) ? (s.to as string[]).join(", ") : "",
    secret: "",
    headers: "",
    token: "",
    password: "",
    secretUrl: "",
  };
};

/** "Name: value" lines into a header object; undefined when the box is empty. */
function headerLines(text: string): Record<string, string> | undefined {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return undefined;
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
}

function body(type: ChannelType, v: Values, editing: boolean, remove: Set<string>): Record<string, unknown> {
  const secret = (key: string, value: string) =>
    remove.has(key) ? { [key]: null } : value !== "" ? { [key]: value } : editing ? {} : {};
  const base = { ...(editing ? {} : { type }), name: v.name };
  switch (type) {
    case "webhook": {
      const headers = headerLines(v.headers!);
      return {
        ...base,
        url: v.url,
        ...secret("secret", v.secret!),
        ...(remove.has("headers") ? { headers: null } : headers ? { headers } : {}),
      };
    }
    case "ntfy":
      return { ...base, server: v.server, topic: v.topic, ...secret("token", v.token!) };
    case "slack":
    case "discord":
      return { ...base, ...secret("url", v.secretUrl!) };
    case "email":
      return {
        ...base,
        host: v.host,
        port: Number(v.port),
        tls: v.tls,
        user: v.user === "" ? null : v.user,
        ...secret("password", v.password!),
        from: v.from,
        to: v.to!.split(/[,\s]+/).filter(Boolean),
      };
  }
}

export function ChannelForm({ channel, onDone }: { channel?: Channel; onDone: () => void }) {
  const [type, setType] = useState<ChannelType>(channel?.type ?? "webhook");
  const [v, setV] = useState<Values>(() => initial(channel));
  const [remove, setRemove] = useState<Set<string>>(new Set());
  const action = useAlertAction();
  const typeId = useId();
  const tlsId = useId();
  const editing = channel !== undefined;
  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const err = (k: string) => action.error?.fields?.[k]?.[0];
  const isSet = (k: string) => channel?.secretFields.includes(k) ?? false;
  const keepHint = (k: string) => (isSet(k) ? "Set. Leave empty to keep it, or type a new value." : undefined);
  const removable = (k: string, label: string) =>
    isSet(k) && (
      <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <input
          type="checkbox"
          checked={remove.has(k)}
          onChange={(e) =>
            setRemove((old) => {
              const next = new Set(old);
              if (e.target.checked) next.add(k);
              else next.delete(k);
              return next;
            })
          }
        />
        Remove the {label}
      </label>
    );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = body(type, v, editing, remove);
    const done = await action.run(() =>
      editing ? alertChanges.updateChannel(channel.id, payload) : alertChanges.createChannel(payload),
    );
    if (done) onDone();
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="space-y-3"
      aria-label={editing ? `Edit ${channel.name}` : "New channel"}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={typeId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Type
          </label>
          <select
            id={typeId}
            value={type}
            disabled={editing}
            onChange={(e) => setType(e.target.value as ChannelType)}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {CHANNEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {CHANNEL_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Name" value={v.name!} onChange={set("name")} error={err("name")} />
        {type === "webhook" && (
          <>
            <Field
              label="URL"
              type="url"
              value={v.url!}
              onChange={set("url")}
              error={err("url")}
              placeholder="https://…"
            />
            <div className="flex flex-col gap-1">
              <Field
                label="Secret (signs each request)"
                type="password"
                value={v.secret!}
                onChange={set("secret")}
                error={err("secret")}
                hint={keepHint("secret") ?? "Optional: X-AgentDeck-Signature is sha256=HMAC of the body with it."}
              />
              {removable("secret", "secret")}
            </div>
            <div className="flex flex-col gap-1 sm:col-span-2">
              <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400" htmlFor={`${typeId}-h`}>
                Extra headers (one “Name: value” a line)
              </label>
              <textarea
                id={`${typeId}-h`}
                value={v.headers}
                onChange={(e) => set("headers")(e.target.value)}
                rows={2}
                spellCheck={false}
                placeholder={
                  isSet("headers")
                    ? `Set (${channel?.headerNames?.join(", ")}). Type to replace them all.`
                    : "Authorization: Bearer …"
                }
                className="rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              {err("headers") && <p className="text-xs text-red-700 dark:text-red-400">{err("headers")}</p>}
              {removable("headers", "extra headers")}
            </div>
          </>
        )}
        {type === "ntfy" && (
          <>
            <Field label="Server" type="url" value={v.server!} onChange={set("server")} error={err("server")} />
            <Field label="Topic" value={v.topic!} onChange={set("topic")} error={err("topic")} />
            <div className="flex flex-col gap-1">
              <Field
                label="Access token"
                type="password"
                value={v.token!}
                onChange={set("token")}
                error={err("token")}
                hint={keepHint("token") ?? "Optional"}
              />
              {removable("token", "access token")}
            </div>
          </>
        )}
        {(type === "slack" || type === "discord") && (
          <Field
            label="Incoming webhook URL"
            type="password"
            value={v.secretUrl!}
            onChange={set("secretUrl")}
            error={err("url")}
            hint={keepHint("url") ?? "It works as a password: it is not shown again once saved."}
          />
        )}
        {type === "email" && (
          <>
            <Field label="SMTP host" value={v.host!} onChange={set("host")} error={err("host")} />
            <Field label="Port" type="number" value={v.port!} onChange={set("port")} error={err("port")} />
            <div className="flex flex-col gap-1">
              <label htmlFor={tlsId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
                TLS
              </label>
              <select
                id={tlsId}
                value={v.tls}
                onChange={(e) => set("tls")(e.target.value)}
                className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              >
                <option value="starttls">STARTTLS (usually port 587)</option>
                <option value="tls">TLS from the start (usually port 465)</option>
                <option value="none">None (a relay on this machine)</option>
              </select>
            </div>
            <Field label="User" value={v.user!} onChange={set("user")} error={err("user")} hint="Optional" />
            <div className="flex flex-col gap-1">
              <Field
                label="Password"
                type="password"
                value={v.password!}
                onChange={set("password")}
                error={err("password")}
                hint={keepHint("password")}
              />
              {removable("password", "password")}
            </div>
            <Field label="From" type="email" value={v.from!} onChange={set("from")} error={err("from")} />
            <Field label="To (comma separated)" value={v.to!} onChange={set("to")} error={err("to") ?? err("to.0")} />
          </>
        )}
      </div>
      <FormFooter
        error={action.error?.message}
        busy={action.busy}
        submitLabel={editing ? "Save channel" : "Add channel"}
        onCancel={onDone}
      />
    </form>
  );
}
