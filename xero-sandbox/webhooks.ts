import { createHmac, randomUUID } from "node:crypto";
import type { SandboxClock } from "./clock";
import type { RegisteredApp } from "./store/identity-state";

export interface WebhookEvent {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: "CREATE" | "UPDATE";
  eventCategory: "CONTACT" | "INVOICE" | "CREDITNOTE";
  tenantId: string;
  tenantType: "ORGANISATION";
}

export interface DeliveryRecord {
  clientId: string;
  url: string;
  status: number | null;
  attempt: number;
  events: number;
  firstEventSequence: number;
  at: string;
}

export const signWebhook = (key: string, body: string) => createHmac("sha256", key).update(body).digest("base64");

/**
 * Delivers contact and invoice events to each app whose connection covers the tenant, as Xero
 * does: batched, signed with the app's webhook key, numbered, retried with back-off on failure.
 */
export class WebhookDispatcher {
  private queue = new Map<string, WebhookEvent[]>();
  private sequence = 0;
  private timer: NodeJS.Timeout | null = null;
  readonly deliveries: DeliveryRecord[] = [];
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly appsFor: (tenantId: string) => RegisteredApp[],
    public options = { batchDelayMs: 250, retryDelaysMs: [1000, 5000, 30_000, 120_000] },
  ) {}

  emit(event: Omit<WebhookEvent, "eventDateUtc" | "tenantType">): void {
    for (const app of this.appsFor(event.tenantId)) {
      if (!app.webhook.url) continue;
      const list = this.queue.get(app.clientId) ?? [];
      list.push({ ...event, tenantType: "ORGANISATION", eventDateUtc: new Date(this.clock.now()).toISOString() });
      this.queue.set(app.clientId, list);
    }
    this.timer ??= setTimeout(() => this.flush(), this.options.batchDelayMs);
  }

  /** Sends what is queued now; resolves when every first attempt has answered. */
  async flush(apps?: Map<string, RegisteredApp>): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.queue.entries()];
    this.queue.clear();
    await Promise.all(
      batches.map(([clientId, events]) => {
        const app = apps?.get(clientId) ?? this.appsFor(events[0].tenantId).find((a) => a.clientId === clientId);
        if (!app?.webhook.url) return Promise.resolve();
        const first = this.sequence + 1;
        this.sequence += events.length;
        const body = JSON.stringify({ events, firstEventSequence: first, lastEventSequence: this.sequence, entropy: randomUUID().replace(/-/g, "").toUpperCase() });
        return this.deliver(app, body, events.length, first, 0);
      }),
    );
  }

  private async deliver(app: RegisteredApp, body: string, count: number, first: number, attempt: number): Promise<void> {
    const status = await postSigned(app.webhook.url!, body, signWebhook(app.webhook.key, body));
    this.deliveries.push({ clientId: app.clientId, url: app.webhook.url!, status, attempt, events: count, firstEventSequence: first, at: new Date().toISOString() });
    if (status === 200 || attempt >= this.options.retryDelaysMs.length) return;
    const retry = new Promise<void>((resolve) => {
      const t = setTimeout(() => void this.deliver(app, body, count, first, attempt + 1).then(resolve), this.options.retryDelaysMs[attempt]);
      t.unref();
    });
    this.pending.add(retry);
    void retry.finally(() => this.pending.delete(retry));
  }

  /** Xero's "intent to receive": a correctly signed and a badly signed empty payload. */
  async intentToReceive(app: RegisteredApp): Promise<{ ok: boolean; goodStatus: number | null; badStatus: number | null }> {
    if (!app.webhook.url) return { ok: false, goodStatus: null, badStatus: null };
    const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: randomUUID().replace(/-/g, "").toUpperCase() });
    const goodStatus = await postSigned(app.webhook.url, body, signWebhook(app.webhook.key, body));
    const badStatus = await postSigned(app.webhook.url, body, signWebhook(`${app.webhook.key}-wrong`, body));
    return { ok: goodStatus === 200 && badStatus === 401, goodStatus, badStatus };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

async function postSigned(url: string, body: string, signature: string): Promise<number | null> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-xero-signature": signature }, body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}
