import { ensureDatabaseReady, getDb } from "@/db";
import { demoCredentialsText, seedDemo } from "@/scripts/seed/demo-seed";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { releaseLostRequests } from "@/lib/sync/jobs/job-requests";
import { releaseLostWalks } from "@/lib/sync/pull/pull-resources";
import { startEmbeddedXeroSandbox } from "./start-embedded-xero-sandbox";

/**
 * Runs once when the server starts (instrumentation.ts). In the embedded default it applies the
 * migrations and seeds the demo organisation, then prints how to sign in. Production applies
 * migrations through `npm run db:migrate` in its deploy step, never at boot.
 */
export async function boot(): Promise<void> {
  const env = getEnv();
  if (env.isBuildPhase || env.mode !== "embedded") return;
  const log = getLogger();
  await ensureDatabaseReady();
  const { created } = await seedDemo(getDb());
  log.info({ dataDir: env.dataDir, seeded: created }, "embedded database ready");
  const sandboxLine = await startEmbeddedXeroSandbox();
  if (env.tokenKeys.generatedFile) log.info({ file: env.tokenKeys.generatedFile }, "using the local token encryption key made for the embedded default (set TOKEN_ENCRYPTION_KEY in production)");
  // No Inngest server in the embedded default: this process runs the scheduled jobs itself. Runs the
  // last process queued died with its in-memory queue; their claims would only make requests join nothing.
  if (env.inngest.runLocally) {
    await releaseLostRequests(getDb());
    await releaseLostWalks(getDb());
  }
  const { startLocalScheduler } = await import("@/inngest/local-scheduler");
  startLocalScheduler();
  console.log(`\nLedgerbridge is running (embedded mode, data in ${env.dataDir}).\n${demoCredentialsText(env.appUrl)}\n${sandboxLine}\n`);
}
