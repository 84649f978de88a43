import { History } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { parseDay, parseInstant } from "@/lib/bounded-date";
import { formatMoney } from "@/lib/crm/money";
import { searchChoice, searchText, type SearchParams } from "@/lib/http/search-params";
import { hrefFor, recordNames } from "@/lib/sync/status/error-log";
import { listSyncLog } from "@/lib/sync/status/sync-log-query";
import { requireOrgPermission } from "@/lib/tenancy/require-org";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESULT_VARIANT = { ok: "secondary", failed: "destructive", skipped: "outline", conflict: "default" } as const;

export default async function SyncLogPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgPermission(slug, "sync:operate");
  const search = await searchParams;
  const record = searchText(search, "record", 100);
  const direction = searchChoice(search, "direction", ["push", "pull"] as const);
  const result = searchChoice(search, "result", ["ok", "failed", "skipped", "conflict"] as const);
  const fromText = searchText(search, "from", 10);
  const toText = searchText(search, "to", 10);
  const beforeText = searchText(search, "before", 80);
  // Hand-edited links must never reach the query: a day or instant out of range, or a non-uuid, is ignored.
  const [beforeAt, beforeId] = beforeText?.split("_") ?? [];
  const beforeInstant = parseInstant(beforeAt);
  const before = beforeInstant && beforeId && UUID.test(beforeId) ? { at: beforeInstant, id: beforeId } : undefined;
  const db = getDb();
  const { rows, more } = await listSyncLog(db, ctx, { recordId: record, direction, result, from: parseDay(fromText) ?? undefined, to: parseDay(toText, true) ?? undefined, before });
  // Records by the names people know them by (an invoice's record is its deal).
  const kindOf = (t: string) => (t === "invoice" ? "deal" : t);
  const named = rows.filter((r) => r.recordId).map((r) => ({ entityType: kindOf(r.recordType), entityId: r.recordId! }));
  const names = await recordNames(db, ctx.org.id, named);
  const keep = new URLSearchParams(Object.entries({ record, direction, result, from: fromText, to: toText }).filter((e): e is [string, string] => !!e[1]));
  const last = rows[rows.length - 1];
  return (
    <div className="grid gap-4">
      <form className="flex flex-wrap items-end gap-3" aria-label="Filter the sync log">
        <label className="grid gap-1 text-sm">
          Record (our id or Xero&apos;s)
          <Input name="record" defaultValue={record} className="w-72" />
        </label>
        <label className="grid gap-1 text-sm">
          Direction
          <NativeSelect name="direction" defaultValue={direction ?? ""}>
            <option value="">Both</option>
            <option value="push">To Xero</option>
            <option value="pull">From Xero</option>
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm">
          Result
          <NativeSelect name="result" defaultValue={result ?? ""}>
            <option value="">Any</option>
            <option value="ok">OK</option>
            <option value="failed">Failed</option>
            <option value="conflict">Conflict</option>
            <option value="skipped">Skipped</option>
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm">
          From
          <Input type="date" name="from" defaultValue={fromText} />
        </label>
        <label className="grid gap-1 text-sm">
          To
          <Input type="date" name="to" defaultValue={toText} />
        </label>
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={History} title="No movements match">
          Every record sent to Xero or received from it is listed here, newest first. Change the filters, or connect Xero to start.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Record</TableHead>
                <TableHead>Direction</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>Details</TableHead>
                <TableHead>Triggered by</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid="sync-log-row">
                  <TableCell className="whitespace-nowrap tabular-nums">{r.at.toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                  <TableCell className="whitespace-normal">
                    <span className="text-muted-foreground text-xs capitalize">{r.recordType}</span>
                    <div>
                      {r.recordId && names.has(r.recordId) ? (
                        <Link className="underline-offset-4 hover:underline" href={hrefFor(slug, kindOf(r.recordType), r.recordId) ?? "#"}>
                          {names.get(r.recordId)}
                        </Link>
                      ) : r.xeroId ? (
                        <span className="font-mono text-xs">{r.xeroId.slice(0, 8)}…</span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell>{r.direction === "push" ? "To Xero" : "From Xero"}</TableCell>
                  <TableCell>{r.operation}</TableCell>
                  <TableCell>
                    <Badge variant={RESULT_VARIANT[r.result]}>{r.result}</Badge>
                  </TableCell>
                  <TableCell className="max-w-md min-w-64 text-sm break-words whitespace-normal">
                    {r.message}
                    {r.amount ? <span className="tabular-nums"> {formatMoney(r.amount.total, r.amount.currency)}</span> : null}
                    {r.correlationId ? <div className="text-muted-foreground font-mono text-xs">Xero ref {r.correlationId}</div> : null}
                  </TableCell>
                  <TableCell>{r.trigger}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {more && last ? (
        <div>
          <Button asChild variant="outline">
            <Link href={`/o/${slug}/sync/log?${keep.toString()}${keep.size ? "&" : ""}before=${encodeURIComponent(`${last.at.toISOString()}_${last.id}`)}`}>Older</Link>
          </Button>
        </div>
      ) : null}
    </div>
  );
}
