import type { LucideIcon } from "lucide-react";

/** What a page shows before it has data: what will be here, and what to do to get it. */
export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-16 text-center">
      <div className="bg-muted flex size-12 items-center justify-center rounded-full">
        <Icon className="text-muted-foreground size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="text-muted-foreground max-w-md text-sm">{children}</div>
      {action}
    </div>
  );
}
