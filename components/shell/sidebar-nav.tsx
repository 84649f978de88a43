"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { NAV_ITEMS } from "./nav-items";

export function SidebarNav({ orgSlug, role, onNavigate }: { orgSlug: string; role: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  const base = `/o/${orgSlug}`;
  return (
    <nav aria-label="Main" className="grid gap-1">
      {NAV_ITEMS.filter((item) => !item.hiddenFor?.includes(role)).map(({ label, segment, icon: Icon }) => {
        const href = segment ? `${base}/${segment}` : base;
        const active = segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
        return (
          <Link
            key={label}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
              active ? "bg-sidebar-accent text-foreground" : "text-muted-foreground hover:bg-sidebar-accent hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
