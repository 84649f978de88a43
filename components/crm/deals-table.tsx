"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export interface DealRow {
  id: string;
  title: string;
  customerName: string;
  stageName: string;
  stageKind: "open" | "won" | "lost";
  ownerName: string | null;
  amountLabel: string;
  expectedCloseDate: string | null;
}

export function DealsTable({ orgSlug, rows, sort, dir }: { orgSlug: string; rows: DealRow[]; sort?: string; dir?: "asc" | "desc" }) {
  const columns: DataTableColumn<DealRow>[] = [
    {
      id: "title",
      header: "Deal",
      sortKey: "title",
      cell: ({ row }) => (
        <Link href={`/o/${orgSlug}/deals/${row.original.id}`} className="font-medium hover:underline">
          {row.original.title}
        </Link>
      ),
    },
    { id: "customer", header: "Customer", cell: ({ row }) => row.original.customerName },
    {
      id: "stage",
      header: "Stage",
      sortKey: "stage",
      cell: ({ row }) => <Badge variant={row.original.stageKind === "won" ? "default" : row.original.stageKind === "lost" ? "secondary" : "outline"}>{row.original.stageName}</Badge>,
    },
    { id: "amount", header: "Amount", sortKey: "amount", cell: ({ row }) => <span className="tabular-nums">{row.original.amountLabel}</span> },
    { id: "close", header: "Expected close", sortKey: "expectedCloseDate", cell: ({ row }) => row.original.expectedCloseDate ?? "—" },
    { id: "owner", header: "Owner", cell: ({ row }) => row.original.ownerName ?? "—" },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} dir={dir} rowTestId={(r) => `deal-row-${r.title}`} />;
}
