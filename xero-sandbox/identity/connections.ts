import { json, text, type SandboxRequest, type SandboxResponse } from "../http";
import type { Sandbox } from "../sandbox";
import type { Grant } from "../store/identity-state";

// Xero writes these without a zone, with 7 decimals: "2019-07-09T23:40:30.1833130".
const xeroTime = (ms: number) => new Date(ms).toISOString().replace("Z", "0000");

/** GET /connections[?authEventId=]: the organisations this token's app and user can reach. */
export function listConnections(sandbox: Sandbox, req: SandboxRequest, grant: Grant): SandboxResponse {
  const authEventId = req.url.searchParams.get("authEventId");
  const rows = sandbox.identity
    .connectionsFor(grant.clientId, grant.userId)
    .filter((c) => !authEventId || c.authEventId === authEventId)
    .map((c) => ({
      id: c.id,
      authEventId: c.authEventId,
      tenantId: c.tenantId,
      tenantType: "ORGANISATION",
      tenantName: sandbox.org(c.tenantId)?.profile.name ?? null,
      createdDateUtc: xeroTime(c.createdDateUtc),
      updatedDateUtc: xeroTime(c.updatedDateUtc),
    }));
  return json(200, rows);
}

/** DELETE /connections/{id}: disconnects one organisation from the app. */
export function deleteConnection(sandbox: Sandbox, id: string, grant: Grant): SandboxResponse {
  const before = sandbox.identity.connections.length;
  sandbox.identity.connections = sandbox.identity.connections.filter((c) => !(c.id === id && c.clientId === grant.clientId && c.userId === grant.userId));
  if (sandbox.identity.connections.length === before) return text(404, "The resource you're looking for cannot be found");
  sandbox.changed();
  return { status: 204, headers: {}, body: "" };
}
