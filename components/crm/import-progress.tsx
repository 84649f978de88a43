"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

interface Progress {
  status: string;
  totalRows: number;
  processedRows: number;
  stalled?: boolean;
}

/** Polls the import's progress and refreshes the page when it ends. */
export function ImportProgress({ orgSlug, jobId, initial }: { orgSlug: string; jobId: string; initial: Progress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const res = await fetch(`/api/o/${orgSlug}/imports/${jobId}`, { cache: "no-store" }).catch(() => null);
      if (res?.ok) {
        const next = (await res.json()) as Progress;
        if (stop) return;
        setP(next);
        if (next.status === "done" || next.status === "failed" || next.stalled) return router.refresh();
      }
      if (!stop) setTimeout(tick, 700);
    };
    const first = setTimeout(tick, 300);
    return () => {
      stop = true;
      clearTimeout(first);
    };
  }, [orgSlug, jobId, router]);
  const phase = p.status === "writing" ? "Writing" : p.status === "validating" ? "Checking rows" : "Waiting to start";
  const pct = p.totalRows ? Math.round((Math.min(p.processedRows, p.totalRows) / p.totalRows) * 100) : 0;
  return (
    <div className="grid max-w-xl gap-2">
      <div className="flex justify-between text-sm">
        <span>{phase}…</span>
        <span className="tabular-nums">{pct}%</span>
      </div>
      <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="bg-muted h-2 overflow-hidden rounded-full">
        <div className="bg-primary h-full transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
