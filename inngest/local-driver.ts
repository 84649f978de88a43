import { randomUUID } from "node:crypto";

/**
 * Runs Inngest functions without an Inngest server, for the embedded default and tests: it speaks
 * the SDK's execution protocol to the serve handler (in-process or over HTTP), keeps the run's step
 * state, sleeps real sleeps, retries failed steps, and fires daily crons. Inngest Cloud (or a
 * self-hosted server) does this in production; nothing here is used there.
 */
export type ServeHandler = (request: Request) => Promise<Response>;

interface StepOp {
  id: string;
  op: "StepRun" | "StepError" | "StepFailed" | "StepPlanned" | "Sleep" | "WaitForEvent" | "StepNotFound" | string;
  name?: string;
  data?: unknown;
  error?: unknown;
}

export interface LocalRunResult {
  status: "completed" | "failed";
  output: unknown;
  steps: number;
}

const MAX_ATTEMPTS = 4;
const MAX_ROUNDS = 10_000;

/** "1s", "30m", "2h", "1d" -> milliseconds (the forms step.sleep takes as a string). */
export function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return 0;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as "s"];
  return Number(m[1]) * unit;
}

export async function runLocally(
  handler: ServeHandler,
  fnId: string,
  event: { name: string; data: Record<string, unknown> },
  options: { sleep?: (ms: number) => Promise<void>; baseUrl?: string } = {},
): Promise<LocalRunResult> {
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const runId = randomUUID();
  const steps: Record<string, unknown> = {};
  const stack: string[] = [];
  const failures = new Map<string, number>();
  let attempt = 0;
  let targetStep = "step";

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const body = { event: { ...event, ts: Date.now() }, events: [{ ...event, ts: Date.now() }], steps, ctx: { run_id: runId, attempt, stack: { stack, current: stack.length } }, version: 2 };
    const url = `${options.baseUrl ?? "http://localhost"}/api/inngest?fnId=${encodeURIComponent(fnId)}&stepId=${encodeURIComponent(targetStep)}`;
    const res = await handler(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    targetStep = "step";
    const text = await res.text();
    if (res.status === 200) return { status: "completed", output: text ? JSON.parse(text) : null, steps: stack.length };
    if (res.status !== 206) {
      // The function threw outside a step: retry the request unless it said not to.
      attempt++;
      if (res.headers.get("x-inngest-no-retry") === "true" || attempt >= MAX_ATTEMPTS) return { status: "failed", output: safeJson(text), steps: stack.length };
      await sleep(backoff(attempt));
      continue;
    }
    const ops = JSON.parse(text) as StepOp[];
    for (const op of ops) {
      if (op.op === "StepRun") record(op.id, { type: "data", data: op.data ?? null });
      else if (op.op === "Sleep") {
        await sleep(durationMs(op.name ?? "0s"));
        record(op.id, null);
      } else if (op.op === "WaitForEvent") {
        // No event bus here: a wait resolves as timed out (null), as it would with no matching event.
        record(op.id, null);
      } else if (op.op === "StepPlanned") {
        targetStep = op.id; // run the planned step on the next request
      } else if (op.op === "StepError") {
        const n = (failures.get(op.id) ?? 0) + 1;
        failures.set(op.id, n);
        if (n >= MAX_ATTEMPTS) record(op.id, { type: "error", error: op.error });
        else await sleep(backoff(n));
      } else if (op.op === "StepFailed") record(op.id, { type: "error", error: op.error });
      else return { status: "failed", output: { error: `Unsupported step op ${op.op}` }, steps: stack.length };
    }
  }
  return { status: "failed", output: { error: "Too many rounds" }, steps: stack.length };

  function record(id: string, state: unknown) {
    if (!(id in steps)) stack.push(id);
    steps[id] = state;
  }
}

const backoff = (attempt: number) => Math.min(30_000, 250 * 2 ** attempt);
const safeJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Next run of a daily cron ("[TZ=UTC ]m h * * *") after `from`, in UTC; null for other shapes. */
export function nextDailyRun(cron: string, from: Date): Date | null {
  const m = /^(?:TZ=UTC\s+)?(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/.exec(cron.trim());
  if (!m) return null;
  const next = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), Number(m[2]), Number(m[1])));
  if (next <= from) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
