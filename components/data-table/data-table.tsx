"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type DataTableColumn<T> = ColumnDef<T> & { sortKey?: string };

/**
 * shadcn's data-table pattern on TanStack Table, driven by the server: sort and page live in the
 * URL (shareable, back-button friendly), the server returns one page, the table renders it.
 */
export function DataTable<T>({ columns, data, sort, dir, rowTestId, empty }: { columns: DataTableColumn<T>[]; data: T[]; sort?: string; dir?: "asc" | "desc"; rowTestId?: (row: T) => string; empty?: React.ReactNode }) {
  const pathname = usePathname();
  const search = useSearchParams();
  // TanStack Table is not React-Compiler safe; the compiler skips this component, which is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true });

  const sortHref = (key: string) => {
    const next = new URLSearchParams(search.toString());
    const nextDir = sort === key && dir === "asc" ? "desc" : "asc";
    next.set("sort", key);
    next.set("dir", nextDir);
    next.delete("page");
    return `${pathname}?${next}`;
  };

  return (
    <div className="rounded-xl border">
      <Table>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sortKey = (header.column.columnDef as DataTableColumn<T>).sortKey;
                const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                const Icon = sort === sortKey ? (dir === "desc" ? ArrowDown : ArrowUp) : ArrowUpDown;
                return (
                  <TableHead key={header.id} aria-sort={sortKey && sort === sortKey ? (dir === "desc" ? "descending" : "ascending") : undefined}>
                    {sortKey ? (
                      <Link href={sortHref(sortKey)} className="hover:text-foreground inline-flex items-center gap-1" scroll={false}>
                        {label} <Icon className="size-3.5" aria-hidden />
                      </Link>
                    ) : (
                      label
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.length ? (
            table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-testid={rowTestId?.(row.original)}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
                ))}
              </TableRow>
            ))
          ) : (
            <TableRow>
              <TableCell colSpan={columns.length} className="text-muted-foreground h-24 text-center">
                {empty ?? "Nothing matches. Clear the search or filters."}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
