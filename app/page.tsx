import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import { listUserOrganizations } from "@/lib/tenancy/org-context";

/** The front door: signed out -> sign-in; otherwise the first organisation, or a place to make one. */
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const orgs = await listUserOrganizations(getDb(), user.id);
  if (orgs.length) redirect(`/o/${orgs[0].slug}`);
  redirect(user.isPlatformAdmin ? "/admin" : "/new-organization");
}
