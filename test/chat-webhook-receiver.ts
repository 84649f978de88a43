import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server standing in for a Slack-compatible webhook: it records each message and
 * answers with the next scripted status (then 200).
 */
export async function startChatWebhookReceiver(script: number[] = []) {
  const received: { text: string }[] = [];
  const answers = [...script];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = answers.shift() ?? 200;
      if (status === 200) received.push(JSON.parse(body));
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : status === 404 ? "no_service" : "server_error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret-token`,
    received,
    script: (statuses: number[]) => answers.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
