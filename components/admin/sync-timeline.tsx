import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { syncTimeline } from "@/lib/admin/tenant-diagnostics";
import { utc } from "./admin-time";

type Timeline = Awaited<ReturnType<typeof syncTimeline>>;

/** The sync's runs (pulls and pushes as requested and run), each Xero list's cursor, and the newest movements. */
export function SyncTimeline({ timeline }: { timeline: Timeline }) {
  return (
    <div className="grid gap-4">
      <div className="overflow-x-auto rounded-xl border">
        <Table aria-label="Runs">
          <TableHeader>
            <TableRow>
              <TableHead>Run</TableHead>
              <TableHead>Queued</TableHead>
              <TableHead>Started</TableHead>
              <TableHead>Finished</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {timeline.jobs.length ? (
              timeline.jobs.map((j) => (
                <TableRow key={j.job}>
                  <TableCell className="font-mono text-xs">{j.job}</TableCell>
                  <TableCell className="text-xs">{j.queuedAt ? utc(j.queuedAt) : "—"}</TableCell>
                  <TableCell className="text-xs">{utc(j.startedAt)}</TableCell>
                  <TableCell className="text-xs">{j.finishedAt ? utc(j.finishedAt) : j.startedAt ? "running" : "—"}</TableCell>
                </TableRow>
              ))
            ) : (
              <TableRow>
                <TableCell colSpan={4} className="text-muted-foreground text-sm">
                  No run requested yet.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      <div className="overflow-x-auto rounded-xl border">
        <Table aria-label="Pulls">
          <TableHeader>
            <TableRow>
              <TableHead>Xero list</TableHead>
              <TableHead>Last pull</TableHead>
              <TableHead>Changes read up to</TableHead>
              <TableHead>Now</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {timeline.cursors.map((c) => (
              <TableRow key={c.resource}>
                <TableCell className="text-sm">{c.resource}</TableCell>
                <TableCell className="text-xs">{utc(c.lastPullAt)}</TableCell>
                <TableCell className="text-xs">{utc(c.lastUpdatedAt)}</TableCell>
                <TableCell className="text-xs">{c.running ? `running: ${c.done}${c.total ? ` of ${c.total}` : ""}` : c.lastError ? <span className="text-destructive">{c.lastError}</span> : "idle"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="overflow-x-auto rounded-xl border">
        <Table aria-label="Sync log">
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Record</TableHead>
              <TableHead>Direction</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Result</TableHead>
              <TableHead>Trigger</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {timeline.log.map((l) => (
              <TableRow key={l.id}>
                <TableCell className="text-xs whitespace-nowrap">{utc(l.at)}</TableCell>
                <TableCell className="text-xs">{l.recordType}</TableCell>
                <TableCell className="text-xs">{l.direction}</TableCell>
                <TableCell className="max-w-sm text-xs">
                  {l.operation}
                  {l.message ? <div className="text-muted-foreground truncate">{l.message}</div> : null}
                </TableCell>
                <TableCell>
                  <Badge variant={l.result === "failed" ? "destructive" : l.result === "ok" ? "default" : "secondary"}>{l.result}</Badge>
                </TableCell>
                <TableCell className="text-xs">{l.trigger}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
