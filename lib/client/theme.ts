"use client";

import { useCallback, useEffect } from "react";
import { useLocalStorage, writeStorage } from "./use-local-storage";
import { THEME_KEY } from "./theme-script";

export { THEME_KEY };
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

function parseTheme(v: string | null): Theme {
  return v === "light" || v === "dark" ? v : "system";
}

export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

export function useTheme(): [Theme, (t: Theme) => void] {
  const [stored] = useLocalStorage(THEME_KEY);
  const theme = parseTheme(stored);

  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    // In "System" mode follow the OS switching between light and dark while the page is open.
    const mql = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    mql.addEventListener("change", onChange);
    return () => mql.removeEventListener("change", onChange);
  }, [theme]);

  const set = useCallback((t: Theme) => writeStorage(THEME_KEY, t === "system" ? null : t), []);
  return [theme, set];
}
