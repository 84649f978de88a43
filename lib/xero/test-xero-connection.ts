import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { assertCan } from "@/lib/tenancy/roles";
import { callXero } from "./call-xero";
import { getConnection } from "./connection-store";
import { XeroNotConnectedError } from "./get-xero-client";
import { toXeroError } from "./xero-error";

/** How long one test's answer stands: a button pressed in a loop costs one Xero call a minute. */
export const TEST_ANSWER_MS = 60_000;

export interface ConnectionTestAnswer {
  ok: boolean;
  message: string;
}

/**
 * "Test connection": one cheap call (GET /Organisation) from the manual share of the day's calls,
 * at most once a minute per organisation. The first caller in a minute claims the test by stamping
 * the connection row; everyone else, on any instance, is answered from that row (never process
 * memory: the app scales out). Only members who manage Xero may test.
 */
export async function testXeroConnection(db: Db, ctx: OrgContext, now = new Date()): Promise<ConnectionTestAnswer> {
  assertCan(ctx, "xero:manage");
  const claimed = await db
    .update(xeroConnections)
    .set({ lastTestAt: now, lastTestOk: null, lastTestMessage: null })
    .where(and(eq(xeroConnections.orgId, ctx.org.id), or(isNull(xeroConnections.lastTestAt), lt(xeroConnections.lastTestAt, new Date(now.getTime() - TEST_ANSWER_MS)))))
    .returning({ orgId: xeroConnections.orgId });
  if (!claimed.length) return answerFromLastTest(db, ctx.org.id, now);

  let answer: ConnectionTestAnswer;
  try {
    const res = await callXero(db, ctx.org.id, { method: "GET", path: "/Organisation", purpose: "manual" }, (xero, tenantId) => xero.accountingApi.getOrganisations(tenantId));
    answer = { ok: true, message: `Xero answered for ${res.body.organisations?.[0]?.name ?? "the organisation"}.` };
  } catch (error) {
    answer = { ok: false, message: toXeroError(error).message };
  }
  // Only this claim's row: a reconnect meanwhile reset the stamp and must not inherit this answer.
  await db
    .update(xeroConnections)
    .set({ lastTestOk: answer.ok, lastTestMessage: answer.message })
    .where(and(eq(xeroConnections.orgId, ctx.org.id), eq(xeroConnections.lastTestAt, now)));
  return answer.ok ? { ok: true, message: `Connected: ${answer.message}` } : answer;
}

async function answerFromLastTest(db: Db, orgId: string, now: Date): Promise<ConnectionTestAnswer> {
  const row = await getConnection(db, orgId);
  if (!row?.lastTestAt) return { ok: false, message: new XeroNotConnectedError("not_connected").message };
  const ago = Math.max(0, Math.round((now.getTime() - row.lastTestAt.getTime()) / 1000));
  const again = `Test again in ${Math.max(1, Math.ceil((row.lastTestAt.getTime() + TEST_ANSWER_MS - now.getTime()) / 1000))} s.`;
  if (row.lastTestOk === null) return { ok: true, message: `A test started ${ago} s ago is still waiting for Xero. ${again}` };
  return row.lastTestOk ? { ok: true, message: `Tested ${ago} s ago: OK, ${row.lastTestMessage} ${again}` } : { ok: false, message: `Tested ${ago} s ago: failed. ${row.lastTestMessage} ${again}` };
}
