/**
 * The sandbox's own clock: real time plus an offset the control plane can advance, so tests can
 * age tokens past 30 minutes or 60 days and run due repeating invoices without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }
}
