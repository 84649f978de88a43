import { z } from "zod";

/** Table state in the URL (search, sort, page), parsed the same way by every CRM table page. */
export const tableParams = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.string().max(40).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(10).max(100).optional().catch(undefined),
});
export type TableParams = z.infer<typeof tableParams>;

export function readTableParams(search: Record<string, string | string[] | undefined>): Required<Pick<TableParams, "page" | "pageSize">> & TableParams {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = tableParams.parse(flat);
  return { ...parsed, page: parsed.page ?? 1, pageSize: parsed.pageSize ?? 25 };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
