"use client";

import { useId, useState } from "react";
import { isApiError } from "@/lib/client/api";
import { safeNext, signIn } from "@/lib/client/session";
import { Button } from "@/components/ui/button";

function message(e: unknown): string {
  if (!isApiError(e)) return "Sign-in failed. Try again.";
  if (e.code === "unauthorized") return "Wrong password.";
  if (e.code === "too_many_requests") return "Too many attempts. Wait a minute, then try again.";
  if (e.code === "not_found") return "Sign-in is not enabled on this dashboard.";
  if (e.code === "network") return "The dashboard server could not be reached.";
  return e.fields?.password?.join(" ") ?? e.message;
}

/** Password sign-in; on success goes to `next` (same-site paths only). */
export function LoginForm({ next }: { next?: string }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!password) return setError("Enter the password.");
    setBusy(true);
    setError(null);
    try {
      await signIn(password);
      // A full navigation so every request from here on carries the new session cookie.
      window.location.assign(safeNext(next));
    } catch (err) {
      setError(message(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          Password
        </label>
        <input
          id={id}
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-10 rounded-md border border-zinc-300 bg-white px-3 text-sm focus:border-sky-600 focus:outline-2 focus:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-900 dark:focus:border-sky-400 dark:focus:outline-sky-400"
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" variant="primary" className="w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
