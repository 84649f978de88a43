import { createHash } from "node:crypto";
import type { SandboxResponse } from "./http";

interface Stored {
  fingerprint: string;
  response: SandboxResponse;
  expiresAt: number;
}

/** Xero keeps an Idempotency-Key for about 6 minutes: a repeat replays the first answer, errors included. */
export const IDEMPOTENCY_TTL_MS = 6 * 60_000;

export class IdempotencyStore {
  private stored = new Map<string, Stored>();

  static fingerprint(method: string, path: string, query: string, body: Buffer): string {
    return createHash("sha256").update(`${method} ${path}?${query}\n`).update(body).digest("hex");
  }

  lookup(scope: string, key: string, fingerprint: string, now: number): { kind: "miss" } | { kind: "replay"; response: SandboxResponse } | { kind: "mismatch" } {
    const hit = this.stored.get(`${scope}|${key}`);
    if (!hit || hit.expiresAt <= now) return { kind: "miss" };
    return hit.fingerprint === fingerprint ? { kind: "replay", response: hit.response } : { kind: "mismatch" };
  }

  save(scope: string, key: string, fingerprint: string, response: SandboxResponse, now: number): void {
    this.stored.set(`${scope}|${key}`, { fingerprint, response, expiresAt: now + IDEMPOTENCY_TTL_MS });
    if (this.stored.size > 10_000) {
      for (const [k, v] of this.stored) if (v.expiresAt <= now) this.stored.delete(k);
    }
  }
}
