import type { Metadata, Viewport } from "next";
import { Providers } from "@/components/providers";
import { cspNonce, pollIntervalMs } from "@/components/request-info";
import { THEME_SCRIPT } from "@/lib/client/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Deck", template: "%s — Agent Deck" },
  description: "A local dashboard for the Resilio Connect Agent",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
  // app/manifest.ts adds the manifest link itself; the touch icon is for iOS's home screen.
  icons: { apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy sets a nonce-based CSP with 'strict-dynamic'; the inline theme script needs its nonce.
  const nonce = await cspNonce();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant script (no agent data): applies the saved theme before first paint. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <Providers pollMs={await pollIntervalMs()}>{children}</Providers>
      </body>
    </html>
  );
}
