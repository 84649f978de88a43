import { ProgressBar } from "@/components/sync/progress-bar";
import { Badge } from "@/components/ui/badge";
import type { ResyncRunProgress } from "@/lib/admin/admin-resync";
import { utc } from "./admin-time";

/** The tenant's latest resyncs, each with its progress (the cursors of the lists it re-reads). */
export function ResyncRuns({ runs }: { runs: ResyncRunProgress[] }) {
  if (!runs.length) return <p className="text-muted-foreground text-sm">No resync asked for yet.</p>;
  return (
    <ul className="grid gap-3" aria-label="Resync runs">
      {runs.map((r) => (
        <li key={r.runId} className="grid gap-2 rounded-lg border p-3" data-testid="resync-run">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{r.syncType}</span>
            <span className="text-muted-foreground">{r.since ? `since ${utc(r.since)}` : "everything"}</span>
            <Badge variant={r.state === "failed" ? "destructive" : r.state === "done" ? "default" : "secondary"}>{r.state}</Badge>
            <span className="text-muted-foreground text-xs">asked {utc(r.requestedAt)}</span>
          </div>
          {r.state === "running" ? <ProgressBar label={`Resync of ${r.syncType}`} done={r.done} total={r.total} /> : null}
          {r.error ? <p className="text-destructive text-xs">{r.error}</p> : null}
        </li>
      ))}
    </ul>
  );
}
