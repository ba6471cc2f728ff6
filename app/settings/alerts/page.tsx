import type { Metadata } from "next";
import { canChange } from "@/components/request-info";
import { AlertsSettings } from "@/components/settings/alerts/alerts-settings";

export const metadata: Metadata = { title: "Alerts" };

/** /settings/alerts: read-only for a view session (the routes refuse its changes anyway). */
export default async function AlertsSettingsPage() {
  return <AlertsSettings canChange={await canChange()} />;
}
