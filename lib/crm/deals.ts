import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { dealLines, deals, type Deal, type DealLine, type PipelineStage } from "@/db/schema";
import { getInvoiceSettings, isInvoiceTrigger } from "@/lib/billing/invoice-settings";
import { AppError, notFound } from "@/lib/errors";
import { dealInvoiceFields } from "@/lib/sync/invoices/invoice-fields";
import { logActivity } from "./activity";
import { buildLines } from "./build-lines";
import type { CrmActor } from "./crm-actor";
import { getCustomer } from "./customers";
import { assertMemberOf } from "./org-members";
import { enqueueRemoval, enqueueSync, hasOutboxRow } from "./outbox";
import { getStage, listStages } from "./pipeline-stages";
import { assertCanEditOwned, assertCanWrite } from "./record-access";
import type { DealInput } from "./schemas";
import { onUniqueViolation } from "./unique-violation";

const externalIdTaken = onUniqueViolation("externalId", "Another deal already has this external id.");

export async function getDeal(db: Db, orgId: string, id: string): Promise<Deal & { lines: DealLine[] }> {
  const [row] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.orgId, orgId), eq(deals.id, id)));
  if (!row) throw notFound("That deal");
  const lines = await db.select().from(dealLines).where(eq(dealLines.dealId, id)).orderBy(asc(dealLines.position));
  return { ...row, lines };
}

/** Won and lost dates follow the stage; a won deal goes to the outbox to become an invoice. */
function closeFields(stage: PipelineStage, current?: Deal) {
  return {
    wonAt: stage.kind === "won" ? (current?.wonAt ?? new Date()) : null,
    lostAt: stage.kind === "lost" ? (current?.lostAt ?? new Date()) : null,
  };
}

export async function createDeal(db: Db, actor: CrmActor, input: DealInput): Promise<Deal> {
  assertCanWrite(actor);
  return db.transaction(async (tx) => {
    const customer = await getCustomer(tx, actor.orgId, input.customerId).catch(() => {
      throw new AppError("validation", "customerId: no such customer.", [{ field: "customerId", message: "Choose one of your customers." }]);
    });
    const ownerId = actor.role === "sales" ? actor.userId : (input.ownerId ?? actor.userId);
    if (input.ownerId && actor.role === "sales" && input.ownerId !== actor.userId) throw new AppError("forbidden", "Sales members cannot give a deal to another owner.");
    if (ownerId && actor.role !== "sales" && input.ownerId) await assertMemberOf(tx, actor.orgId, ownerId);
    const stage = input.stageId ? await getStage(tx, actor.orgId, input.stageId) : (await listStages(tx, actor.orgId))[0];
    const currency = input.currency ?? customer.currency ?? actor.org.baseCurrency;
    const { lines, amount } = await buildLines(tx, actor, input.lines ?? [], currency);
    const { lines: _ignored, ...fields } = input; // eslint-disable-line @typescript-eslint/no-unused-vars
    const [row] = await tx
      .insert(deals)
      .values({ ...fields, orgId: actor.orgId, ownerId, stageId: stage.id, currency, amount, ...closeFields(stage) })
      .returning()
      .catch(externalIdTaken);
    if (lines.length) await tx.insert(dealLines).values(lines.map((l) => ({ ...l, orgId: actor.orgId, dealId: row.id })));
    if (isInvoiceTrigger(await getInvoiceSettings(tx, actor.orgId), stage)) await enqueueSync(tx, actor.orgId, "deal", row.id, "upsert");
    await logActivity(tx, actor, customer.id, `Deal "${row.title}" created in ${stage.name}`);
    return row;
  });
}

/**
 * Holds the deal's row for the rest of the transaction: the push records a new invoice under the
 * same lock, so a move out of Won or a delete either sees the invoice (and is refused) or is seen
 * by the push (which removes the invoice from Xero); never an invoice on a reopened or deleted deal.
 */
export async function lockDeal(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.select({ id: deals.id }).from(deals).where(and(eq(deals.orgId, orgId), eq(deals.id, id))).for("update");
}

export async function updateDeal(db: Db, actor: CrmActor, id: string, patch: Partial<DealInput>): Promise<Deal> {
  return db.transaction(async (tx) => {
    await lockDeal(tx, actor.orgId, id);
    const current = await getDeal(tx, actor.orgId, id);
    assertCanEditOwned(actor, current.ownerId, "deals");
    if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
      if (actor.role === "sales") throw new AppError("forbidden", "Sales members cannot give a deal to another owner.");
      if (patch.ownerId) await assertMemberOf(tx, actor.orgId, patch.ownerId);
    }
    if (patch.customerId && patch.customerId !== current.customerId) await getCustomer(tx, actor.orgId, patch.customerId);
    const stage = patch.stageId ? await getStage(tx, actor.orgId, patch.stageId) : await getStage(tx, actor.orgId, current.stageId);
    assertMayLeaveWon(current, stage);
    const currency = patch.currency ?? current.currency;
    const { lines: lineInput, ...fields } = patch;
    if (currency !== current.currency && !lineInput && current.lines.length) {
      // The stored prices are numbers in the old currency; keeping them would silently change what they mean.
      throw new AppError("validation", `currency: changing ${current.currency} to ${currency} needs the lines re-priced in ${currency}.`, [
        { field: "currency", message: `Send the lines with their prices in ${currency} in the same change (lines that name a product priced in ${currency} may leave the price out).` },
      ]);
    }
    let amount = current.amount;
    let lines: Pick<DealLine, "productId" | "description" | "quantity" | "unitPrice" | "discountPercent">[] = current.lines;
    if (lineInput && !actor.canSeeAmounts) {
      // Re-pricing from product prices would silently undo a negotiated price nobody here can see.
      throw new AppError("forbidden", "lines: you cannot change the lines of a priced deal without financial visibility. Ask finance or an admin.", [
        { field: "lines", message: "Ask finance or an admin to change the lines." },
      ]);
    }
    if (lineInput) {
      const built = await buildLines(tx, actor, lineInput, currency);
      amount = built.amount;
      lines = built.lines;
      await tx.delete(dealLines).where(eq(dealLines.dealId, id));
      if (built.lines.length) await tx.insert(dealLines).values(built.lines.map((l) => ({ ...l, orgId: actor.orgId, dealId: id })));
    }
    const [row] = await tx
      .update(deals)
      .set({ ...fields, currency, amount, stageId: stage.id, ...closeFields(stage, current), updatedAt: sql`now()` })
      .where(and(eq(deals.orgId, actor.orgId), eq(deals.id, id)))
      .returning()
      .catch(externalIdTaken);
    await afterStageChange(tx, actor, current, row, stage, dealInvoiceFields(current, current.lines) !== dealInvoiceFields(row, lines));
    return row;
  });
}

/** The deal board's drop: only the stage changes. */
export async function moveDealToStage(db: Db, actor: CrmActor, id: string, stageId: string): Promise<Deal> {
  return updateDeal(db, actor, id, { stageId });
}

export async function deleteDeal(db: Db, actor: CrmActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockDeal(tx, actor.orgId, id);
    const current = await getDeal(tx, actor.orgId, id);
    assertCanEditOwned(actor, current.ownerId, "deals");
    if (current.xeroInvoiceId) throw new AppError("conflict", "This deal has an invoice in Xero. Void the invoice in Xero first; the deal keeps the link.");
    await tx.delete(deals).where(and(eq(deals.orgId, actor.orgId), eq(deals.id, id)));
    await enqueueRemoval(tx, actor.orgId, "deal", id, null);
  });
}

function assertMayLeaveWon(current: Deal, next: PipelineStage) {
  if (current.wonAt && next.kind !== "won" && current.xeroInvoiceId) {
    throw new AppError("conflict", "This deal was invoiced in Xero. Void or credit the invoice in Xero before reopening the deal.");
  }
}

/**
 * A deal at the invoicing stage (Won, unless Settings -> Invoicing names another) is queued for its
 * Xero invoice when it arrives there and on every change the invoice would show, so a draft invoice
 * follows the deal; a save that changes nothing Xero sees queues nothing (one never sent yet still
 * goes). Leaving that stage before the sync ran takes it out of the queue.
 */
async function afterStageChange(tx: Db, actor: CrmActor, before: Deal, after: Deal, stage: PipelineStage, invoiceChanged: boolean) {
  const settings = await getInvoiceSettings(tx, actor.orgId);
  if (isInvoiceTrigger(settings, stage)) {
    const due = invoiceChanged || before.stageId !== after.stageId || (!after.xeroInvoiceId && !(await hasOutboxRow(tx, actor.orgId, "deal", after.id)));
    if (due) await enqueueSync(tx, actor.orgId, "deal", after.id, "upsert");
  }
  else if (before.stageId !== after.stageId && !after.xeroInvoiceId) await enqueueRemoval(tx, actor.orgId, "deal", after.id, null);
  if (before.stageId !== after.stageId) await logActivity(tx, actor, after.customerId, `Deal "${after.title}" moved to ${stage.name}`);
}
