import type { Db } from "@/db";
import type { ImportJob } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/read-body";
import type { CrmActor } from "../crm-actor";
import { decodeCsvUpload } from "./decode-upload";
import { IMPORT_FIELDS, type ImportType } from "./import-fields";
import { createImportJob } from "./import-jobs";
import { MAX_IMPORT_BYTES, MULTIPART_ROOM } from "@/lib/http/body-limits";

const tooLarge = () => new AppError("payload_too_large", "file: larger than 10 MB. Split it into smaller files.", [{ field: "file", message: "At most 10 MB per file: split it." }]);

/**
 * An upload as the import page posts it (multipart: `type` and `file`), read at most 10 MB plus the
 * envelope, so the size the page promises works and a bigger file gets a clear 413 before it is
 * read whole.
 */
export async function uploadImport(db: Db, actor: CrmActor, request: Request): Promise<ImportJob> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) throw new AppError("validation", "Send the file as multipart/form-data.", [{ field: "file", message: "Choose a CSV file." }]);
  let raw: Buffer;
  try {
    raw = await readBodyBytes(request, MAX_IMPORT_BYTES + MULTIPART_ROOM);
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") throw tooLarge();
    throw error;
  }
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData().catch(() => {
    throw new AppError("validation", "The upload could not be read. Choose the file again.", [{ field: "file", message: "Choose the file again." }]);
  });
  const type = form.get("type");
  if (typeof type !== "string" || !Object.hasOwn(IMPORT_FIELDS, type)) {
    throw new AppError("validation", "type: choose what the file holds.", [{ field: "type", message: "Choose what the file holds: customers, deals or products." }]);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "file: choose a CSV file.", [{ field: "file", message: "Choose a CSV file." }]);
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  const text = decodeCsvUpload(new Uint8Array(await file.arrayBuffer()));
  return createImportJob(db, actor, { type: type as ImportType, fileName: file.name.slice(0, 200), text });
}
