import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";

const store = globalThis as unknown as { __ledgerbridgeSandbox?: Promise<string> };

/**
 * The embedded default's Xero: the sandbox, started in this process with its data in DATA_DIR, so
 * a newcomer can connect and sync demo books with no Xero account. Returns a line for the console.
 */
export function startEmbeddedXeroSandbox(): Promise<string> {
  const { xero } = getEnv();
  if (xero.kind !== "sandbox" || !xero.startSandbox) return Promise.resolve("");
  const { port, dataFile } = xero.startSandbox;
  store.__ledgerbridgeSandbox ??= import("@/xero-sandbox")
    .then(({ startXeroSandbox }) => startXeroSandbox({ port, dataFile, seed: "demo" }))
    .then((running) => {
      // The sandbox's Xero app delivers its webhooks to this portal, signed with our key: an edit on
      // the sandbox's control page shows in the portal within seconds, as with a real Xero.
      running.control.setWebhook(xero.clientId, `${getEnv().appUrl}/api/webhooks/xero`, getEnv().xeroWebhookKey);
      getLogger().info({ url: running.url, dataFile }, "xero sandbox started");
      return `Xero sandbox (demo organisations, no Xero account needed): ${running.url}/__sandbox`;
    })
    .catch((error: NodeJS.ErrnoException) => {
      const hint = error.code === "EADDRINUSE" ? `port ${port} is taken; set XERO_SANDBOX_PORT to a free port` : error.message;
      getLogger().error({ port, err: { message: error.message, code: error.code } }, "xero sandbox did not start");
      return `Xero sandbox did not start: ${hint}`;
    });
  return store.__ledgerbridgeSandbox;
}
