import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    // One PGlite instance per worker costs ~1 GB and 2-3 s: two workers on two cores.
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/worker-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
