import type { SandboxRequest } from "../http";
import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { Grant } from "../store/identity-state";

export interface ApiContext {
  sandbox: Sandbox;
  org: Organisation;
  req: SandboxRequest;
  grant: Grant;
  now: number;
  /** Xero's default is true: one bad element fails the whole answer with a 400. */
  summarizeErrors: boolean;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** Records changed in one request get strictly increasing timestamps, so cursors never tie within a batch. */
export function stamp(ctx: ApiContext): number {
  ctx.now += 1;
  return ctx.now;
}
