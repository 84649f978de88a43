ALTER TABLE "xero_payments" ADD COLUMN "xero_contact_id" text;--> statement-breakpoint
-- Backfill: each payment takes the contact of its mirrored invoice (same organisation, same invoice
-- id), as the reports joined it at read time; payments of invoices not mirrored and refunds stay null.
-- Before the index, so the index is built once over the filled column.
UPDATE "xero_payments" AS p SET "xero_contact_id" = i."xero_contact_id"
FROM "xero_invoices" AS i
WHERE i."org_id" = p."org_id" AND i."xero_invoice_id" = p."xero_invoice_id";--> statement-breakpoint
CREATE INDEX "xero_payments_contact_idx" ON "xero_payments" USING btree ("org_id","xero_contact_id");
