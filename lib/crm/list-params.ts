import { z } from "zod";
import { searchText, type SearchParams } from "@/lib/http/search-params";

export interface TableParams {
  q?: string;
  sort?: string;
  dir?: "asc" | "desc";
  page: number;
  pageSize: number;
}

const pageNumber = z.coerce.number().int().min(1).max(100_000);
const pageSize = z.coerce.number().int().min(10).max(100);

/** Table state in the URL (search, sort, page), read the same way by every CRM table page; anything odd falls back to the default. */
export function readTableParams(search: SearchParams): TableParams {
  const dir = searchText(search, "dir");
  return {
    q: searchText(search, "q"),
    sort: searchText(search, "sort", 40),
    dir: dir === "asc" || dir === "desc" ? dir : undefined,
    page: pageNumber.safeParse(searchText(search, "page")).data ?? 1,
    pageSize: pageSize.safeParse(searchText(search, "pageSize")).data ?? 25,
  };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
