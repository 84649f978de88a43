import { and, asc, count, eq, max } from "drizzle-orm";
import type { Db } from "@/db";
import { deals, pipelineStages, type PipelineStage } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { onUniqueViolation } from "./unique-violation";

export const DEFAULT_STAGES = [
  { name: "Lead", probability: 10, kind: "open" },
  { name: "Qualified", probability: 25, kind: "open" },
  { name: "Proposal", probability: 60, kind: "open" },
  { name: "Won", probability: 100, kind: "won" },
  { name: "Lost", probability: 0, kind: "lost" },
] as const;

/** The organisation's stages in board order; the defaults are created the first time they are asked for. */
export async function listStages(db: Db, orgId: string): Promise<PipelineStage[]> {
  const rows = await db.select().from(pipelineStages).where(eq(pipelineStages.orgId, orgId)).orderBy(asc(pipelineStages.position));
  if (rows.length) return rows;
  await db
    .insert(pipelineStages)
    .values(DEFAULT_STAGES.map((s, i) => ({ ...s, orgId, position: (i + 1) * 10 })))
    .onConflictDoNothing();
  return db.select().from(pipelineStages).where(eq(pipelineStages.orgId, orgId)).orderBy(asc(pipelineStages.position));
}

export async function getStage(db: Db, orgId: string, stageId: string): Promise<PipelineStage> {
  const [row] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.orgId, orgId), eq(pipelineStages.id, stageId)));
  if (!row) throw new AppError("validation", "stageId: no such stage in this pipeline.", [{ field: "stageId", message: "Choose one of the pipeline's stages." }]);
  return row;
}

export async function updateStage(db: Db, orgId: string, stageId: string, input: { name: string; probability: number }): Promise<void> {
  const [row] = await db
    .update(pipelineStages)
    .set(input)
    .where(and(eq(pipelineStages.orgId, orgId), eq(pipelineStages.id, stageId)))
    .returning({ id: pipelineStages.id })
    .catch(onUniqueViolation("name", "Another stage already has this name."));
  if (!row) throw notFound("That stage");
}

/** New open stages go just before the first won/lost stage, so Won and Lost stay at the end. */
export async function addStage(db: Db, orgId: string, input: { name: string; probability: number }): Promise<void> {
  const stages = await listStages(db, orgId);
  const closed = stages.find((s) => s.kind !== "open");
  const openMax = Math.max(0, ...stages.filter((s) => s.kind === "open").map((s) => s.position));
  const position = closed ? Math.floor((openMax + closed.position) / 2) : ((await db.select({ m: max(pipelineStages.position) }).from(pipelineStages).where(eq(pipelineStages.orgId, orgId)))[0].m ?? 0) + 10;
  if (closed && position === openMax) throw new AppError("conflict", "No room for another stage here; rename an existing one instead.");
  await db.insert(pipelineStages).values({ ...input, orgId, position, kind: "open" }).catch(onUniqueViolation("name", "Another stage already has this name."));
}

export async function deleteStage(db: Db, orgId: string, stageId: string): Promise<void> {
  const stage = await getStage(db, orgId, stageId);
  if (stage.kind !== "open") throw new AppError("conflict", "Won and Lost stages cannot be deleted: reports rely on them.");
  const [{ n }] = await db.select({ n: count() }).from(deals).where(and(eq(deals.orgId, orgId), eq(deals.stageId, stageId)));
  if (n) throw new AppError("conflict", `${stage.name} still holds ${n} deal(s). Move them to another stage first.`);
  await db.delete(pipelineStages).where(and(eq(pipelineStages.orgId, orgId), eq(pipelineStages.id, stageId)));
}
