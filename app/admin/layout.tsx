import { ShieldCheck } from "lucide-react";
import { AdminNav } from "@/components/admin/admin-nav";
import { PlainHeader } from "@/components/shell/plain-header";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requirePlatformAdmin();
  return (
    <div className="min-h-screen">
      <PlainHeader
        email={admin.email}
        badge={
          <span className="bg-muted flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium">
            <ShieldCheck className="size-3" aria-hidden /> Platform admin
          </span>
        }
      />
      <main className="mx-auto grid max-w-6xl gap-6 p-4 md:p-8">
        <AdminNav />
        <div>{children}</div>
      </main>
    </div>
  );
}
