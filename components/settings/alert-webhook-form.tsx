"use client";

import { useActionState } from "react";
import { saveAlertWebhookAction } from "@/app/(portal)/o/[org]/settings/alerts/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { ALERT_KIND_INFO, ALERT_KINDS, type AlertKind } from "@/lib/alerts/alert-kinds";

/** The organisation's Slack-compatible webhook: the URL (never shown back) and the kinds posted to it. */
export function AlertWebhookForm({ orgSlug, urlHint, kinds, includeAmounts }: { orgSlug: string; urlHint: string | null; kinds: AlertKind[]; includeAmounts: boolean }) {
  const [state, action, pending] = useActionState(saveAlertWebhookAction.bind(null, orgSlug), null);
  const f = state && !state.ok ? state.fields : undefined;
  const ticked = urlHint ? kinds : ALERT_KINDS;
  return (
    <form action={action} className="grid gap-4">
      <FormField
        name="webhookUrl"
        label="Webhook URL"
        hint={urlHint ? `Saved: ${urlHint}. Leave empty to keep it; paste a new one to replace it.` : "An incoming webhook from Slack, Mattermost, Rocket.Chat or any tool that takes Slack's {\"text\"} messages."}
        placeholder="https://hooks.slack.com/services/…"
        autoComplete="off"
        error={f?.webhookUrl}
      />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Post these alerts to it</legend>
        {ALERT_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="webhookKind" value={k} defaultChecked={ticked.includes(k)} /> {ALERT_KIND_INFO[k].label}
          </label>
        ))}
        {f?.kinds ? <p className="text-destructive text-sm">{f.kinds}</p> : null}
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="includeAmounts" defaultChecked={includeAmounts} className="mt-0.5" />
        <span>
          Include amounts in the messages
          <span className="text-muted-foreground block text-xs">Everyone in the channel reads them, whatever the portal&apos;s financial visibility allows; off, messages name invoices and deals without sums.</span>
        </span>
      </label>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save webhook"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
