/** Done out of total, or an indeterminate bar while the total is not known yet. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const pct = total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : null;
  return (
    <div className="grid gap-1">
      <div className="text-muted-foreground flex justify-between gap-4 text-xs tabular-nums">
        <span>{done.toLocaleString("en-US")}{total ? ` of ${total.toLocaleString("en-US")}` : ""}</span>
        {pct !== null ? <span>{pct}%</span> : <span>counting…</span>}
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} className="bg-muted h-2 overflow-hidden rounded-full">
        <div className={pct === null ? "bg-primary/60 h-full w-1/3 animate-pulse" : "bg-primary h-full transition-all"} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
