"use client";

import { memo, useSyncExternalStore } from "react";
import { notificationsSupported, useNotificationsOptIn } from "@/lib/client/use-agent-notifications";
import { Button } from "@/components/ui/button";

const noop = () => () => {};

/**
 * Opt-in for desktop notifications; asks the browser's permission on the first switch-on. Memoised:
 * reading Notification.permission is a synchronous call into the browser (about a millisecond), and
 * the agent page around it re-renders several times per poll. The server draws it as supported (most
 * browsers are), so the header does not reflow when the page comes alive; a browser without
 * notifications drops it then.
 */
export const NotifyToggle = memo(function NotifyToggle() {
  const [on, setOn] = useNotificationsOptIn();
  const supported = useSyncExternalStore(noop, notificationsSupported, () => true);
  const permission = useSyncExternalStore(
    noop,
    () => (notificationsSupported() ? Notification.permission : "denied"),
    () => "default",
  );
  if (!supported) return null;
  const blocked = permission === "denied";

  const toggle = async () => {
    if (on) return setOn(false);
    // Asking can fail (an embedded frame, a browser that refuses): that is a "no", not an error.
    const p =
      Notification.permission === "default"
        ? await Notification.requestPermission().catch(() => "denied" as const)
        : Notification.permission;
    setOn(p === "granted");
  };

  return (
    <Button
      size="sm"
      variant="ghost"
      aria-pressed={on && !blocked}
      disabled={blocked}
      title={
        blocked
          ? "Notifications are blocked in this browser's site settings"
          : "Notify on errors, finished transfers and outages"
      }
      onClick={() => void toggle()}
    >
      {on && !blocked ? "Notifications on" : "Notifications off"}
    </Button>
  );
});
