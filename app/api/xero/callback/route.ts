import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { getSessionUser } from "@/lib/auth/session-user";
import { getEnv } from "@/lib/env";
import { announceConnection } from "@/inngest/sync-events";
import { completeXeroConnect } from "@/lib/xero/connect-flow";

/** Xero (or the sandbox) sends the browser back here after consent. */
export async function GET(request: Request) {
  const base = getEnv().appUrl;
  const user = await getSessionUser();
  const here = new URL(request.url);
  if (!user) return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(here.pathname + here.search)}`, base));
  const db = getDb();
  const outcome = await completeXeroConnect(db, user.id, `${base}${here.pathname}${here.search}`);
  const [org] = outcome.orgId ? await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, outcome.orgId)) : [];
  if (!org) return NextResponse.redirect(new URL(`/?xero_error=${outcome.kind === "error" ? outcome.reason : "expired"}`, base));
  const page = `/o/${org.slug}/settings/integrations`;
  if (outcome.kind === "connected") await announceConnection(outcome.orgId!);
  if (outcome.kind === "connected") return NextResponse.redirect(new URL(`${page}?xero=connected&name=${encodeURIComponent(outcome.tenantName)}`, base));
  if (outcome.kind === "choose") return NextResponse.redirect(new URL(`${page}?choose=${encodeURIComponent(outcome.state)}`, base));
  return NextResponse.redirect(new URL(`${page}?xero_error=${outcome.reason}`, base));
}
