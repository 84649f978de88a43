import { TriangleAlert } from "lucide-react";
import Link from "next/link";

/** Shown on every portal page to owners and admins while the Xero connection is broken. */
export function XeroAttentionBanner({ orgSlug, state }: { orgSlug: string; state: "needs_reauth" | "disconnected" }) {
  return (
    <div role="alert" className="bg-destructive/10 text-destructive flex flex-wrap items-center gap-2 border-b px-4 py-2 text-sm">
      <TriangleAlert className="size-4 shrink-0" aria-hidden />
      <span>{state === "needs_reauth" ? "Xero needs to be re-authorised." : "Xero was disconnected."} Syncing is paused; nothing waiting to sync is lost.</span>
      <Link href={`/o/${orgSlug}/settings/integrations`} className="font-medium underline underline-offset-4">
        {state === "needs_reauth" ? "Re-authorise" : "Reconnect"}
      </Link>
    </div>
  );
}
