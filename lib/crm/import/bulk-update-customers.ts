import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { customers } from "@/db/schema";
import type { CustomerInput } from "../schemas";

type Update = { id: string; input: CustomerInput };
type Column = (typeof customers)[keyof CustomerInput & keyof typeof customers];

/**
 * Updates many customers with one statement per shape (the set of columns a row carries): an
 * UPDATE ... FROM (VALUES ...) instead of a round trip per row. Rows of a CSV mostly share one
 * shape, so 500 updates are usually one or two statements.
 */
export async function bulkUpdateCustomers(tx: Db, orgId: string, updates: Update[]): Promise<void> {
  const byShape = new Map<string, Update[]>();
  for (const u of updates) {
    const keys = Object.keys(u.input)
      .filter((k) => u.input[k as keyof CustomerInput] !== undefined)
      .sort();
    const shape = keys.join(",");
    byShape.set(shape, [...(byShape.get(shape) ?? []), u]);
  }
  for (const [shape, group] of byShape) {
    const keys = shape ? (shape.split(",") as (keyof CustomerInput)[]) : [];
    const columns = keys.map((k) => customers[k as keyof typeof customers] as Column);
    const names = columns.map((c) => sql.identifier(c.name));
    const rows = group.map(
      (u) =>
        sql`(${u.id}::uuid${sql.join(
          keys.map((k, i) => sql`, ${sql.param(u.input[k] ?? null)}::${sql.raw(columns[i].getSQLType())}`),
          sql``,
        )})`,
    );
    const sets: SQL[] = [...names.map((n) => sql`${n} = v.${n}`), sql`updated_at = now()`];
    await tx.execute(
      sql`update ${customers} set ${sql.join(sets, sql`, `)} from (values ${sql.join(rows, sql`, `)}) as v(id${sql.join(
        names.map((n) => sql`, ${n}`),
        sql``,
      )}) where ${customers.id} = v.id and ${customers.orgId} = ${orgId}`,
    );
  }
}
