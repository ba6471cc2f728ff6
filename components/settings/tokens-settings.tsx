"use client";

import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { TokenCreateForm } from "./token-create-form";
import { TokenList } from "./token-list";

/**
 * `/settings/tokens`' content: API tokens for scripts, monitors and other Agent Decks. Admins (the
 * admin password, or this machine without one) make and revoke them; read-only sessions see the list.
 */
export function TokensSettings({ canManage }: { canManage: boolean }) {
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Scripts, monitoring and other Agent Decks (a hub) call this dashboard&apos;s API with a token in the header{" "}
          <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs whitespace-nowrap dark:bg-zinc-800">
            Authorization: Bearer adk_…
          </code>
          . A token works only as far as its scope allows, wherever it comes from. See the{" "}
          <Link href="/api-docs" className="text-sky-700 hover:underline dark:text-sky-400">
            API reference
          </Link>
          .
        </p>
      </div>
      {canManage ? (
        <Card aria-labelledby="new-token">
          <CardTitle id="new-token">New token</CardTitle>
          <TokenCreateForm />
        </Card>
      ) : (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          You are signed in read-only: you can see the tokens, but only the admin password may make or revoke them.
        </p>
      )}
      <Card aria-labelledby="token-list">
        <CardTitle id="token-list">Tokens</CardTitle>
        <TokenList canManage={canManage} />
      </Card>
    </div>
  );
}
