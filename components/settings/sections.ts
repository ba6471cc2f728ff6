/** The settings pages, in the order the settings navigation lists them (one entry per page). */
export const SETTINGS_SECTIONS: readonly { href: string; label: string; description: string }[] = [
  { href: "/settings/alerts", label: "Alerts", description: "Channels, rules, snooze and the delivery log" },
  { href: "/settings/tokens", label: "API tokens", description: "Tokens for scripts, hubs and Prometheus, by scope" },
];
