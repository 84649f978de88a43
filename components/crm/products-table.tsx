"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export interface ProductRow {
  id: string;
  code: string;
  name: string;
  priceLabel: string;
  tracksInventory: boolean;
  mapped: boolean;
}

export function ProductsTable({ orgSlug, rows, sort, dir, editable }: { orgSlug: string; rows: ProductRow[]; sort?: string; dir?: "asc" | "desc"; editable: boolean }) {
  const columns: DataTableColumn<ProductRow>[] = [
    {
      id: "code",
      header: "Code",
      sortKey: "code",
      cell: ({ row }) =>
        editable ? (
          <Link href={`/o/${orgSlug}/products/${row.original.id}`} className="font-mono font-medium hover:underline">
            {row.original.code}
          </Link>
        ) : (
          <span className="font-mono">{row.original.code}</span>
        ),
    },
    { id: "name", header: "Name", sortKey: "name", cell: ({ row }) => row.original.name },
    { id: "price", header: "Unit price", sortKey: "unitPrice", cell: ({ row }) => <span className="tabular-nums">{row.original.priceLabel}</span> },
    {
      id: "flags",
      header: "Xero",
      cell: ({ row }) => (
        <div className="flex gap-1">
          {row.original.mapped ? <Badge variant="secondary">mapped</Badge> : <Badge variant="destructive">needs mapping</Badge>}
          {row.original.tracksInventory ? <Badge variant="outline">inventory</Badge> : null}
        </div>
      ),
    },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} dir={dir} rowTestId={(r) => `product-row-${r.code}`} />;
}
