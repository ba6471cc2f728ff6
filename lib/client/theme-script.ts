/**
 * Plain module (no "use client") so the server layout can inline the script text itself rather
 * than a client reference to it.
 */
export const THEME_KEY = "agent-deck:theme";

/**
 * Runs in <head> before first paint (with the request's CSP nonce) so a dark-mode user never sees a
 * light flash. Mirrors applyTheme in theme.ts.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})()`;
