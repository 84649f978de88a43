/** Failures the control plane can inject, to rehearse how a client survives Xero's bad days. */
export interface FaultState {
  /** The next N Accounting/identity calls answer this status (500 or 503). */
  /** 403: a permission the connecting Xero user lacks (AuthorizationUnsuccessful), not a dead connection. */
  failNext: { count: number; status: 500 | 503 | 403 };
  /** Added to every answer, in milliseconds. */
  latencyMs: number;
  /** The next N writes are committed, then the connection is dropped without an answer. */
  dropAfterWrite: number;
  /**
   * Every write is committed (its webhook raised at once) and its answer held this long, in
   * milliseconds: on a slow network Xero's echo of a write can reach the app before the answer does.
   */
  slowAnswerAfterWriteMs: number;
  /** The next N tenant calls answer 429 with this problem. */
  force429: { count: number; problem: "minute" | "day" | "concurrent" };
  /** Token endpoint: the next N refreshes are applied (the token rotates) but the answer is dropped. */
  dropTokenAnswer: number;
  /** Whole API "organisation offline" (503) until cleared. */
  outage: boolean;
}

export const noFaults = (): FaultState => ({
  failNext: { count: 0, status: 503 },
  latencyMs: 0,
  dropAfterWrite: 0,
  slowAnswerAfterWriteMs: 0,
  force429: { count: 0, problem: "minute" },
  dropTokenAnswer: 0,
  outage: false,
});
