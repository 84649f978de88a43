import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    // One PGlite instance per worker costs ~1 GB and 2-3 s: two workers on two cores, each running
    // its files in one process (no isolation), so the instance is opened once per worker, not per file.
    pool: "forks",
    maxWorkers: 2,
    isolate: false,
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/worker-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
