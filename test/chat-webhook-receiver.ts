import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A status, or a status with a Retry-After header. */
type Answer = number | { status: number; retryAfter: string };

/**
 * A real HTTP server standing in for a Slack-compatible webhook: it records each message and
 * answers with the next scripted status (then 200).
 */
export async function startChatWebhookReceiver(script: Answer[] = []) {
  const received: { text: string }[] = [];
  let posts = 0;
  const answers = [...script];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const answer = answers.shift() ?? 200;
      const status = typeof answer === "number" ? answer : answer.status;
      posts++;
      if (status === 200) received.push(JSON.parse(body));
      res.writeHead(status, { "content-type": "text/plain", ...(typeof answer === "number" ? {} : { "retry-after": answer.retryAfter }) }).end(status === 200 ? "ok" : status === 404 ? "no_service" : "server_error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret-token`,
    received,
    script: (statuses: Answer[]) => answers.push(...statuses),
    /** Every POST, answered 200 or not. */
    posts: () => posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
