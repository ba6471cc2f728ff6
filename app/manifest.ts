import type { MetadataRoute } from "next";

/*
 * The web app manifest (served at /manifest.webmanifest): lets a browser install Agent Deck as an
 * app window of its own. Colours match the layout's light theme-color; the icons are rendered from
 * public/icons/*.svg by scripts/render-icons.mjs.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Agent Deck",
    short_name: "Agent Deck",
    description: "A local dashboard for the Resilio Connect Agent",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#fafafa",
    theme_color: "#0ea5e9",
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
