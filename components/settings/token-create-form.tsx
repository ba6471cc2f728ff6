"use client";

import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TOKEN_SCOPES, TokenNameSchema, type Scope, type TokenCreated } from "@/lib/bff/contract";
import { isApiError, type ApiError } from "@/lib/client/api";
import { TOKENS_KEY, createApiToken } from "@/lib/client/tokens";
import { Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NewTokenPanel } from "./new-token-panel";

const SCOPE_LABEL: Record<Scope, string> = { read: "Read", operate: "Operate", admin: "Admin" };

/** What each scope may do, in the words the README uses. */
const SCOPE_TEXT: Record<Scope, string> = {
  read: "Every GET: status, runs, history, events, metrics. For monitors, walls and read-only hubs.",
  operate: "Also pause, resume, restart and tag agents. For scripts and a hub with controls.",
  admin: "Also change settings, API tokens and schedules, and sign out every session.",
};

/**
 * Makes a token: a name and a scope (read by default: least privilege first). The answer's token is
 * shown once by NewTokenPanel and kept nowhere else: leaving the page forgets it.
 */
export function TokenCreateForm() {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("read");
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<TokenCreated | undefined>();
  const groupId = useId();
  const create = useMutation<TokenCreated, ApiError, { name: string; scope: Scope }>({
    mutationFn: createApiToken,
    onSuccess: async (answer) => {
      setCreated(answer);
      setName("");
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const serverNameError = create.error?.fields?.name?.[0];
  const formError = create.error && !serverNameError ? create.error.message : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const checked = TokenNameSchema.safeParse(name);
    if (!checked.success) {
      setNameError(checked.error.issues[0]?.message ?? "Give the token a name");
      return;
    }
    setNameError(undefined);
    setCreated(undefined);
    create.mutate({ name: checked.data, scope });
  };

  if (created) return <NewTokenPanel created={created} onDone={() => setCreated(undefined)} />;

  return (
    <form onSubmit={submit} noValidate aria-label="Create an API token" className="space-y-4">
      <Field
        label="Name"
        value={name}
        onChange={(v) => {
          setName(v);
          setNameError(undefined);
          if (create.error) create.reset();
        }}
        error={nameError ?? serverNameError}
        className="max-w-md"
        placeholder="e.g. nightly-backup or hub-office"
      />
      <fieldset aria-describedby={`${groupId}-hint`}>
        <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Scope</legend>
        <p id={`${groupId}-hint`} className="sr-only">
          Each scope includes the ones before it.
        </p>
        <div className="mt-1 grid gap-2 md:grid-cols-3">
          {TOKEN_SCOPES.map((s) => (
            <label
              key={s}
              className={cn(
                "flex cursor-pointer gap-2.5 rounded-md border p-3 text-sm",
                scope === s
                  ? "border-sky-500 bg-sky-50 dark:border-sky-500 dark:bg-sky-950/40"
                  : "border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60",
              )}
            >
              <input
                type="radio"
                name={`${groupId}-scope`}
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
                className="mt-0.5 accent-sky-600"
              />
              <span>
                <span className="block font-medium">{SCOPE_LABEL[s]}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{SCOPE_TEXT[s]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
        {formError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {isApiError(create.error) && create.error.status === 403 ? `Not allowed: ${formError}` : formError}
          </p>
        )}
      </div>
    </form>
  );
}
