import type { Metadata } from "next";
import { visitorScope } from "@/components/request-info";
import { TokensPage } from "@/components/settings/tokens-page";

export const metadata: Metadata = { title: "API tokens" };

/** API tokens: made and revoked by admins, listed read-only for everyone else signed in. */
export default async function TokensSettingsPage() {
  return <TokensPage canManage={(await visitorScope()) === "admin"} />;
}
