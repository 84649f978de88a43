import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * The piece of Neon's infrastructure the serverless driver talks to: a WebSocket that carries
 * the Postgres wire protocol to `?address=host:port`. Lets tests run the production driver
 * against the machine's plain Postgres.
 */
export async function startWsTcpProxy(): Promise<{ port: number; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  wss.on("connection", (socket, request) => {
    const address = new URL(request.url ?? "/", "http://proxy").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    const tcp = net.connect(Number(port), host);
    socket.on("message", (data: Buffer) => tcp.write(data));
    tcp.on("data", (data) => socket.send(data));
    socket.on("close", () => tcp.destroy());
    tcp.on("close", () => socket.close());
    tcp.on("error", () => socket.close());
  });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const { port } = wss.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}
