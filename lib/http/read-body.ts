import { AppError } from "@/lib/errors";

import { declaresTooMuch, MAX_JSON_BODY_BYTES } from "./body-limits";

export { MAX_JSON_BODY_BYTES };

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} KB. Send fewer records per request.`, [
    { field: "(body)", message: `At most ${Math.round(limit / 1024)} KB.` },
  ]);

/**
 * The body's bytes, read at most `limit`: a declared Content-Length over the limit is refused
 * unread, and a body that streams past it is cut off and refused.
 */
export async function readBodyBytes(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<Buffer> {
  if (declaresTooMuch(request.headers, limit)) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON body within the size limit, or a 400 naming the problem. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  return parseJsonText((await readBodyBytes(request, limit)).toString("utf8"));
}

/** For endpoints whose body is optional: an empty body is `{}`, anything else must be JSON. */
export async function readOptionalJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = (await readBodyBytes(request, limit)).toString("utf8");
  return text.trim() ? parseJsonText(text) : {};
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body must be JSON.", [{ field: "(body)", message: "Send a JSON object with Content-Type: application/json." }]);
  }
}
