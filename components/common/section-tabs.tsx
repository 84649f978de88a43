"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export interface SectionTab {
  label: string;
  /** Below `base`; "" is the section's own page. */
  segment: string;
  /** A count shown beside the label (errors, reviews waiting). */
  count?: number;
}

/** The tabs of a section (Settings, Sync): links, with the current one marked for screen readers too. */
export function SectionTabs({ base, tabs, label }: { base: string; tabs: SectionTab[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto border-b">
      {tabs.map((t) => {
        const href = t.segment ? `${base}/${t.segment}` : base;
        const active = pathname === href;
        return (
          <Link
            key={t.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              active ? "border-primary text-foreground" : "text-muted-foreground hover:text-foreground border-transparent",
            )}
          >
            {t.label}
            {t.count ? <span className="bg-destructive/10 text-destructive rounded-full px-1.5 text-xs tabular-nums">{t.count}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
