// npm run bench:admin (issue 15): concurrent clients on the admin status endpoint of the production
// build, beside the trivial /api/health of the same server in the same run, the baseline that makes
// the figures comparable on this noisy machine. Aim: status at least half the trivial route's rate,
// its p99 at most twice the trivial route's. Figures as `key: value` lines on stdout, progress on stderr.
// The database is the embedded PGlite in a folder of its own (.data-bench-admin, made afresh each run),
// or the PostgreSQL at DATABASE_URL (seeded beside what is there: give it a database of its own).
// PGlite allows one process at a time: this one seeds and closes it, then the server opens it.
// Sizes: `npm run bench:admin -- --tenants 200 --failed 2000 --clients 50 --seconds 10 [--no-build]`.
import { rmSync } from "node:fs";
import path from "node:path";
import { closeDb, ensureDatabaseReady, getDb } from "@/db";
import { childProcessEnv, getEnv } from "@/lib/env";
import { benchSizes, benchSwitch } from "./bench-args";
import { seedAdminBench } from "./bench-admin-seed";
import { runLoad, type LoadResult } from "./load-clients";
import { buildApp, freePort, hasBuild, startApp, type RunningServer } from "./next-server";

const SIZES = benchSizes({ tenants: 200, failed: 2000, clients: 50, seconds: 10, warmup: 2 }, ["no-build"]);
const PORTS = [3300, 3399] as const;
const progress = (line: string) => process.stderr.write(`[bench:admin] ${line}\n`);

const env = getEnv();
const driver = env.database.driver;
const DATA_FOLDER = ".data-bench-admin";
if (driver === "pglite") {
  // Made afresh each run: never someone's own .data (the npm script names the folder).
  if (path.basename(env.dataDir) !== DATA_FOLDER) throw new Error(`Run this through \`npm run bench:admin\` (PGlite in ${DATA_FOLDER}), not on ${env.dataDir}`);
  rmSync(env.dataDir, { recursive: true, force: true });
}

const buildStart = performance.now();
if (benchSwitch("no-build") && hasBuild()) progress("using the existing build (--no-build)");
else {
  progress("next build ...");
  await buildApp(childProcessEnv());
}
const buildMs = performance.now() - buildStart;

progress(`seeding ${SIZES.tenants} tenants, ${SIZES.failed} failed records (${driver}) ...`);
const seedStart = performance.now();
await ensureDatabaseReady();
const books = await seedAdminBench(getDb(), { tenants: SIZES.tenants, failed: SIZES.failed, tokens: SIZES.clients });
await closeDb();
const seedMs = performance.now() - seedStart;

const port = await freePort(...PORTS);
const sandboxPort = await freePort(...PORTS, [port]);
// The server runs on this process's settings (mode, data folder or DATABASE_URL), on ports of its own.
const serverEnv = childProcessEnv({ PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, XERO_SANDBOX_PORT: String(sandboxPort), LOG_LEVEL: "warn", NODE_ENV: "production" });
let server: RunningServer | null = null;
const stopServer = async () => {
  const s = server;
  server = null;
  await s?.stop();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopServer().finally(() => process.exit(130)));

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const routes = {
  trivial: (): { path: string; headers?: Record<string, string> } => ({ path: "/api/health" }),
  status: (client: number) => ({ path: `/api/admin/integrations/xero/${pick(books.orgIds)}/status`, headers: { authorization: `Bearer ${books.tokens[client]}` } }),
};

try {
  progress(`next start on port ${port} (Xero sandbox on ${sandboxPort}) ...`);
  const startAt = performance.now();
  server = await startApp(port, serverEnv, "/api/health");
  const startMs = performance.now() - startAt;
  const results: Record<string, LoadResult> = {};
  for (const [name, next] of Object.entries(routes)) {
    progress(`${name}: warm-up ${SIZES.warmup} s, then ${SIZES.clients} clients for ${SIZES.seconds} s ...`);
    results[name] = await runLoad({ port, clients: SIZES.clients, seconds: SIZES.seconds, warmupSeconds: SIZES.warmup, next });
  }
  const { trivial, status } = results;
  for (const [code, sample] of status.errorSamples) progress(`status answered ${code} x${sample.count}: ${sample.body}`);
  if (trivial.errors) progress(`trivial route errors: ${trivial.errors}`);

  const rpsRatio = status.rps / trivial.rps;
  const p99Ratio = status.p99Ms / trivial.p99Ms;
  const met = rpsRatio >= 0.5 && p99Ratio <= 2 && status.errors === 0;
  console.log(`database: ${driver}`);
  console.log(`tenants: ${SIZES.tenants}`);
  console.log(`failed_records: ${SIZES.failed}`);
  console.log(`clients: ${SIZES.clients}`);
  console.log(`seconds: ${SIZES.seconds}`);
  console.log(`build_ms: ${buildMs.toFixed(0)}`);
  console.log(`seed_ms: ${seedMs.toFixed(0)}`);
  console.log(`server_start_ms: ${startMs.toFixed(0)}`);
  console.log(`trivial_requests: ${trivial.requests}`);
  console.log(`trivial_rps: ${trivial.rps.toFixed(0)}`);
  console.log(`trivial_p50_ms: ${trivial.p50Ms.toFixed(1)}`);
  console.log(`trivial_p99_ms: ${trivial.p99Ms.toFixed(1)}`);
  console.log(`trivial_errors: ${trivial.errors}`);
  console.log(`status_requests: ${status.requests}`);
  console.log(`status_rps: ${status.rps.toFixed(0)}`);
  console.log(`status_p50_ms: ${status.p50Ms.toFixed(1)}`);
  console.log(`status_p99_ms: ${status.p99Ms.toFixed(1)}`);
  console.log(`status_errors: ${status.errors}`);
  console.log(`status_rps_vs_trivial: ${rpsRatio.toFixed(1)}x`);
  console.log(`status_p99_vs_trivial: ${p99Ratio.toFixed(1)}x`);
  console.log(
    `summary: status ${status.rps.toFixed(0)} rps, p99 ${status.p99Ms.toFixed(0)} ms vs the trivial route's ${trivial.rps.toFixed(0)} rps, p99 ${trivial.p99Ms.toFixed(0)} ms ` +
      `(${rpsRatio.toFixed(1)}x the rate, ${p99Ratio.toFixed(1)}x the p99; aim >= 0.5x and <= 2.0x: ${met ? "met" : "missed"}), ${status.errors} errors, ${SIZES.clients} clients, ${SIZES.tenants} tenants, ${driver}`,
  );
} finally {
  await stopServer();
}
