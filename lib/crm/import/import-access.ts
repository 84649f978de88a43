import type { ImportJob } from "@/db/schema";
import { forbidden, notFound } from "@/lib/errors";
import type { CrmActor } from "../crm-actor";
import { assertCanManageCatalog, assertCanWrite } from "../record-access";
import type { ImportType } from "./import-fields";

/**
 * Who may import what, and act on whose import. An import writes with its uploader's rights, so
 * the same rules as the records themselves apply to the kind (products set prices: not for sales),
 * and only the uploader or an owner or admin may look at, re-map, start or download an import: a
 * sales member must not run an owner's product import or read its rows.
 */
export function assertMayImport(actor: CrmActor, type: ImportType): void {
  assertCanWrite(actor);
  if (type === "products") assertCanManageCatalog(actor);
}

export function mayActOnImport(actor: CrmActor, job: Pick<ImportJob, "createdBy" | "type">): boolean {
  return job.createdBy === actor.userId || actor.role === "owner" || actor.role === "admin";
}

/** Someone else's import answers 404, as another tenant's id does: it is not theirs to know about. */
export function assertMayActOnImport(actor: CrmActor, job: Pick<ImportJob, "createdBy" | "type">): void {
  if (!mayActOnImport(actor, job)) throw notFound("That import");
  try {
    assertMayImport(actor, job.type);
  } catch {
    throw forbidden(`Your role may not import ${job.type}.`);
  }
}
