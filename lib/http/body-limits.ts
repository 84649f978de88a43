/**
 * How many bytes each kind of request body may have, in one table: the proxy refuses a declared
 * Content-Length over it before anything is buffered, and each route reads at most this much.
 */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** A CSV import file, and the multipart envelope around it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MULTIPART_ROOM = 64 * 1024;
/** Xero batches webhook events; a delivery is a few KB, 5 MB is far beyond any. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;
/** The local job driver's calls carry step results; Inngest's own cap on a request is 4 MB. */
export const MAX_JOB_REQUEST_BYTES = 4 * 1024 * 1024;

const IMPORT_UPLOAD = /^\/api\/o\/[^/]+\/imports\/?$/;

export function bodyLimitFor(pathname: string): number {
  if (IMPORT_UPLOAD.test(pathname)) return MAX_IMPORT_BYTES + MULTIPART_ROOM;
  if (pathname.startsWith("/api/webhooks/")) return MAX_WEBHOOK_BYTES;
  if (pathname.startsWith("/api/inngest")) return MAX_JOB_REQUEST_BYTES;
  return MAX_JSON_BODY_BYTES;
}

/** A declared Content-Length past the limit (a missing or odd one is left to the route's own capped read). */
export function declaresTooMuch(headers: Headers, limit: number): boolean {
  const declared = Number(headers.get("content-length"));
  return Number.isFinite(declared) && declared > limit;
}
