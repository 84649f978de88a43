/** The sync's events, one name and data shape each (the functions and the senders share these). */
export const SYNC_EVENTS = {
  push: "sync/push.requested",
  pull: "sync/pull.requested",
  webhook: "sync/webhook.received",
  connected: "xero/connection.ready",
} as const;

export type SyncTriggerName = "push" | "webhook" | "schedule" | "initial" | "resync" | "retry" | "manual" | "reconcile";

export interface PushRequested {
  orgId: string;
  trigger: SyncTriggerName;
  /** The request's name in sync_job_requests (lib/sync/jobs/job-requests.ts): the run marks it started. */
  job?: string;
}

export interface PullRequested {
  orgId: string;
  /** initial: the first import; incremental: since the cursors; full: everything again (reconcile, resync). */
  mode: "initial" | "incremental" | "full";
  resources?: string[];
  /**
   * A resync's date (ISO; null: from the start): the walk begins here whatever the cursor says by
   * then, so a pull running meanwhile that moves the cursor on cannot undo the resync.
   */
  since?: string | null;
  /**
   * A resync's start per list, where it differs from `since`: a cursor still behind the date (or
   * never set) walks from there, so the resync never skips what that list had still to read.
   */
  sinceByResource?: Record<string, string | null>;
  trigger: SyncTriggerName;
  job?: string;
}

export interface WebhookReceived {
  orgId: string;
}

export interface ConnectionReady {
  orgId: string;
}

/** One organisation's morning alerts (overdue invoices, the leakage digest) for its own today. */
export const ALERT_EVENTS = { orgDaily: "alerts/org.daily" } as const;

export interface OrgDailyAlerts {
  orgId: string;
  /** The organisation's today (YYYY-MM-DD) when the run was asked for. */
  today: string;
}
