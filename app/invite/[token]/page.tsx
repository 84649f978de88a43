import type { Metadata } from "next";
import Link from "next/link";
import { Landmark } from "lucide-react";
import { NewAccountFromInvitation, AcceptInvitationButton } from "@/components/auth/invitation-panels";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ensureDatabaseReady, getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import { findUserByEmail } from "@/lib/auth/sign-up";
import { findInvitation } from "@/lib/tenancy/invitations";
import { ROLE_LABELS } from "@/lib/tenancy/roles";

export const metadata: Metadata = { title: "Invitation" };

const ENDED: Record<string, string> = {
  used: "This invitation was already accepted.",
  revoked: "This invitation was withdrawn.",
  expired: "This invitation has expired.",
  unknown: "This invitation link is not valid.",
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await ensureDatabaseReady();
  const db = getDb();
  const [found, user] = await Promise.all([findInvitation(db, token), getSessionUser()]);

  let body: React.ReactNode;
  if (found.state !== "valid") {
    body = <p className="text-sm">{ENDED[found.state]} Ask an owner or admin of the organisation to send you a new one.</p>;
  } else if (user && user.email.toLowerCase() === found.invitation.email.toLowerCase()) {
    body = <AcceptInvitationButton token={token} />;
  } else if (user) {
    body = (
      <p className="text-sm">
        You are signed in as {user.email}, but this invitation is for {found.invitation.email}. Sign out and sign in with that email to accept.
      </p>
    );
  } else if (await findUserByEmail(db, found.invitation.email)) {
    body = (
      <Button asChild>
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>Sign in as {found.invitation.email} to accept</Link>
      </Button>
    );
  } else {
    body = <NewAccountFromInvitation token={token} email={found.invitation.email} />;
  }

  return (
    <main className="bg-muted/40 flex min-h-screen flex-col items-center justify-center gap-6 p-4">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <Landmark className="text-primary size-6" aria-hidden /> Ledgerbridge
      </div>
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">{"org" in found ? `Join ${found.org.name}` : "Invitation"}</CardTitle>
          {found.state === "valid" ? <CardDescription>You were invited as {ROLE_LABELS[found.invitation.role]}.</CardDescription> : null}
        </CardHeader>
        <CardContent>{body}</CardContent>
      </Card>
    </main>
  );
}
