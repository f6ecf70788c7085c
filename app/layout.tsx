import type { Metadata } from "next";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { RouteToasts } from "@/components/app-shell/route-toasts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Recruiter Desk", template: "%s · Recruiter Desk" },
  description: "Job ads, shortlists and candidate pipelines for UK agency recruiters.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the Content-Security-Policy's nonce (proxy.ts) is new each
  // time and Next stamps it on its scripts, which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <NuqsAdapter>{children}</NuqsAdapter>
        <RouteToasts />
      </body>
    </html>
  );
}
