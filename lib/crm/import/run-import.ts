import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { importJobs, type ImportJob, type ImportProblem } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { actorForMember } from "../actor-for-member";
import type { CrmActor } from "../crm-actor";
import type { PlannedRecord } from "./import-plan";
import { parseCsv } from "./parse-csv";
import { planImport } from "./plan-import";
import { databaseRefusalMessage } from "./database-refusal";
import { writeRecords } from "./write-records";

const CHUNK = 500;

/**
 * Runs a queued import: validate everything, then write. All-or-nothing writes in one transaction
 * and writes nothing if any row has a problem; valid-only writes 500 records per transaction and,
 * when a chunk fails in the database, retries its records one by one so only the bad one is held
 * back. Progress goes to the job row for the progress bar. Safe to re-run: records match by key.
 */
export async function runImport(db: Db, jobId: string): Promise<ImportJob> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!job || job.status === "done") return job;
  const actor = job.createdBy ? await actorForMember(db, job.orgId, job.createdBy, "import") : null;
  if (!actor) return finish(db, job.id, { status: "failed", error: "The member who started this import is no longer in the organisation." });
  const progress = (status: ImportJob["status"]) => async (done: number) => {
    await db.update(importJobs).set({ status, processedRows: done, heartbeatAt: sql`now()` }).where(eq(importJobs.id, job.id));
  };
  try {
    await progress("validating")(0);
    const { rows } = parseCsv(job.csvText);
    const plan = await planImport(db, actor, job.type, rows, job.mapping, progress("validating"));
    const problems = [...plan.problems];
    if (job.mode === "all_or_nothing" && problems.length) {
      return finish(db, job.id, { status: "failed", problems, rejectedRows: rowsOf(problems), error: `Nothing was imported: ${new Set(problems.map((p) => p.row)).size} row(s) have problems. Fix them, or import only the valid rows.` });
    }
    await progress("writing")(0);
    const totals = job.mode === "all_or_nothing" ? await writeAll(db, actor, job, plan.records) : await writeValid(db, actor, job, plan.records, problems, (done) => progress("writing")(Math.round((rows.length * done) / Math.max(1, plan.records.length))));
    if (job.mode === "all_or_nothing" && totals.problems.length) {
      return finish(db, job.id, { status: "failed", problems: totals.problems, rejectedRows: rowsOf(totals.problems), error: "Nothing was imported: the database refused a row (see the problems)." });
    }
    return finish(db, job.id, { status: "done", createdCount: totals.created, updatedCount: totals.updated, problems, rejectedRows: rowsOf(problems), processedRows: rows.length });
  } catch (error) {
    // The counts on the row are those of the batches that committed (written in their transactions).
    await finish(db, job.id, { status: "failed", error: "The import stopped on an unexpected error. Every batch counted above was written whole and nothing of the failing one; run it again to finish (records match by key)." });
    throw error;
  }
}

class RollbackImport extends Error {}

async function writeAll(db: Db, actor: CrmActor, job: ImportJob, records: PlannedRecord<unknown>[]) {
  const problems: ImportProblem[] = [];
  try {
    const totals = await db.transaction(async (tx) => {
      if (job.type === "customers") return writeRecords(tx, actor, job.type, records);
      // Each record in a savepoint, so every refusal is reported against its rows before rolling all back.
      let created = 0;
      let updated = 0;
      for (const record of records) {
        try {
          const t = await tx.transaction((sp) => writeRecords(sp, actor, job.type, [record]));
          created += t.created;
          updated += t.updated;
        } catch (error) {
          problems.push(...problemsFrom(error, record));
        }
      }
      if (problems.length) throw new RollbackImport();
      return { created, updated };
    });
    return { ...totals, problems };
  } catch (error) {
    if (error instanceof RollbackImport) return { created: 0, updated: 0, problems };
    throw error;
  }
}

/**
 * Chunks of 500 per transaction; a chunk the database refuses is retried record by record so only
 * the bad record is held back. Each transaction also adds its counts to the job row, so what the
 * job reports is always what is in the database, even if the worker dies half way.
 */
async function writeValid(db: Db, actor: CrmActor, job: ImportJob, records: PlannedRecord<unknown>[], problems: ImportProblem[], onProgress: (done: number) => Promise<void>) {
  let created = 0;
  let updated = 0;
  const commit = async (chunk: PlannedRecord<unknown>[]) => {
    const t = await db.transaction(async (tx) => {
      const written = await writeRecords(tx, actor, job.type, chunk);
      await tx
        .update(importJobs)
        .set({ createdCount: sql`${importJobs.createdCount} + ${written.created}`, updatedCount: sql`${importJobs.updatedCount} + ${written.updated}`, heartbeatAt: sql`now()` })
        .where(eq(importJobs.id, job.id));
      return written;
    });
    created += t.created;
    updated += t.updated;
  };
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    try {
      await commit(chunk);
    } catch {
      for (const record of chunk) {
        try {
          await commit([record]);
        } catch (error) {
          problems.push(...problemsFrom(error, record));
        }
      }
    }
    await onProgress(Math.min(records.length, i + CHUNK));
  }
  return { created, updated, problems };
}

/** CSV column names for the line fields the deal rules report as lines.N.field. */
const LINE_COLUMNS: Record<string, string> = { productId: "productCode", description: "lineDescription", unitPrice: "unitPrice", quantity: "quantity", discountPercent: "discountPercent" };

/** A record's refusal as problems on its rows. Failures that are not the record's fault (the database went away) are re-thrown. */
function problemsFrom(error: unknown, record: Pick<PlannedRecord<unknown>, "rows" | "lineRows">): ImportProblem[] {
  if (!(error instanceof AppError)) {
    const refusal = databaseRefusalMessage(error);
    if (!refusal) throw error;
    return record.rows.map((row) => ({ row, field: "(row)", message: refusal }));
  }
  const fields = error.fields.length ? error.fields : [{ field: "(row)", message: error.message }];
  return fields.flatMap((f) => {
    const line = /^lines\.(\d+)\.(\w+)$/.exec(f.field);
    const lineRow = line ? record.lineRows?.[Number(line[1])] : undefined;
    if (line && lineRow !== undefined) return [{ row: lineRow, field: LINE_COLUMNS[line[2]] ?? line[2], message: f.message }];
    return record.rows.map((row) => ({ row, field: f.field, message: f.message }));
  });
}

const rowsOf = (problems: ImportProblem[]) => [...new Set(problems.map((p) => p.row))].sort((a, b) => a - b);

async function finish(db: Db, id: string, values: Partial<ImportJob>): Promise<ImportJob> {
  const [job] = await db
    .update(importJobs)
    .set({ ...values, problems: (values.problems ?? []).slice(0, 5000), finishedAt: sql`now()` })
    .where(eq(importJobs.id, id))
    .returning();
  return job;
}
