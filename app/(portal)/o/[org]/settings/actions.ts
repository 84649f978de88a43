"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeMemberRole, removeMember, setMemberAmountVisibility } from "@/lib/tenancy/members";
import { inviteMember, invitationUrl, revokeInvitation } from "@/lib/tenancy/invitations";
import { orgAction } from "@/lib/tenancy/org-action";
import {
  changeRoleSchema,
  inviteMemberSchema,
  memberVisibilitySchema,
  organizationProfileSchema,
  orgVisibilitySchema,
  removeMemberSchema,
} from "@/lib/tenancy/schemas";
import { setSalesCanSeeAmounts, updateOrganizationProfile } from "@/lib/tenancy/update-organization";

const refresh = (slug: string) => revalidatePath(`/o/${slug}`, "layout");

export const updateProfileAction = orgAction({ permission: "org:manage", schema: organizationProfileSchema }, async (db, ctx, input) => {
  await updateOrganizationProfile(db, ctx, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Organisation profile saved." };
});

export const inviteMemberAction = orgAction({ permission: "members:manage", schema: inviteMemberSchema }, async (db, ctx, input) => {
  const { token } = await inviteMember(db, ctx, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Invitation sent to ${input.email}.`, data: { link: invitationUrl(token) } };
});

export const revokeInvitationAction = orgAction(
  { permission: "members:manage", schema: z.object({ invitationId: z.uuid("Pick an invitation.") }) },
  async (db, ctx, input) => {
    await revokeInvitation(db, ctx, input.invitationId);
    refresh(ctx.org.slug);
    return { ok: true, message: "Invitation withdrawn." };
  },
);

export const changeRoleAction = orgAction({ permission: "members:manage", schema: changeRoleSchema }, async (db, ctx, input) => {
  await changeMemberRole(db, ctx, input.userId, input.role);
  refresh(ctx.org.slug);
  return { ok: true, message: "Role changed." };
});

export const removeMemberAction = orgAction({ permission: "members:manage", schema: removeMemberSchema }, async (db, ctx, input) => {
  await removeMember(db, ctx, input.userId);
  refresh(ctx.org.slug);
  return { ok: true, message: "Member removed." };
});

export const orgVisibilityAction = orgAction({ permission: "org:manage", schema: orgVisibilitySchema }, async (db, ctx, input) => {
  await setSalesCanSeeAmounts(db, ctx, input.salesCanSeeAmounts === "on");
  refresh(ctx.org.slug);
  return { ok: true, message: "Visibility rule saved." };
});

export const memberVisibilityAction = orgAction({ permission: "org:manage", schema: memberVisibilitySchema }, async (db, ctx, input) => {
  const value = input.canSeeAmounts === "inherit" ? null : input.canSeeAmounts === "allow";
  await setMemberAmountVisibility(db, ctx, input.userId, value);
  refresh(ctx.org.slug);
  return { ok: true, message: "Override saved." };
});
