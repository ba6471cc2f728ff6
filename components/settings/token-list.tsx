"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiToken, Scope } from "@/lib/bff/contract";
import type { ApiError } from "@/lib/client/api";
import { TOKENS_KEY, listTokens, revokeApiToken } from "@/lib/client/tokens";
import { formatDateTime } from "@/lib/format/time";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonLines } from "@/components/ui/skeleton";

const SCOPE_TONE: Record<Scope, Tone> = { read: "neutral", operate: "blue", admin: "violet" };

function ScopeBadge({ scope }: { scope: Scope }) {
  return <Badge tone={SCOPE_TONE[scope]}>{scope}</Badge>;
}

function Created({ token }: { token: ApiToken }) {
  return (
    <>
      <time dateTime={new Date(token.createdAt).toISOString()}>{formatDateTime(token.createdAt)}</time>
      {token.createdBy && <span className="block text-xs text-zinc-500 dark:text-zinc-400">by {token.createdBy}</span>}
    </>
  );
}

/**
 * The tokens, newest first: name, scope, first characters, when made and by whom, when last used
 * (to within a minute). A table from md up, cards below. Revoking asks first: whatever uses the
 * token is refused from its next request on.
 */
export function TokenList({ canManage }: { canManage: boolean }) {
  const qc = useQueryClient();
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => listTokens(signal),
    refetchInterval: 60_000,
  });
  const [asked, setAsked] = useState<ApiToken | undefined>();
  const revoke = useMutation<ApiToken, ApiError, number>({
    mutationFn: revokeApiToken,
    onSuccess: async () => {
      setAsked(undefined);
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });

  if (tokens.error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {`The tokens could not be loaded: ${tokens.error.message}`}
      </p>
    );
  if (!tokens.data) return <SkeletonLines lines={3} />;
  if (tokens.data.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No API tokens yet.</p>;

  const revokeButton = (t: ApiToken) =>
    canManage && (
      <Button size="sm" variant="danger" onClick={() => setAsked(t)} aria-label={`Revoke ${t.name}`}>
        Revoke
      </Button>
    );

  return (
    <>
      <table className="hidden w-full text-left text-sm md:table" aria-label="API tokens">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="py-2 pr-3 font-medium">Name</th>
            <th className="py-2 pr-3 font-medium">Scope</th>
            <th className="py-2 pr-3 font-medium">Token</th>
            <th className="py-2 pr-3 font-medium">Created</th>
            <th className="py-2 pr-3 font-medium">Last used</th>
            {canManage && <th className="py-2 font-medium">{/* actions */}</th>}
          </tr>
        </thead>
        <tbody>
          {tokens.data.map((t) => (
            <tr key={t.id} data-token-id={t.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="py-2 pr-3 font-medium break-all">{t.name}</td>
              <td className="py-2 pr-3">
                <ScopeBadge scope={t.scope} />
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{`${t.prefix}…`}</td>
              <td className="py-2 pr-3">
                <Created token={t} />
              </td>
              <td className="py-2 pr-3">
                <RelativeTime ms={t.lastUsedAt} step={30_000} />
              </td>
              {canManage && <td className="py-2 text-right">{revokeButton(t)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-3 md:hidden" aria-label="API tokens">
        {tokens.data.map((t) => (
          <li key={t.id} className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <div className="flex items-start justify-between gap-2">
              <span className="font-medium break-all">{t.name}</span>
              <ScopeBadge scope={t.scope} />
            </div>
            <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-x-2 gap-y-1 text-xs">
              <dt className="text-zinc-500 dark:text-zinc-400">Token</dt>
              <dd className="font-mono">{`${t.prefix}…`}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Created</dt>
              <dd>
                <Created token={t} />
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Last used</dt>
              <dd>
                <RelativeTime ms={t.lastUsedAt} step={30_000} />
              </dd>
            </dl>
            {canManage && <div className="mt-2 text-right">{revokeButton(t)}</div>}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={asked !== undefined}
        title={`Revoke the token "${asked?.name ?? ""}"?`}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        onConfirm={() => asked && revoke.mutate(asked.id)}
        onClose={() => {
          setAsked(undefined);
          revoke.reset();
        }}
      >
        Whatever uses it (a script, a monitor, another Agent Deck) gets 401 from its next request on. This cannot be
        undone; a new token can be made at any time.
        {revoke.error && (
          <span role="alert" className="mt-2 block text-red-700 dark:text-red-400">
            {revoke.error.message}
          </span>
        )}
      </ConfirmDialog>
    </>
  );
}
