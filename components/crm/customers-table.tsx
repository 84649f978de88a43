"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  city: string | null;
  country: string | null;
  leadSource: string | null;
  ownerName: string | null;
  tags: string[];
  inXero: boolean;
}

export function CustomersTable({ orgSlug, rows, sort, dir }: { orgSlug: string; rows: CustomerRow[]; sort?: string; dir?: "asc" | "desc" }) {
  const columns: DataTableColumn<CustomerRow>[] = [
    {
      id: "name",
      header: "Name",
      sortKey: "name",
      cell: ({ row }) => (
        <Link href={`/o/${orgSlug}/customers/${row.original.id}`} className="font-medium hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "email", header: "Email", cell: ({ row }) => row.original.email ?? <span className="text-muted-foreground">—</span> },
    { id: "location", header: "Location", sortKey: "country", cell: ({ row }) => [row.original.city, row.original.country].filter(Boolean).join(", ") || "—" },
    { id: "leadSource", header: "Lead source", cell: ({ row }) => row.original.leadSource ?? "—" },
    { id: "owner", header: "Owner", cell: ({ row }) => row.original.ownerName ?? "—" },
    {
      id: "tags",
      header: "Tags",
      cell: ({ row }) => (
        <div className="flex flex-wrap gap-1">
          {row.original.inXero ? <Badge variant="secondary">in Xero</Badge> : null}
          {row.original.tags.map((t) => (
            <Badge key={t} variant="outline">
              {t}
            </Badge>
          ))}
        </div>
      ),
    },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} dir={dir} rowTestId={(r) => `customer-row-${r.name}`} />;
}
