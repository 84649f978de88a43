// Liveness only: answers without touching the database, so a load balancer (and bench:admin, as
// its baseline) sees the app's own cost per request and nothing else.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
