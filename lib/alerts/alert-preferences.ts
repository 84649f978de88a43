import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { alertPreferences, memberships } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ALERT_KIND_INFO, ALERT_KINDS, isAlertKind, mayReceive, type AlertKind } from "./alert-kinds";

export interface AlertChoice {
  kind: AlertKind;
  inApp: boolean;
  email: boolean;
}

/** A member's choices for the kinds their role may receive, defaults filled in. */
export async function memberAlertChoices(db: Db, orgId: string, userId: string): Promise<AlertChoice[]> {
  const [member] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member) return [];
  const saved = await db.select().from(alertPreferences).where(and(eq(alertPreferences.orgId, orgId), eq(alertPreferences.userId, userId)));
  const byKind = new Map(saved.map((p) => [p.kind, p]));
  return ALERT_KINDS.filter((kind) => mayReceive(kind, member.role)).map((kind) => {
    const row = byKind.get(kind);
    return { kind, inApp: row?.inApp ?? ALERT_KIND_INFO[kind].defaults.inApp, email: row?.email ?? ALERT_KIND_INFO[kind].defaults.email };
  });
}

/** Each recipient's channels for one kind: what they saved, else the kind's defaults. */
export async function channelsFor(db: Db, orgId: string, kind: AlertKind, userIds: string[]): Promise<Map<string, { inApp: boolean; email: boolean }>> {
  const saved = userIds.length
    ? await db
        .select()
        .from(alertPreferences)
        .where(and(eq(alertPreferences.orgId, orgId), eq(alertPreferences.kind, kind), inArray(alertPreferences.userId, userIds)))
    : [];
  const byUser = new Map(saved.map((p) => [p.userId, { inApp: p.inApp, email: p.email }]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? ALERT_KIND_INFO[kind].defaults]));
}

export const alertChoicesInput = z.array(z.object({ kind: z.string(), inApp: z.boolean(), email: z.boolean() })).max(ALERT_KINDS.length);

/** Saves a member's choices; a kind that does not exist or that the role may not receive is refused by name. */
export async function saveAlertChoices(db: Db, orgId: string, userId: string, input: z.infer<typeof alertChoicesInput>): Promise<void> {
  const parsed = alertChoicesInput.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "The alert choices could not be read.", [{ field: "kind", message: "Choose from the alerts listed." }]);
  const choices = parsed.data;
  const [member] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member) throw new AppError("not_found", "You are not a member of this organisation.");
  if (new Set(choices.map((c) => c.kind)).size !== choices.length) throw new AppError("validation", "An alert is listed twice.", [{ field: "kind", message: "Send each alert kind once." }]);
  for (const c of choices) {
    if (!isAlertKind(c.kind) || !mayReceive(c.kind, member.role)) {
      throw new AppError("validation", `"${c.kind}" is not an alert your role can receive.`, [{ field: "kind", message: `Choose one of: ${ALERT_KINDS.filter((k) => mayReceive(k, member.role)).join(", ")}.` }]);
    }
  }
  if (!choices.length) return;
  await db
    .insert(alertPreferences)
    .values(choices.map((c) => ({ orgId, userId, kind: c.kind, inApp: c.inApp, email: c.email })))
    .onConflictDoUpdate({ target: [alertPreferences.orgId, alertPreferences.userId, alertPreferences.kind], set: { inApp: sql.raw("excluded.in_app"), email: sql.raw("excluded.email"), updatedAt: new Date() } });
}
