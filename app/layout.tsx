import type { Metadata } from "next";
import Link from "next/link";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { MainNav } from "@/components/ui/main-nav";
import { UserMenu } from "@/components/ui/user-menu";
import { currentPrincipal } from "@/lib/auth/principal";
import { signOutAction } from "./account/actions";
import { configuredPublicUrl } from "@/lib/http/public-url";
import "./globals.css";

const DESCRIPTION = "VM live-migration test campaigns: plan, run, compare and share.";
const PUBLIC_URL = configuredPublicUrl();

export const metadata: Metadata = {
  title: { default: "migbench", template: "%s · migbench" },
  description: DESCRIPTION,
  // Absolute addresses for link previews (MIGBENCH_URL); without it Next writes http://localhost:<PORT>, and
  // the server warns at start-up (instrumentation.ts).
  ...(PUBLIC_URL ? { metadataBase: new URL(PUBLIC_URL) } : {}),
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/site.webmanifest",
  // What a pasted link shows (pages with their own image, such as a saved comparison, replace it).
  openGraph: {
    siteName: "migbench",
    type: "website",
    description: DESCRIPTION,
    images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "migbench" }],
  },
  twitter: { card: "summary_large_image" },
};

// Every page reads the database at request time; nothing is prerendered at build.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        {/* The first Tab stop: past the header's navigation, straight to the page's own links and fields. */}
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-sky-700 shadow ring-2 ring-sky-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3 sm:px-6">
            <Link href="/" prefetch={false} className="text-lg font-semibold tracking-tight text-slate-900">
              mig<span className="text-sky-700">bench</span>
            </Link>
            {principal.role ? (
              <MainNav isAdmin={principal.role === "admin"}>
                <UserMenu principal={principal} signOut={signOutAction} />
              </MainNav>
            ) : (
              <div className="ml-auto">
                <UserMenu principal={principal} signOut={signOutAction} />
              </div>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6 sm:py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
