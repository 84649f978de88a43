export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  tenantId?: string;
  idempotencyKey?: string;
  /** The If-Modified-Since a list was asked with: what a resync re-reads from. */
  ifModifiedSince?: string;
  durationMs: number;
  bytes: number;
  /** Xero-Correlation-Id sent with the answer: what Xero support asks for. */
  correlationId?: string;
}

/** The last requests the sandbox answered (a ring), for the control plane and for tests counting calls. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  constructor(private readonly max = 2000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(filter?: { pathPrefix?: string; tenantId?: string }): RequestLogEntry[] {
    return this.entries.filter((e) => (!filter?.pathPrefix || e.path.startsWith(filter.pathPrefix)) && (!filter?.tenantId || e.tenantId === filter.tenantId));
  }

  clear(): void {
    this.entries = [];
  }
}
