/**
 * The concurrency every sync function of one organisation shares on an Inngest server (scope env:
 * across functions): its own key keeps one run of each kind per organisation, and this one keeps
 * the organisation's push, pull and webhook steps together within Xero's 5 calls in flight, so they
 * queue behind each other instead of meeting the limiter's refusals. Inngest counts running steps,
 * not sleeping runs, so a long import never holds a push back.
 */
export const ORG_XERO_CONCURRENCY = { scope: "env" as const, key: '"xero-" + event.data.orgId', limit: 5 };

export const perOrgConcurrency: [{ key: string; limit: number }, typeof ORG_XERO_CONCURRENCY] = [{ key: "event.data.orgId", limit: 1 }, ORG_XERO_CONCURRENCY];
