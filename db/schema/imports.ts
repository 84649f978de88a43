import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

export const importType = pgEnum("import_type", ["customers", "deals", "products"]);
export const importMode = pgEnum("import_mode", ["all_or_nothing", "valid_only"]);
export const importStatus = pgEnum("import_status", ["uploaded", "queued", "validating", "writing", "done", "failed"]);

export interface ImportProblem {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts. */
  row: number;
  field: string;
  message: string;
}

/**
 * A CSV import from upload to result. The file is kept until the import is done so the job can be
 * re-run after a crash; progress lives here so any instance can report it.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    type: importType("type").notNull(),
    fileName: text("file_name").notNull(),
    csvText: text("csv_text").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    /** field key -> CSV header */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    mode: importMode("mode"),
    status: importStatus("status").notNull().default("uploaded"),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    rejectedRows: jsonb("rejected_rows").$type<number[]>().notNull().default([]),
    problems: jsonb("problems").$type<ImportProblem[]>().notNull().default([]),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Touched whenever the running import makes progress: a run that stops touching it has died. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_jobs_org_idx").on(t.orgId, t.createdAt)],
);

export type ImportJob = typeof importJobs.$inferSelect;
