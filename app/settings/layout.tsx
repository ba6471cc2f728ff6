import { SettingsNav } from "@/components/settings/settings-nav";
import { AppShell } from "@/components/ui/app-shell";

/** Every settings page: the app's frame, the settings navigation beside (or above, on a phone) the page. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <AppShell crumbs={[{ label: "Settings", href: "/settings" }]}>
      <div className="grid gap-4 md:grid-cols-[11rem_minmax(0,1fr)]">
        <SettingsNav />
        <div className="min-w-0">{children}</div>
      </div>
    </AppShell>
  );
}
