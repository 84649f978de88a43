import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AlertDelivery } from "@/db/schema";
import { ALERT_KIND_INFO, isAlertKind } from "@/lib/alerts/alert-kinds";

const STATUS_VARIANT = { delivered: "secondary", pending: "outline", failed: "destructive" } as const;

/** The webhook's last messages: what went, what is waiting for a retry, what failed and why. */
export function WebhookDeliveryLog({ deliveries, hasWebhook }: { deliveries: AlertDelivery[]; hasWebhook: boolean }) {
  if (!deliveries.length) {
    return <p className="text-muted-foreground text-sm">{hasWebhook ? "Nothing posted yet. Send a test message to check the webhook." : "No webhook yet: paste one above to post alerts to a channel."}</p>;
  }
  return (
    <Table aria-label="Webhook messages">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Alert</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
          <TableHead>What happened</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id}>
            <TableCell className="whitespace-nowrap">{d.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</TableCell>
            <TableCell>{isAlertKind(d.kind) ? ALERT_KIND_INFO[d.kind].label : "Test message"}</TableCell>
            <TableCell>
              <Badge variant={STATUS_VARIANT[d.status as keyof typeof STATUS_VARIANT] ?? "outline"}>{d.status}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
            <TableCell className="text-muted-foreground max-w-md text-sm">{d.status === "pending" && d.lastError ? `${d.lastError} Next try ${d.nextAttemptAt.toISOString().slice(11, 16)} UTC.` : (d.lastError ?? (d.status === "delivered" ? "Delivered." : "Waiting to be sent."))}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
