"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { adminTokenInput, createAdminToken, revokeAdminToken } from "@/lib/admin/admin-tokens";

/** A new admin token for the signed-in admin: shown once in the answer, only its hash kept. */
export const createAdminTokenAction = adminAction({ action: "token.create", schema: adminTokenInput }, async (db, admin, _orgId, input, audit) => {
  const made = await createAdminToken(db, admin.userId, input);
  audit.details = { prefix: made.prefix, name: input.name };
  revalidatePath("/admin/tokens");
  return { ok: true, message: "Copy the token now: it is shown only once.", data: { token: made.token } };
});

export const revokeAdminTokenAction = adminAction({ action: "token.revoke", schema: z.object({ id: z.uuid("id: pick a token from the list.") }) }, async (db, _admin, _orgId, input, audit) => {
  await revokeAdminToken(db, input.id);
  audit.details = { tokenId: input.id };
  revalidatePath("/admin/tokens");
  return { ok: true, message: "Token revoked: calls with it now answer 401." };
});
