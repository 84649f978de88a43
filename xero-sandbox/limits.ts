import type { SandboxClock } from "./clock";

export interface LimitConfig {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
}

export const XERO_LIMITS: LimitConfig = { concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 10_000 };

export type LimitProblem = "concurrent" | "minute" | "day" | "appminute";

export type Admission =
  | { ok: true; release: () => void; headers: Record<string, string> }
  | { ok: false; problem: LimitProblem; retryAfter?: number; headers: Record<string, string> };

/**
 * Xero's limits with fixed windows (a minute, a UTC day): in flight, per minute and per day are
 * counted per app per organisation, the app-wide minute limit per app across its organisations.
 * So one app's calls never spend another's, even on the same organisation. Every tenant answer
 * carries the remaining counts, as Xero's do.
 */
export class RateLimiter {
  private inFlight = new Map<string, number>();
  private minute = new Map<string, { window: number; count: number }>();
  private day = new Map<string, { window: number; count: number }>();
  private app = new Map<string, { window: number; count: number }>();

  constructor(
    public config: LimitConfig,
    private readonly clock: SandboxClock,
  ) {}

  admit(clientId: string, tenantId: string): Admission {
    const key = `${clientId}|${tenantId.toLowerCase()}`;
    const now = this.clock.now();
    const minuteWindow = Math.floor(now / 60_000);
    const dayWindow = Math.floor(now / 86_400_000);
    const m = this.minute.get(key);
    const minuteCount = m && m.window === minuteWindow ? m.count : 0;
    const d = this.day.get(key);
    const dayCount = d && d.window === dayWindow ? d.count : 0;
    const a = this.app.get(clientId);
    const appCount = a && a.window === minuteWindow ? a.count : 0;
    const flying = this.inFlight.get(key) ?? 0;

    const headers = (mc: number, dc: number, ac: number) => ({
      "X-DayLimit-Remaining": String(Math.max(0, this.config.perDay - dc)),
      "X-MinLimit-Remaining": String(Math.max(0, this.config.perMinute - mc)),
      "X-AppMinLimit-Remaining": String(Math.max(0, this.config.appPerMinute - ac)),
    });
    const refuse = (problem: LimitProblem, retryAfter?: number): Admission => ({
      ok: false,
      problem,
      retryAfter,
      headers: headers(minuteCount, dayCount, appCount),
    });

    if (dayCount >= this.config.perDay) return refuse("day", Math.ceil(((dayWindow + 1) * 86_400_000 - now) / 1000));
    if (appCount >= this.config.appPerMinute) return refuse("appminute", Math.ceil(((minuteWindow + 1) * 60_000 - now) / 1000));
    if (minuteCount >= this.config.perMinute) return refuse("minute", Math.ceil(((minuteWindow + 1) * 60_000 - now) / 1000));
    if (flying >= this.config.concurrent) return refuse("concurrent");

    this.minute.set(key, { window: minuteWindow, count: minuteCount + 1 });
    this.day.set(key, { window: dayWindow, count: dayCount + 1 });
    this.app.set(clientId, { window: minuteWindow, count: appCount + 1 });
    this.inFlight.set(key, flying + 1);
    let released = false;
    return {
      ok: true,
      headers: headers(minuteCount + 1, dayCount + 1, appCount + 1),
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
      },
    };
  }

  reset(): void {
    this.inFlight.clear();
    this.minute.clear();
    this.day.clear();
    this.app.clear();
  }
}
