import { durationMs, runLocally, type LocalRunResult, type ServeHandler } from "./local-driver";

/** The parts of a function's options that decide when its runs start (Inngest's server applies them in production). */
export interface LocalFunction {
  fnId: string;
  events: string[];
  concurrency?: { key?: string; limit: number; scope?: "fn" | "env" | "account" }[];
  debounce?: { key?: string; period: string; timeout?: string };
}

type JobEvent = { name: string; data: Record<string, unknown>; id?: string };

/** How long Inngest drops an event whose id it has seen. */
const EVENT_ID_MEMORY_MS = 24 * 3_600_000;
type Runner = (fnId: string, event: JobEvent) => Promise<LocalRunResult>;

/**
 * Inngest's key expressions as the functions here write them: `event.data.a.b`, string literals,
 * joined with `+`. Anything else keys every event alike (one shared queue): stricter, never looser.
 */
export function evalKey(expression: string | undefined, event: JobEvent): string {
  if (!expression) return "";
  const parts = expression.split("+").map((p) => p.trim());
  const values = parts.map((part) => {
    const literal = /^(["'])(.*)\1$/.exec(part);
    if (literal) return literal[2];
    if (!part.startsWith("event.")) return null;
    let value: unknown = event;
    for (const segment of part.split(".").slice(1)) value = value && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
    return value === undefined || value === null ? "" : String(value);
  });
  return values.includes(null) ? expression : values.join("");
}

/**
 * What the Inngest server does before a run starts, for the embedded driver: debounce (wait for a
 * quiet `period`, then run once with the latest event, at most `timeout` after the first) and
 * concurrency (at most `limit` runs per key at a time, the rest wait in order). Without this every
 * send started a run at once (security review M2). This is the driver's own bookkeeping, standing in
 * for Inngest's queue; the sync's truth stays in Postgres.
 */
export class LocalRunQueue {
  private readonly debouncing = new Map<string, { event: JobEvent; timer: NodeJS.Timeout; deadline: number }>();
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private pendingDebounces = 0;
  /** Event ids seen, with when (insertion order is time order, so the oldest go first). */
  private readonly seenIds = new Map<string, number>();

  constructor(
    private readonly functions: LocalFunction[],
    private readonly run: Runner,
    private readonly onDone: (fnId: string, result: LocalRunResult | Error) => void = () => {},
  ) {}

  static forHandler(functions: LocalFunction[], handler: ServeHandler, onDone?: (fnId: string, result: LocalRunResult | Error) => void) {
    return new LocalRunQueue(functions, (fnId, event) => runLocally(handler, fnId, event), onDone);
  }

  /** An id seen in the last 24 h starts nothing, as on Inngest: a join re-sends its waiting run's event. */
  send(event: JobEvent): void {
    if (event.id && !this.firstSight(event.id)) return;
    const runEvent = { name: event.name, data: event.data };
    for (const fn of this.functions.filter((f) => f.events.includes(event.name))) {
      if (fn.debounce) this.debounce(fn, runEvent);
      else this.start(fn, runEvent);
    }
  }

  private firstSight(id: string): boolean {
    const now = Date.now();
    for (const [seen, at] of this.seenIds) {
      if (at > now - EVENT_ID_MEMORY_MS) break;
      this.seenIds.delete(seen);
    }
    if (this.seenIds.has(id)) return false;
    this.seenIds.set(id, now);
    return true;
  }

  /** Resolves once nothing is debouncing, waiting or running (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size || this.pendingDebounces) await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 20))]);
  }

  private debounce(fn: LocalFunction, event: JobEvent) {
    const key = `${fn.fnId}|${evalKey(fn.debounce!.key, event)}`;
    const period = durationMs(fn.debounce!.period);
    const current = this.debouncing.get(key);
    const deadline = current?.deadline ?? Date.now() + (fn.debounce!.timeout ? durationMs(fn.debounce!.timeout) : Number.POSITIVE_INFINITY);
    if (current) clearTimeout(current.timer);
    else this.pendingDebounces++;
    const fire = () => {
      const latest = this.debouncing.get(key)!.event;
      this.debouncing.delete(key);
      this.pendingDebounces--;
      this.start(fn, latest);
    };
    this.debouncing.set(key, { event, deadline, timer: setTimeout(fire, Math.max(0, Math.min(period, deadline - Date.now()))) });
  }

  private start(fn: LocalFunction, event: JobEvent) {
    // A key scoped beyond the function (env, account) is shared by every function that names it, as on Inngest.
    const keys = (fn.concurrency ?? []).map((c) => ({ key: `${c.scope && c.scope !== "fn" ? c.scope : fn.fnId}|${c.key ?? ""}|${evalKey(c.key, event)}`, limit: c.limit }));
    const task = (async () => {
      await this.acquire(keys);
      try {
        this.onDone(fn.fnId, await this.run(fn.fnId, event));
      } catch (error) {
        this.onDone(fn.fnId, error as Error);
      } finally {
        this.release(keys);
      }
    })();
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  private async acquire(keys: { key: string; limit: number }[]) {
    while (!keys.every((k) => (this.running.get(k.key) ?? 0) < k.limit)) {
      const blocked = keys.find((k) => (this.running.get(k.key) ?? 0) >= k.limit)!;
      await new Promise<void>((resolve) => this.waiting.set(blocked.key, [...(this.waiting.get(blocked.key) ?? []), resolve]));
    }
    for (const k of keys) this.running.set(k.key, (this.running.get(k.key) ?? 0) + 1);
  }

  private release(keys: { key: string; limit: number }[]) {
    for (const k of keys) {
      this.running.set(k.key, (this.running.get(k.key) ?? 1) - 1);
      const next = this.waiting.get(k.key)?.shift();
      next?.();
    }
  }
}

/** A function's start rules from its Inngest options (the same object Inngest's server reads). */
export function localFunctionOf(appId: string, fn: { opts: { id: string; triggers?: unknown[]; concurrency?: unknown; debounce?: unknown } }): LocalFunction {
  const { opts } = fn;
  const concurrency = opts.concurrency === undefined ? [] : typeof opts.concurrency === "number" ? [{ limit: opts.concurrency }] : ([] as { key?: string; limit: number; scope?: "fn" | "env" | "account" }[]).concat(opts.concurrency as never);
  const events = (opts.triggers ?? []).flatMap((t) => (t && typeof t === "object" && "event" in t && typeof t.event === "string" ? [t.event] : []));
  return { fnId: `${appId}-${opts.id}`, events, concurrency: concurrency.filter((c) => c.limit > 0), debounce: opts.debounce as LocalFunction["debounce"] };
}
