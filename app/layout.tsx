import type { Metadata } from "next";
import { headers } from "next/headers";
import { ThemeProvider } from "@/components/common/theme-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ledgerbridge", template: "%s · Ledgerbridge" },
  description: "Your CRM and your Xero books, in step.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy's per-request nonce: next-themes' inline script needs it under our CSP.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}
