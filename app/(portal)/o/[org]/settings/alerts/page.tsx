import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { SubmitForm } from "@/components/common/submit-form";
import { AlertChoicesForm } from "@/components/settings/alert-choices-form";
import { AlertWebhookForm } from "@/components/settings/alert-webhook-form";
import { WebhookDeliveryLog } from "@/components/settings/webhook-delivery-log";
import { getDb } from "@/db";
import { memberAlertChoices } from "@/lib/alerts/alert-preferences";
import { getAlertWebhook, listWebhookDeliveries } from "@/lib/alerts/alert-webhook";
import { can } from "@/lib/tenancy/roles";
import { requireOrg } from "@/lib/tenancy/require-org";
import { removeAlertWebhookAction, testAlertWebhookAction } from "./actions";

export default async function AlertsSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const manages = can(ctx.role, "org:manage");
  const [choices, webhook, deliveries] = await Promise.all([memberAlertChoices(db, ctx.org.id, ctx.user.id), manages ? getAlertWebhook(db, ctx.org.id) : null, manages ? listWebhookDeliveries(db, ctx.org.id) : []]);
  return (
    <div className="grid gap-10">
      <section className="grid gap-3">
        <h2 className="text-lg font-semibold">Your alerts</h2>
        <p className="text-muted-foreground max-w-2xl text-sm">
          Choose how each alert reaches you. In the portal means the bell at the top; email goes to {ctx.user.email}. Each alert is raised once for what it is about (an invoice in an ageing stage, a deal&apos;s leakage), however often the check runs.
        </p>
        <AlertChoicesForm orgSlug={slug} choices={choices} />
      </section>
      {manages ? (
        <section className="grid gap-3">
          <h2 className="text-lg font-semibold">Team chat webhook</h2>
          <p className="text-muted-foreground max-w-2xl text-sm">
            Post alerts to a channel as well. The URL is a secret: it is stored encrypted and shown back only by its host. A message that fails is retried a few times over about three hours (1, 5, 30 minutes, then 2 hours), then kept below as failed with the reason; an answer like 404 (the hook was deleted) is not retried.
          </p>
          <AlertWebhookForm orgSlug={slug} urlHint={webhook?.urlHint ?? null} kinds={webhook?.kinds ?? []} includeAmounts={webhook?.includeAmounts ?? false} />
          {webhook ? (
            <div className="flex flex-wrap items-start gap-4">
              <SubmitForm action={testAlertWebhookAction} orgSlug={slug} label="Send a test message" pendingLabel="Sending…" variant="outline" />
              <ConfirmActionButton
                action={removeAlertWebhookAction}
                orgSlug={slug}
                hidden={{}}
                label="Remove webhook"
                variant="ghost"
                title="Remove the team chat webhook?"
                description="Alerts stop being posted to the channel; messages still waiting are marked failed. Members keep getting alerts in the portal and by email."
                confirmLabel="Remove webhook"
              />
            </div>
          ) : null}
          <WebhookDeliveryLog deliveries={deliveries} hasWebhook={!!webhook} />
        </section>
      ) : null}
    </div>
  );
}
