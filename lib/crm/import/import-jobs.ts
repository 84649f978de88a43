import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { importJobs, type ImportJob } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import type { CrmActor } from "../crm-actor";
import { assertMayActOnImport, assertMayImport } from "./import-access";
import { guessMapping, IMPORT_FIELDS, type ImportType } from "./import-fields";
import { parseCsv, toCsv } from "./parse-csv";
import { planImport } from "./plan-import";

export async function createImportJob(db: Db, actor: CrmActor, input: { type: ImportType; fileName: string; text: string }): Promise<ImportJob> {
  assertMayImport(actor, input.type);
  const { headers, rows } = parseCsv(input.text);
  if (!rows.length) throw new AppError("validation", "file: the file has a header row but no data rows.", [{ field: "file", message: "Add at least one data row." }]);
  const [job] = await db
    .insert(importJobs)
    .values({ orgId: actor.orgId, type: input.type, fileName: input.fileName, csvText: input.text, headers, mapping: guessMapping(input.type, headers), totalRows: rows.length, createdBy: actor.userId })
    .returning();
  return job;
}

/** An import as `actor` may see it: their own, or any for an owner or admin (import-access.ts). */
export async function getImportJob(db: Db, actor: CrmActor, id: string): Promise<ImportJob> {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.orgId, actor.orgId), eq(importJobs.id, id)));
  if (!job) throw notFound("That import");
  assertMayActOnImport(actor, job);
  return job;
}

/** Recent imports: everyone's for owners and admins, one's own for the others. */
export async function listImportJobs(db: Db, actor: CrmActor) {
  const seesAll = actor.role === "owner" || actor.role === "admin";
  return db
    .select({ id: importJobs.id, type: importJobs.type, fileName: importJobs.fileName, status: importJobs.status, totalRows: importJobs.totalRows, createdCount: importJobs.createdCount, updatedCount: importJobs.updatedCount, createdAt: importJobs.createdAt })
    .from(importJobs)
    .where(and(eq(importJobs.orgId, actor.orgId), seesAll ? undefined : actor.userId ? eq(importJobs.createdBy, actor.userId) : sql`false`))
    .orderBy(desc(importJobs.createdAt))
    .limit(20);
}

/** Keeps only mappings to known fields and existing headers; required fields must be mapped. */
export async function saveMapping(db: Db, actor: CrmActor, id: string, mapping: Record<string, string>): Promise<ImportJob> {
  const job = await getImportJob(db, actor, id);
  if (job.status !== "uploaded" && job.status !== "failed") throw new AppError("conflict", "This import already ran. Upload the file again to import it once more.");
  const fields = IMPORT_FIELDS[job.type];
  const clean = Object.fromEntries(Object.entries(mapping).filter(([k, h]) => h && fields.some((f) => f.key === k) && job.headers.includes(h)));
  const missing = fields.filter((f) => f.required && !clean[f.key]);
  if (missing.length) {
    throw new AppError("validation", `Map a column to ${missing.map((f) => f.label).join(", ")}.`, missing.map((f) => ({ field: `map.${f.key}`, message: `Choose the column that holds ${f.label}.` })));
  }
  const [saved] = await db.update(importJobs).set({ mapping: clean }).where(eq(importJobs.id, id)).returning();
  return saved;
}

/** What the import would do, without writing: counts and every problem by row, field and fix. */
export async function previewImport(db: Db, actor: CrmActor, job: ImportJob) {
  const { rows } = parseCsv(job.csvText);
  const plan = await planImport(db, actor, job.type, rows, job.mapping, async () => {});
  const badRows = new Set(plan.problems.map((p) => p.row));
  return {
    total: rows.length,
    validRows: rows.length - badRows.size,
    creates: plan.records.filter((r) => !r.existingId).length,
    updates: plan.records.filter((r) => r.existingId).length,
    problems: plan.problems.sort((a, b) => a.row - b.row),
  };
}

/**
 * The rejected rows as the user uploaded them, with a column saying what to fix. Money columns (as
 * mapped) are blanked for a viewer who may not see amounts, like every other export.
 */
export function rejectedRowsCsv(job: ImportJob, canSeeAmounts: boolean): string {
  const { headers, rows } = parseCsv(job.csvText);
  const hidden = canSeeAmounts ? [] : IMPORT_FIELDS[job.type].filter((f) => f.amount && job.mapping[f.key]).map((f) => job.mapping[f.key]);
  const byRow = new Map<number, string[]>();
  for (const p of job.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), `${p.field}: ${p.message}`]);
  const rejected = job.rejectedRows.map((row) => ({ ...rows[row - 1], ...Object.fromEntries(hidden.map((h) => [h, ""])), "Import problem": (byRow.get(row) ?? []).join(" | ") }));
  return toCsv([...headers, "Import problem"], rejected);
}

/** Marks the import to run in the chosen mode; the caller then sends the job event. Refuses to run one twice. */
export async function queueImport(db: Db, actor: CrmActor, id: string, mode: "all_or_nothing" | "valid_only"): Promise<ImportJob> {
  const job = await getImportJob(db, actor, id);
  if (!(job.status === "uploaded" || job.status === "failed" || isStalled(job))) throw new AppError("conflict", "This import is already running or done. Upload the file again to import it once more.");
  const [queued] = await db
    .update(importJobs)
    .set({ mode, status: "queued", processedRows: 0, createdCount: 0, updatedCount: 0, problems: [], rejectedRows: [], error: null, finishedAt: null, heartbeatAt: sql`now()` })
    .where(eq(importJobs.id, id))
    .returning();
  return queued;
}

/** How long a running import may go without progress before it counts as dead (a crashed worker). */
export const STALL_AFTER_MS = 2 * 60_000;

/**
 * A queued or running import whose worker stopped reporting: it can be started again safely, since
 * records match by key and every write transaction either committed or left nothing.
 */
export function isStalled(job: Pick<ImportJob, "status" | "heartbeatAt">, now = Date.now()): boolean {
  if (job.status !== "queued" && job.status !== "validating" && job.status !== "writing") return false;
  return !job.heartbeatAt || now - job.heartbeatAt.getTime() > STALL_AFTER_MS;
}
