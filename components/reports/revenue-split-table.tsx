import { Download } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/crm/money";
import { SPLIT_DIMENSIONS, SPLIT_LABELS, SPLIT_TOP, type RevenueSplit } from "@/lib/reports/revenue-split";
import { cn } from "@/lib/utils";

/**
 * The revenue split: a "Split by" control (links: the URL carries the choice with the range), the
 * dimension's definition, the rows and their totals (the revenue report's for the same range), and
 * the CSV of the same figures.
 */
export function RevenueSplitTable({ split, orgSlug }: { split: RevenueSplit; orgSlug: string }) {
  const names = SPLIT_LABELS[split.split];
  const money = (v: string | null) => (v === null ? "-" : formatMoney(v, split.currency));
  const query = (dimension: string) => new URLSearchParams({ from: split.from, to: split.to, split: dimension }).toString();
  return (
    <section className="grid gap-3" aria-labelledby="revenue-split-title" id="split">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="revenue-split-title" className="font-semibold">
          Revenue {split.from} to {split.to} split by {names.title.toLowerCase()}
        </h2>
        <Button asChild variant="outline" size="sm">
          <a href={`/api/o/${orgSlug}/reports/revenue-split?${query(split.split)}`} download data-testid="revenue-split-csv">
            <Download className="size-4" aria-hidden /> Split CSV
          </a>
        </Button>
      </div>
      <nav aria-label="Split by" className="bg-muted inline-flex w-fit flex-wrap items-center gap-1 rounded-lg p-1 text-sm">
        <span className="text-muted-foreground px-2">Split by</span>
        {SPLIT_DIMENSIONS.map((d) => (
          <Link key={d} href={`?${query(d)}#split`} scroll={false} aria-current={split.split === d ? "page" : undefined} className={cn("rounded-md px-3 py-1", split.split === d && "bg-background shadow-xs")}>
            {SPLIT_LABELS[d].title}
          </Link>
        ))}
      </nav>
      <p className="text-muted-foreground max-w-3xl text-sm" data-testid="revenue-split-definition">
        {names.definition} The {SPLIT_TOP} largest by invoiced are named and the rest summed in Other; the Total row equals the months above summed over the same range.
      </p>
      <Table data-testid="revenue-split-table">
        <TableHeader>
          <TableRow>
            <TableHead>{names.title}</TableHead>
            <TableHead className="text-right">Invoiced</TableHead>
            <TableHead className="text-right">Credited</TableHead>
            <TableHead className="text-right">Collected</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {split.rows.map((r) => (
            <TableRow key={`${r.kind}-${r.key ?? ""}`} className={r.kind === "top" ? undefined : "text-muted-foreground"}>
              <TableCell>
                {split.split === "customer" && r.kind === "top" && r.key ? (
                  <Link className="underline-offset-4 hover:underline" href={`/o/${orgSlug}/customers/${r.key}`}>
                    {r.label}
                  </Link>
                ) : (
                  r.label
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{money(r.invoiced)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.credited)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.collected)}</TableCell>
            </TableRow>
          ))}
          {split.rows.length ? (
            <TableRow className="font-medium">
              <TableCell>Total</TableCell>
              <TableCell className="text-right tabular-nums">{money(split.totals.invoiced)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(split.totals.credited)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(split.totals.collected)}</TableCell>
            </TableRow>
          ) : (
            <TableRow>
              <TableCell colSpan={4} className="text-muted-foreground text-center">
                No approved invoices, credit notes or payments from {split.from} to {split.to}. Widen the range above, or connect Xero and run a pull from the Sync page so the books are mirrored.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </section>
  );
}
