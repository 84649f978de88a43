import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accountingApi } from "./accounting/router";
import { SandboxControl } from "./control/control";
import { controlRoute } from "./control/routes";
import { json, readRequest, writeResponse, type SandboxRequest, type SandboxResponse } from "./http";
import { authorize, decide } from "./identity/authorize";
import { checkBearer } from "./identity/bearer";
import { deleteConnection, listConnections } from "./identity/connections";
import { jwks, openidConfiguration } from "./identity/discovery";
import { revocationEndpoint, tokenEndpoint } from "./identity/token-endpoint";
import { revokeGrant } from "./identity/tokens";
import type { LimitConfig } from "./limits";
import { Sandbox, SANDBOX_USER } from "./sandbox";
import { seedOrganisations, type SeedName } from "./seed";
import { unauthorized } from "./accounting/errors";

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: SeedName;
  bench?: { contacts: number; invoices: number; payments?: number };
  /** Where to keep state across restarts (the embedded default uses .data/); null keeps it in memory. */
  dataFile?: string | null;
  limits?: Partial<LimitConfig>;
}

export interface RunningSandbox {
  url: string;
  control: SandboxControl;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the sandbox Xero on a port (0 = any free one) and resolves once it accepts requests. */
export async function startXeroSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options.dataFile ?? null, options.limits);
  if (!sandbox.load()) {
    for (const org of seedOrganisations(options.seed ?? "demo", sandbox.clock.now(), options.bench)) sandbox.addOrg(org);
    sandbox.changed();
  }
  const control = new SandboxControl(sandbox);
  const server = createServer((req, res) => void handle(sandbox, control, req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  sandbox.baseUrl = `http://${options.host === "0.0.0.0" ? "127.0.0.1" : (options.host ?? "127.0.0.1")}:${port}`;
  return {
    url: sandbox.baseUrl,
    control,
    sandbox,
    close: () =>
      new Promise((resolve) => {
        sandbox.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(sandbox: Sandbox, control: SandboxControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  let request: SandboxRequest | null = null;
  let out: SandboxResponse | "drop";
  let tenantId: string | undefined;
  try {
    request = await readRequest(req, sandbox.baseUrl);
    const routed = await route(sandbox, control, request);
    out = routed.response;
    tenantId = routed.tenantId;
    if (sandbox.faults.latencyMs > 0 && !request.path.startsWith("/__sandbox") && !request.path.startsWith("/api.xro/")) await sleep(sandbox.faults.latencyMs);
    if (routed.wrote && out !== "drop" && sandbox.faults.dropAfterWrite > 0) {
      sandbox.faults.dropAfterWrite--;
      out = "drop";
    }
    if (routed.wrote && out !== "drop" && sandbox.faults.slowAnswerAfterWriteMs > 0) await sleep(sandbox.faults.slowAnswerAfterWriteMs);
  } catch (error) {
    out = json(500, { Title: "An error occurred", Status: 500, Detail: error instanceof Error ? error.message : String(error) });
  }
  // Xero tags every API answer with a correlation id, the reference its support asks for.
  const correlationId = request && (request.path.startsWith("/api.xro/") || request.path.startsWith("/connections")) ? randomUUID() : undefined;
  if (correlationId && out !== "drop") out = { ...out, headers: { ...out.headers, "Xero-Correlation-Id": correlationId } };
  if (request && !request.path.startsWith("/__sandbox")) {
    const body = out === "drop" ? undefined : out.body;
    sandbox.requestLog.add({
      at: new Date().toISOString(),
      method: request.method,
      path: request.path,
      status: out === "drop" ? 0 : out.status,
      tenantId,
      idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? undefined,
      ifModifiedSince: (request.headers["if-modified-since"] as string | undefined) ?? undefined,
      durationMs: Date.now() - started,
      bytes: body ? Buffer.byteLength(body) : 0,
      correlationId,
    });
  }
  // "drop": the work is done but the client never hears: it must retry safely.
  if (out === "drop") res.destroy();
  else writeResponse(res, out);
}

interface Routed {
  response: SandboxResponse | "drop";
  tenantId?: string;
  wrote: boolean;
}

async function route(sandbox: Sandbox, control: SandboxControl, req: SandboxRequest): Promise<Routed> {
  const p = req.path;
  const plain = (response: SandboxResponse | "drop"): Routed => ({ response, wrote: false });
  if (p.startsWith("/__sandbox")) return plain(await controlRoute(sandbox, control, req));
  if (p === "/.well-known/openid-configuration") return plain(openidConfiguration(sandbox));
  if (p === "/.well-known/openid-configuration/jwks") return plain(jwks(sandbox));
  if (p === "/identity/connect/authorize" && req.method === "GET") return plain(authorize(sandbox, req));
  if (p === "/identity/connect/authorize/decision" && req.method === "POST") return plain(decide(sandbox, req));

  if ((p.startsWith("/connect/") || p.startsWith("/connections") || p.startsWith("/api.xro/")) && sandbox.faults.failNext.count > 0 && !p.startsWith("/api.xro/")) {
    sandbox.faults.failNext.count--;
    return plain(json(sandbox.faults.failNext.status, { error: "temporarily_unavailable" }));
  }
  if (p === "/connect/token" && req.method === "POST") return plain(tokenEndpoint(sandbox, req));
  if (p === "/connect/revocation" && req.method === "POST") return plain(revocationEndpoint(sandbox, req, (id) => revokeGrant(sandbox, id)));
  if (p === "/connect/userinfo") {
    const bearer = checkBearer(sandbox, req);
    return plain(bearer.ok ? json(200, { sub: SANDBOX_USER.id, email: SANDBOX_USER.email, name: SANDBOX_USER.name }) : unauthorized(bearer.detail));
  }
  if (p === "/connections" || p.startsWith("/connections/")) {
    const bearer = checkBearer(sandbox, req);
    if (!bearer.ok) return plain(unauthorized(bearer.detail));
    if (p === "/connections" && req.method === "GET") return plain(listConnections(sandbox, req, bearer.grant));
    const id = decodeURIComponent(p.slice("/connections/".length));
    if (id && req.method === "DELETE") return plain(deleteConnection(sandbox, id, bearer.grant));
  }
  if (p.startsWith("/api.xro/2.0")) {
    const answer = await accountingApi(sandbox, req);
    return { response: answer.response, tenantId: answer.tenantId, wrote: answer.wrote };
  }
  return plain({ status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "The resource you're looking for cannot be found" });
}
