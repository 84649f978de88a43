import { Badge } from "@/components/ui/badge";
import type { SyncHealth } from "@/lib/sync/status/sync-health";

const LOOK: Record<SyncHealth, { label: string; variant: "default" | "secondary" | "destructive" | "outline" }> = {
  healthy: { label: "Healthy", variant: "default" },
  degraded: { label: "Degraded", variant: "secondary" },
  failing: { label: "Failing", variant: "destructive" },
  needs_reauth: { label: "Needs re-auth", variant: "destructive" },
  disconnected: { label: "Disconnected", variant: "outline" },
};

/** A tenant's health as the one rule names it (lib/sync/status/sync-health.ts). */
export function HealthBadge({ health, neverConnected = false }: { health: SyncHealth; neverConnected?: boolean }) {
  const look = neverConnected ? { label: "Not connected", variant: "outline" as const } : LOOK[health];
  return (
    <Badge variant={look.variant} data-testid="admin-health">
      {look.label}
    </Badge>
  );
}
