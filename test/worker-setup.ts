import { afterAll, beforeAll } from "vitest";
import { closeDb, ensureDatabaseReady } from "@/db";

beforeAll(async () => {
  await ensureDatabaseReady();
});

afterAll(async () => {
  await closeDb();
});
