import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, invoiceReminders, organizations, xeroConnections, xeroInvoices } from "@/db/schema";
import { logActivity } from "@/lib/crm/activity";
import { xeroActor } from "@/lib/crm/crm-actor";
import { formatMoney } from "@/lib/crm/money";
import { getLogger } from "@/lib/log/logger";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { logSync } from "@/lib/sync/sync-log";
import { callXero } from "@/lib/xero/call-xero";
import { toXeroError } from "@/lib/xero/xero-error";
import { getInvoiceSettings } from "./invoice-settings";
import { emailWithTrackedLink } from "./tracked-link";

/** Invoices one fresh read asks Xero for (its IDs list). */
const FRESH_READ_BATCH = 50;

export interface ReminderRun {
  sent: number;
  /** Found paid, voided or no longer due by the fresh read just before sending. */
  settledMeanwhile: number;
  /** Why nothing was sent, when the settings or Xero stopped the run. */
  note: string | null;
}

/**
 * The payment reminders of one day (Settings -> Invoicing: N days before the due date, on it, every
 * N days overdue; each on or off): to each open invoice's customer (not one marked "no reminders",
 * and one with an email address), naming the invoice's number, with the tracked link. Idempotent:
 * each (invoice, reminder) is claimed once in Postgres before its email goes, so a rerun or two runs
 * at once send nothing twice. Just before sending, the invoices are read afresh from Xero: one paid
 * or voided meanwhile gets no reminder. Each one is written to the customer's activity and the sync log.
 */
export async function sendPaymentReminders(db: Db, orgId: string, today: string): Promise<ReminderRun> {
  const settings = await getInvoiceSettings(db, orgId);
  const before = settings.reminderDaysBefore;
  const every = settings.reminderEveryDaysOverdue;
  if (!before && !settings.reminderOnDueDate && !every) return { sent: 0, settledMeanwhile: 0, note: "Payment reminders are off (Settings -> Invoicing)." };
  const [connection] = await db.select({ status: xeroConnections.status }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (connection?.status !== "connected") return { sent: 0, settledMeanwhile: 0, note: "Xero is not connected: no invoice can be checked before reminding." };
  const days = sql<number>`(${today}::date - ${xeroInvoices.dueDate})`;
  const due = await db
    .select({ xeroInvoiceId: xeroInvoices.xeroInvoiceId, number: xeroInvoices.number, dueDate: xeroInvoices.dueDate, late: days, customerId: customers.id, name: customers.name, email: customers.email })
    .from(xeroInvoices)
    .innerJoin(customers, and(eq(customers.orgId, xeroInvoices.orgId), eq(customers.id, xeroInvoices.customerId)))
    .where(
      and(
        eq(xeroInvoices.orgId, orgId),
        eq(xeroInvoices.type, "ACCREC"),
        eq(xeroInvoices.status, "AUTHORISED"),
        sql`${xeroInvoices.amountDue} > 0`,
        sql`${xeroInvoices.dueDate} is not null`,
        eq(customers.noReminders, false),
        sql`coalesce(${customers.email}, '') <> ''`,
        sql`(${before ? sql`${days} = ${-before}::integer` : sql`false`} or ${settings.reminderOnDueDate ? sql`${days} = 0` : sql`false`} or ${every ? sql`(${days} > 0 and ${days} % ${every}::integer = 0)` : sql`false`})`,
      ),
    );
  const reminderOf = (late: number) => (late < 0 ? "before" : late === 0 ? "due" : `overdue:${late}`);
  const sentAlready = due.length
    ? new Set(
        (
          await db
            .select({ id: invoiceReminders.xeroInvoiceId, reminder: invoiceReminders.reminder })
            .from(invoiceReminders)
            .where(and(eq(invoiceReminders.orgId, orgId), inArray(invoiceReminders.xeroInvoiceId, due.map((d) => d.xeroInvoiceId))))
        ).map((r) => `${r.id}|${r.reminder}`),
      )
    : new Set<string>();
  const todo = due.map((d) => ({ ...d, late: Number(d.late), reminder: reminderOf(Number(d.late)) })).filter((d) => !sentAlready.has(`${d.xeroInvoiceId}|${d.reminder}`));
  if (!todo.length) return { sent: 0, settledMeanwhile: 0, note: null };

  // Checked again just before sending: what Xero says now, not the mirror (a payment may be minutes old).
  const stillOpen = new Map<string, { amountDue: string; currency: string }>();
  try {
    for (let i = 0; i < todo.length; i += FRESH_READ_BATCH) {
      const ids = todo.slice(i, i + FRESH_READ_BATCH).map((t) => t.xeroInvoiceId);
      const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs", purpose: "poll" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, ids, undefined, undefined, undefined, 1, undefined, undefined, 4));
      const invoices = answer.body.invoices ?? [];
      await mirrorInvoices(db, orgId, invoices, "schedule");
      for (const inv of invoices) if (String(inv.status) === "AUTHORISED" && Number(inv.amountDue ?? 0) > 0) stillOpen.set(inv.invoiceID!.toLowerCase(), { amountDue: Number(inv.amountDue).toFixed(2), currency: String(inv.currencyCode ?? "") });
    }
  } catch (error) {
    return { sent: 0, settledMeanwhile: 0, note: `Xero did not answer the check before sending (${toXeroError(error).message}): no reminder went; the next run tries again.` };
  }
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const actor = { ...xeroActor(org), via: "reminders" as const };
  let sent = 0;
  let settledMeanwhile = 0;
  for (const t of todo) {
    const open = stillOpen.get(t.xeroInvoiceId.toLowerCase());
    if (!open) {
      settledMeanwhile++;
      continue;
    }
    // The claim first: only the run that wins it sends this reminder.
    const [claimed] = await db.insert(invoiceReminders).values({ orgId, xeroInvoiceId: t.xeroInvoiceId, reminder: t.reminder, sentTo: t.email! }).onConflictDoNothing().returning({ id: invoiceReminders.xeroInvoiceId });
    if (!claimed) continue;
    const number = t.number ?? "your invoice";
    const when = t.late < 0 ? `is due on ${t.dueDate}` : t.late === 0 ? "is due today" : `was due on ${t.dueDate} (${t.late} day${t.late === 1 ? "" : "s"} ago)`;
    try {
      await emailWithTrackedLink(db, orgId, t.xeroInvoiceId, t.email!, (url) => ({
        subject: `Reminder: invoice ${number} from ${org.name} ${t.late > 0 ? "is overdue" : t.late === 0 ? "is due today" : "is due soon"}`,
        text: `Hello ${t.name},\n\nInvoice ${number} from ${org.name} ${when}; ${formatMoney(open.amountDue, open.currency)} is still to pay. View it and pay online here:\n\n${url}\n\nIf you have paid already, thank you, and please ignore this reminder.`,
      }));
    } catch (error) {
      // Not sent: the claim goes, so the next run sends it.
      await db.delete(invoiceReminders).where(and(eq(invoiceReminders.orgId, orgId), eq(invoiceReminders.xeroInvoiceId, t.xeroInvoiceId), eq(invoiceReminders.reminder, t.reminder)));
      getLogger().warn({ err: error, orgId }, "payment reminder not sent; the next run tries again");
      continue;
    }
    const what = t.late < 0 ? `${-t.late} day${t.late === -1 ? "" : "s"} before its due date` : t.late === 0 ? "on its due date" : `${t.late} day${t.late === 1 ? "" : "s"} overdue`;
    await logActivity(db, actor, t.customerId, `Payment reminder for ${number} sent to ${t.email} (${what})`);
    await logSync(db, [{ orgId, recordType: "invoice", recordId: null, xeroId: t.xeroInvoiceId, direction: "push", operation: "reminder", result: "ok", message: `Reminder for ${number} emailed to ${t.email} (${what}).`, trigger: "schedule" }]);
    sent++;
  }
  return { sent, settledMeanwhile, note: null };
}
