import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SandboxClock } from "./clock";
import { noFaults, type FaultState } from "./faults";
import { IdempotencyStore } from "./idempotency";
import { SigningKey } from "./identity/signing-key";
import { RateLimiter, XERO_LIMITS, type LimitConfig } from "./limits";
import { RequestLog } from "./request-log";
import { IdentityState, type RegisteredApp } from "./store/identity-state";
import { Organisation } from "./store/organisation";
import { WebhookDispatcher } from "./webhooks";

export const DEFAULT_APP: RegisteredApp = {
  clientId: "ledgerbridge-sandbox",
  clientSecret: "sandbox-secret",
  name: "Ledgerbridge (sandbox)",
  redirectUris: [],
  allowLocalhost: true,
  webhook: { url: null, key: "sandbox-webhook-key" },
};

/** The person who consents on the sandbox's authorize page. */
export const SANDBOX_USER = { id: "5e7a1d2c-0b1f-4c7e-9a1d-5a9d0c0ffee1", email: "accountant@sandbox.xero.test", name: "Sandbox Accountant" };

/** Everything the sandbox knows; the HTTP layer only reads and changes this. */
export class Sandbox {
  orgs = new Map<string, Organisation>();
  identity = new IdentityState();
  readonly clock = new SandboxClock();
  key: SigningKey;
  readonly limiter: RateLimiter;
  faults: FaultState = noFaults();
  readonly requestLog = new RequestLog();
  readonly idempotency = new IdempotencyStore();
  readonly webhooks: WebhookDispatcher;
  baseUrl = "http://127.0.0.1";
  private persistTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataFile: string | null,
    limits: Partial<LimitConfig> = {},
  ) {
    this.key = new SigningKey();
    this.limiter = new RateLimiter({ ...XERO_LIMITS, ...limits }, this.clock);
    this.webhooks = new WebhookDispatcher(this.clock, (tenantId) => this.appsConnectedTo(tenantId));
    this.identity.apps.set(DEFAULT_APP.clientId, structuredClone(DEFAULT_APP));
  }

  org(tenantId: string): Organisation | undefined {
    for (const [id, org] of this.orgs) if (id.toLowerCase() === tenantId.toLowerCase()) return org;
    return undefined;
  }

  addOrg(org: Organisation): void {
    this.orgs.set(org.tenantId, org);
  }

  appsConnectedTo(tenantId: string): RegisteredApp[] {
    const ids = new Set(this.identity.connections.filter((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase()).map((c) => c.clientId));
    return [...ids].map((id) => this.identity.apps.get(id)).filter((a): a is RegisteredApp => !!a);
  }

  /** Loads a saved sandbox; false when there is none yet. */
  load(): boolean {
    if (!this.dataFile || !existsSync(this.dataFile)) return false;
    const data = JSON.parse(readFileSync(this.dataFile, "utf8"));
    this.key = new SigningKey(data.key.pem, data.key.kid);
    this.identity = IdentityState.fromJSON(data.identity);
    this.orgs = new Map(data.orgs.map((o: ReturnType<Organisation["toJSON"]>) => [o.profile.tenantId, Organisation.fromJSON(o)]));
    return true;
  }

  /** Writes the state soon (debounced): a demo survives a restart. */
  changed(): void {
    if (!this.dataFile || this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.saveNow(), 200);
    this.persistTimer.unref();
  }

  saveNow(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.dataFile) return;
    mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const data = { key: { pem: this.key.pem, kid: this.key.kid }, identity: this.identity.toJSON(), orgs: [...this.orgs.values()].map((o) => o.toJSON()) };
    // Owner-only: the file holds the webhook key and the tokens the sandbox issued. A .tmp left by
    // a crash would keep its old mode (writeFileSync sets it only on create), so it goes first.
    rmSync(`${this.dataFile}.tmp`, { force: true });
    writeFileSync(`${this.dataFile}.tmp`, JSON.stringify(data), { mode: 0o600 });
    // Rename is atomic: a crash mid-write never leaves half a file.
    renameSync(`${this.dataFile}.tmp`, this.dataFile);
  }

  close(): void {
    this.webhooks.close();
    if (this.persistTimer) this.saveNow();
  }
}
