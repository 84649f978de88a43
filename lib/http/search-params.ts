import { z } from "zod";

/** A page's query string as Next hands it over: a key may repeat (`?ids=a&ids=b`) and arrive as an array. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The first value of a query parameter, or undefined when it is absent, empty, longer than `max`
 * or carries a control character (a NUL would reach Postgres as an error). A link someone edited by
 * hand is answered like a link without the parameter, never with a 500.
 */
export function searchText(search: SearchParams, key: string, max = 200): string | undefined {
  if (!Object.hasOwn(search, key)) return undefined;
  const raw = search[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
   
  if (!trimmed || trimmed.length > max || /[\u0000-\u001f\u007f]/.test(trimmed)) return undefined;
  return trimmed;
}

export function searchUuid(search: SearchParams, key: string): string | undefined {
  const value = searchText(search, key, 36);
  return value && z.uuid().safeParse(value).success ? value : undefined;
}

/** One of the allowed values, or undefined. */
export function searchChoice<T extends string>(search: SearchParams, key: string, allowed: readonly T[]): T | undefined {
  const value = searchText(search, key, 100);
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A key of `table` (own keys only: `__proto__` or `toString` is not a key of ours). */
export function ownKey<T extends object>(table: T, key: string | undefined): key is Extract<keyof T, string> {
  return key !== undefined && Object.hasOwn(table, key);
}
