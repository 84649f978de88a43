"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const TABS = [
  { label: "Profile", segment: "" },
  { label: "Members", segment: "members" },
  { label: "Integrations", segment: "integrations" },
  { label: "Financial visibility", segment: "visibility" },
  { label: "Pipeline", segment: "pipeline" },
  { label: "Marketing spend", segment: "marketing-spend" },
  { label: "API keys", segment: "api-keys" },
];

export function SettingsTabs({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  const base = `/o/${orgSlug}/settings`;
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b">
      {TABS.map((t) => {
        const href = t.segment ? `${base}/${t.segment}` : base;
        const active = pathname === href;
        return (
          <Link
            key={t.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              active ? "border-primary text-foreground" : "text-muted-foreground hover:text-foreground border-transparent",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
