import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminAuditRow } from "@/db/schema";
import { utc } from "./admin-time";

/** Admin actions and API calls: who, what, on which tenant, when, and the answer. */
export function AuditTable({ rows, showTenant = false }: { rows: AdminAuditRow[]; showTenant?: boolean }) {
  if (!rows.length) return <p className="text-muted-foreground text-sm">No admin action yet.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Who</TableHead>
            <TableHead>What</TableHead>
            {showTenant ? <TableHead>Tenant</TableHead> : null}
            <TableHead className="text-right">Answer</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((a) => (
            <TableRow key={a.id} data-testid="audit-row">
              <TableCell className="text-sm whitespace-nowrap">{utc(a.at)}</TableCell>
              <TableCell className="text-sm">
                {a.actor} <span className="text-muted-foreground text-xs">({a.via})</span>
              </TableCell>
              <TableCell className="text-sm">
                {a.action}
                {a.details ? <div className="text-muted-foreground max-w-md truncate text-xs">{JSON.stringify(a.details)}</div> : null}
              </TableCell>
              {showTenant ? (
                <TableCell className="text-sm">
                  {a.orgId ? (
                    <Link href={`/admin/organizations/${a.orgId}`} className="underline">
                      {a.orgId.slice(0, 8)}
                    </Link>
                  ) : (
                    "platform"
                  )}
                </TableCell>
              ) : null}
              <TableCell className="text-right tabular-nums">{a.status}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
