import { beforeAll } from "vitest";
import { ensureDatabaseReady } from "@/db";

// One database per worker process, shared by the files it runs (vitest runs them without isolation:
// PGlite costs seconds and ~1 GB to open). The process's exit closes it.
beforeAll(async () => {
  await ensureDatabaseReady();
});
