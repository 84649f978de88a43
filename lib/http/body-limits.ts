/**
 * How many bytes each kind of request body may have, in one place. Each route reads at most its
 * limit and refuses a declared Content-Length over it before reading (requests with a body skip
 * the proxy for that reason: see proxy.ts).
 */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** A CSV import file, and the multipart envelope around it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MULTIPART_ROOM = 64 * 1024;
/** Xero batches webhook events; a delivery is a few KB, 5 MB is far beyond any. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;
/** The local job driver's calls carry step results; Inngest's own cap on a request is 4 MB. */
export const MAX_JOB_REQUEST_BYTES = 4 * 1024 * 1024;

/** A declared Content-Length past the limit (a missing or odd one is left to the route's own capped read). */
export function declaresTooMuch(headers: Headers, limit: number): boolean {
  const declared = Number(headers.get("content-length"));
  return Number.isFinite(declared) && declared > limit;
}
