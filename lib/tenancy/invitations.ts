import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invitations, memberships, organizations, users, type Invitation, type MemberRole, type Organization } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send-mail";
import type { OrgContext } from "./org-context";
import { ROLE_LABELS } from "./roles";

export const INVITATION_DAYS = 7;

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function invitationUrl(token: string): string {
  return `${getEnv().appUrl}/invite/${token}`;
}

/** Creates an invitation link and emails it. Returns the raw token (shown once, never stored). */
export async function inviteMember(db: Db, ctx: OrgContext, input: { email: string; role: MemberRole }): Promise<{ token: string; invitation: Invitation }> {
  if (input.role === "owner" && ctx.role !== "owner") {
    throw new AppError("forbidden", "Only an owner can invite another owner.", [{ field: "role", message: "Pick admin, finance or sales." }]);
  }
  const [already] = await db
    .select({ userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.org.id), eq(sql`lower(${users.email})`, input.email)));
  if (already) {
    throw new AppError("conflict", `${input.email} is already a member.`, [{ field: "email", message: "This person is already a member." }]);
  }

  const token = randomBytes(32).toString("base64url");
  const invitation = await db.transaction(async (tx) => {
    // A newer invitation replaces any open one for the same email, so only one link works.
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.orgId, ctx.org.id), eq(sql`lower(${invitations.email})`, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [row] = await tx
      .insert(invitations)
      .values({
        orgId: ctx.org.id,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedBy: ctx.user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      })
      .returning();
    await sendMail(tx, {
      to: input.email,
      subject: `${ctx.user.name} invited you to ${ctx.org.name} on Ledgerbridge`,
      text: [
        `${ctx.user.name} invited you to join ${ctx.org.name} on Ledgerbridge as ${ROLE_LABELS[input.role]}.`,
        "",
        `Accept the invitation: ${invitationUrl(token)}`,
        "",
        `The link works for ${INVITATION_DAYS} days.`,
      ].join("\n"),
    });
    return row;
  });
  return { token, invitation };
}

export async function listOpenInvitations(db: Db, orgId: string) {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: Db, ctx: OrgContext, invitationId: string): Promise<void> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, ctx.org.id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (!rows.length) throw notFound("That invitation");
}

export type InvitationLookup =
  | { state: "valid"; invitation: Invitation; org: Organization }
  | { state: "expired" | "used" | "revoked"; org: Organization }
  | { state: "unknown" };

export async function findInvitation(db: Db, token: string, now = new Date()): Promise<InvitationLookup> {
  const [row] = await db
    .select({ invitation: invitations, org: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return { state: "unknown" };
  if (row.invitation.acceptedAt) return { state: "used", org: row.org };
  if (row.invitation.revokedAt) return { state: "revoked", org: row.org };
  if (row.invitation.expiresAt <= now) return { state: "expired", org: row.org };
  return { state: "valid", invitation: row.invitation, org: row.org };
}

/** The signed-in user accepts: the invitation must be valid and addressed to their email. */
export async function acceptInvitation(db: Db, token: string, user: { id: string; email: string }): Promise<Organization> {
  return db.transaction(async (tx) => {
    const found = await findInvitation(tx, token);
    if (found.state === "unknown") throw notFound("That invitation");
    if (found.state !== "valid") {
      throw new AppError("conflict", `This invitation was ${found.state === "used" ? "already used" : found.state}. Ask for a new one.`);
    }
    if (found.invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${found.invitation.email}. Sign in with that email to accept it.`);
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, found.invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed.length) throw new AppError("conflict", "This invitation was already used. Ask for a new one.");
    await tx
      .insert(memberships)
      .values({ orgId: found.org.id, userId: user.id, role: found.invitation.role })
      .onConflictDoNothing();
    return found.org;
  });
}
