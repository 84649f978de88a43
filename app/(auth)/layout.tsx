import { Landmark } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="bg-muted/40 flex min-h-screen flex-col items-center justify-center gap-6 p-4">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <Landmark className="text-primary size-6" aria-hidden />
        Ledgerbridge
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
