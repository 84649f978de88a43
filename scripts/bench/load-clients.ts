import http from "node:http";

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers other than 200, by status (0: no answer), with the first body seen for each. */
  errors: number;
  errorSamples: Map<number, { count: number; body: string }>;
}

export interface LoadOptions {
  port: number;
  clients: number;
  seconds: number;
  /** Seconds of the same load first, not counted: connections opened, code loaded and compiled. */
  warmupSeconds: number;
  /** The request client `i` sends next: path and headers (its own token, a random tenant). */
  next: (client: number) => { path: string; headers?: Record<string, string> };
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : NaN);

function get(agent: http.Agent, port: number, path: string, headers: Record<string, string> | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: res.statusCode === 200 ? "" : Buffer.concat(chunks).toString("utf8").slice(0, 300) }));
      res.on("error", (e) => resolve({ status: 0, body: String(e) }));
    });
    req.on("error", (e) => resolve({ status: 0, body: String(e) }));
  });
}

/**
 * `clients` loops on keep-alive connections, each sending a request as soon as its last one
 * answered: a warm-up on the same connections, then `seconds` measured. Every answer is timed from
 * send to its last byte.
 */
export async function runLoad({ port, clients, seconds, warmupSeconds, next }: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  await loop(agent, { port, clients, seconds: warmupSeconds, next });
  const result = await loop(agent, { port, clients, seconds, next });
  agent.destroy();
  return result;
}

async function loop(agent: http.Agent, { port, clients, seconds, next }: Omit<LoadOptions, "warmupSeconds">): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Map<number, { count: number; body: string }>();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const { path, headers } = next(client);
        const sent = performance.now();
        const { status, body } = await get(agent, port, path, headers);
        latencies.push(performance.now() - sent);
        if (status !== 200) {
          const sample = errorSamples.get(status) ?? { count: 0, body };
          sample.count += 1;
          errorSamples.set(status, sample);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const errors = [...errorSamples.values()].reduce((n, s) => n + s.count, 0);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), maxMs: latencies[latencies.length - 1] ?? NaN, errors, errorSamples };
}
