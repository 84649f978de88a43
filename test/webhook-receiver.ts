import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { POST } from "@/app/api/webhooks/xero/route";
import { getEnv } from "@/lib/env";
import type { RunningSandbox } from "@/xero-sandbox";

/**
 * The portal's webhook route behind a real HTTP port for this test file, registered as the sandbox
 * app's webhook, so the sandbox delivers its events (our own writes' echoes included) as Xero would.
 */
export function webhookReceiverForFile(sandboxOf: () => RunningSandbox) {
  let server: Server;
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const answer = await POST(new Request("http://localhost/api/webhooks/xero", { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    sandboxOf().control.setWebhook("ledgerbridge-sandbox", `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/xero`, getEnv().xeroWebhookKey);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
}
