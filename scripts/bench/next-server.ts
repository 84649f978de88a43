import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** The first port of the range nothing listens on (benchmarks keep to a range of their own). */
export async function freePort(from: number, to: number, skip: number[] = []): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (skip.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${from} and ${to}`);
}

/** Runs `next build` with its output on stderr; throws if it fails. */
export async function buildApp(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [NEXT_BIN, "build"], { env, stdio: ["ignore", process.stderr, process.stderr] });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

export const hasBuild = () => existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** `next start` on the port, in a process group of its own so stop() ends it and anything it started. */
export async function startApp(port: number, env: NodeJS.ProcessEnv, readyPath: string, timeoutMs = 180_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", process.stderr, process.stderr] });
  let exited: number | null | undefined;
  const done = new Promise<void>((resolve) => child.on("exit", (code) => ((exited = code), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child, done, () => exited !== undefined);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`next start exited (code ${exited}) before it answered`);
    const ok = await fetch(url + readyPath)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer ${readyPath} within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess, done: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (hasExited() || child.pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await done;
  clearTimeout(timer);
}
