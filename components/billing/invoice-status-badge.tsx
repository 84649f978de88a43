import { Badge } from "@/components/ui/badge";
import { displayStatusOf, type DisplayStatus, type StatusFacts } from "@/lib/billing/display-status";

const VARIANT: Record<DisplayStatus, "default" | "secondary" | "destructive" | "outline"> = {
  Voided: "outline",
  Paid: "default",
  Draft: "secondary",
  "Awaiting approval": "secondary",
  Overdue: "destructive",
  "Part paid": "secondary",
  Viewed: "secondary",
  Sent: "secondary",
  Approved: "outline",
};

/** An invoice's one status a person understands (lib/billing/display-status.ts), the same word the API answers. */
export function InvoiceStatusBadge({ invoice, today, testId }: { invoice: StatusFacts; today: string; testId?: string }) {
  const status = displayStatusOf(invoice, today);
  return (
    <Badge variant={VARIANT[status]} data-testid={testId}>
      {status}
    </Badge>
  );
}
