import Link from "next/link";
import { AppShell } from "@/components/ui/app-shell";

/** Friendly page for an agent id the dashboard is not configured with. */
export function UnknownAgent({ agentId }: { agentId: string }) {
  return (
    <AppShell crumbs={[{ label: "Not found" }]}>
      <div className="mx-auto max-w-lg py-16 text-center">
        <h1 className="text-xl font-semibold">No agent called “{agentId}”</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          This dashboard is not configured with an agent of that id. The bookmark may be from another setup.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
          See all agents
        </Link>
      </div>
    </AppShell>
  );
}
