-- Before this index a lapsed lease let a second row of the same record be claimed (review S1). Keep
-- the newest row in flight per record, flagged uncertain (the other may have reached Xero), and
-- close the rest as superseded, so the index can be built on a live database.
WITH ranked AS (
	SELECT "id",
		row_number() OVER (PARTITION BY "org_id", "entity_type", "entity_id", "direction" ORDER BY "created_at" DESC, "id" DESC) AS "n",
		count(*) OVER (PARTITION BY "org_id", "entity_type", "entity_id", "direction") AS "rows"
	FROM "sync_items" WHERE "status" = 'in_flight'
)
UPDATE "sync_items" SET "uncertain" = true WHERE "id" IN (SELECT "id" FROM ranked WHERE "n" = 1 AND "rows" > 1);
--> statement-breakpoint
WITH ranked AS (
	SELECT "id", row_number() OVER (PARTITION BY "org_id", "entity_type", "entity_id", "direction" ORDER BY "created_at" DESC, "id" DESC) AS "n"
	FROM "sync_items" WHERE "status" = 'in_flight'
)
UPDATE "sync_items" SET "status" = 'skipped', "claim_token" = NULL, "claimed_until" = NULL, "uncertain" = false, "last_error_code" = 'superseded', "last_error_message" = 'A newer row of this record carries on instead.', "updated_at" = now()
WHERE "id" IN (SELECT "id" FROM ranked WHERE "n" > 1);
--> statement-breakpoint
CREATE UNIQUE INDEX "sync_items_one_in_flight_idx" ON "sync_items" USING btree ("org_id","entity_type","entity_id","direction") WHERE "sync_items"."status" = 'in_flight';
