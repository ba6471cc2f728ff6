import { redirect } from "next/navigation";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";

/** /settings opens the first section. */
export default function SettingsPage() {
  redirect(SETTINGS_SECTIONS[0]!.href);
}
