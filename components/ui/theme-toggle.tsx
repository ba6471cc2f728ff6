"use client";

import { THEMES, useTheme, type Theme } from "@/lib/client/theme";
import { Segmented } from "./segmented";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** System / Light / Dark, persisted in localStorage and applied before paint by the layout script. */
export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  return (
    <Segmented label="Colour theme" options={THEMES} value={theme} onChange={setTheme} labelOf={(t) => LABELS[t]} />
  );
}
