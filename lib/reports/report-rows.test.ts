import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { reportRows } from "./report-rows";

describe("reportRows", () => {
  it("gives the same rows in the same order as rows or as one JSON array, for text, uuid, integer, boolean and null columns", async () => {
    const db = getDb();
    const rows = sql`
      select g as n, 'row ' || g as label, ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid as id, g % 2 = 0 as even,
        case when g % 3 = 0 then null else (g * 1.5)::numeric(18, 2)::text end as amount, 'é "quoted" \\ ' || g as awkward
      from generate_series(1, 50) g`;
    const order = sql`r.even desc, r.n desc`;
    const plain = await reportRows(db, rows, order, false);
    const json = await reportRows(db, rows, order, true);
    expect(json).toEqual(plain);
    expect(plain.slice(0, 2)).toEqual([
      { n: 50, label: "row 50", id: "00000000-0000-4000-8000-000000000050", even: true, amount: "75.00", awkward: 'é "quoted" \\ 50' },
      { n: 48, label: "row 48", id: "00000000-0000-4000-8000-000000000048", even: true, amount: null, awkward: 'é "quoted" \\ 48' },
    ]);
    expect(plain).toHaveLength(50);
    expect(await reportRows(db, sql`select 1 as n where false`, sql`r.n`, true)).toEqual([]);
  });
});
