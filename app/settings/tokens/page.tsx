import type { Metadata } from "next";
import { visitorScope } from "@/components/request-info";
import { TokensSettings } from "@/components/settings/tokens-settings";
import { AppShell } from "@/components/ui/app-shell";

export const metadata: Metadata = { title: "API tokens" };

/**
 * API tokens: made and revoked by admins, listed read-only for everyone else signed in. The frame is
 * this page's own until the settings pages share one (app/settings/layout.tsx): then it is the
 * layout's, and this page returns <TokensSettings> alone.
 */
export default async function TokensSettingsPage() {
  return (
    <AppShell crumbs={[{ label: "Settings" }, { label: "API tokens" }]}>
      <TokensSettings canManage={(await visitorScope()) === "admin"} />
    </AppShell>
  );
}
