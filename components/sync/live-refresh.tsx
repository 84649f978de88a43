"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While something runs (an import, a resync), re-renders the page every couple of seconds so its progress moves. */
export function LiveRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
