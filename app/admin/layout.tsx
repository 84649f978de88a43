import { Landmark, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requirePlatformAdmin();
  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center gap-3 border-b px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <Landmark className="text-primary size-5" aria-hidden /> Ledgerbridge
        </Link>
        <span className="bg-muted flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium">
          <ShieldCheck className="size-3" aria-hidden /> Platform admin
        </span>
        <span className="text-muted-foreground ml-auto text-sm">{admin.email}</span>
      </header>
      <main className="mx-auto max-w-6xl p-4 md:p-8">{children}</main>
    </div>
  );
}
