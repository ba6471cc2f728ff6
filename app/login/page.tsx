import type { Metadata } from "next";
import { LoginForm } from "@/components/login/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="flex items-center gap-2 text-lg font-semibold">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-sky-500" />
          Agent Deck
        </h1>
        <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">
          This dashboard is protected. Sign in to continue.
        </p>
        <LoginForm next={typeof next === "string" ? next : undefined} />
      </div>
    </main>
  );
}
