import type { Metadata } from "next";
import { visitorScope } from "@/components/request-info";
import { TokensSettings } from "@/components/settings/tokens-settings";

export const metadata: Metadata = { title: "API tokens" };

/** API tokens: made and revoked by admins, listed read-only for everyone else signed in (the frame is the settings layout's). */
export default async function TokensSettingsPage() {
  return <TokensSettings canManage={(await visitorScope()) === "admin"} />;
}
