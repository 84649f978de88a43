import type { SandboxRequest } from "../http";
import { parseIfModifiedSince } from "./format";
import { parseWhere } from "./where";

export interface Page<T> {
  items: T[];
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
}

export function csvParam(req: SandboxRequest, name: string): string[] | null {
  const raw = [...req.url.searchParams.entries()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  if (!raw) return null;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function param(req: SandboxRequest, name: string): string | null {
  return [...req.url.searchParams.entries()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
}

/**
 * The common read pipeline: records in default order (UpdatedDateUTC, id), If-Modified-Since,
 * `where`, `order`, then `page`/`pageSize` (1-based, default 100, clamped to 1..1000) when paged.
 */
export function listQuery<R extends { UpdatedDateUTC: number }, S extends Record<string, unknown>>(
  req: SandboxRequest,
  records: R[],
  serialise: (r: R) => S,
  options: { paged: boolean; prefilter?: (r: R) => boolean },
): Page<S> {
  const since = parseIfModifiedSince(req.headers["if-modified-since"]);
  let rows = records;
  if (since !== null) rows = rows.filter((r) => r.UpdatedDateUTC > since);
  if (options.prefilter) rows = rows.filter(options.prefilter);

  const where = param(req, "where");
  const order = param(req, "order");
  let out: S[] | null = null;
  if (where) {
    const predicate = parseWhere(where);
    out = rows.map(serialise).filter(predicate);
  }
  if (order) {
    const [field, dir] = order.trim().split(/\s+/);
    const sign = dir?.toUpperCase() === "DESC" ? -1 : 1;
    out ??= rows.map(serialise);
    out = [...out].sort((a, b) => sign * compare(a[field] ?? a[findKey(a, field)], b[field] ?? b[findKey(b, field)]));
  }

  if (!options.paged) return { items: out ?? rows.map(serialise) };

  const page = Math.max(1, Number.parseInt(param(req, "page") ?? "1", 10) || 1);
  const requested = Number.parseInt(param(req, "pageSize") ?? "100", 10);
  const pageSize = Math.min(1000, Math.max(1, Number.isNaN(requested) ? 100 : requested));
  const total = out ? out.length : rows.length;
  const start = (page - 1) * pageSize;
  // Serialise only the page: a 50,000-invoice organisation answers a page in the time of a slice.
  const items = out ? out.slice(start, start + pageSize) : rows.slice(start, start + pageSize).map(serialise);
  return { items, pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), itemCount: total } };
}

function findKey(obj: Record<string, unknown>, field: string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field;
}

function compare(a: unknown, b: unknown): number {
  const norm = (v: unknown) => (typeof v === "string" && /^\/Date\((-?\d+)/.test(v) ? Number(/^\/Date\((-?\d+)/.exec(v)![1]) : typeof v === "string" ? v.toLowerCase() : v);
  const x = norm(a) as string | number;
  const y = norm(b) as string | number;
  if (x === y) return 0;
  if (x === undefined || x === null) return -1;
  if (y === undefined || y === null) return 1;
  return x < y ? -1 : 1;
}
