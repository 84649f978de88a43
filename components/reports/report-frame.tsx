import { Download, Plug } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

const when = (d: Date | null) => (d ? new Date(d).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "never");

/** Around every report: its definition in one sentence, how fresh the books are, the CSV of the same figures, and a word when Xero is not connected. */
export function ReportFrame({
  definition,
  freshness,
  connected,
  csvHref,
  children,
  orgSlug,
}: {
  definition: string;
  freshness: { lastPullAt: Date | null; lastWebhookAt: Date | null };
  connected: boolean;
  csvHref: string;
  orgSlug: string;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="text-muted-foreground max-w-3xl text-sm" data-testid="report-definition">
          {definition}
        </p>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref} download data-testid="report-csv">
            <Download className="size-4" aria-hidden /> CSV
          </a>
        </Button>
      </div>
      <p className="text-muted-foreground text-xs" data-testid="report-freshness">
        Includes Xero as of the last pull ({when(freshness.lastPullAt)}) and the last webhook change ({when(freshness.lastWebhookAt)}).
      </p>
      {connected ? null : (
        <p className="flex items-center gap-2 rounded-md border border-dashed p-3 text-sm">
          <Plug className="size-4" aria-hidden /> Xero is not connected: these figures come from what was synced before.{" "}
          <Link className="font-medium underline underline-offset-4" href={`/o/${orgSlug}/settings/integrations`}>
            Connect Xero
          </Link>
        </p>
      )}
      {children}
    </div>
  );
}
