CREATE TABLE "xero_credit_allocations" (
	"org_id" uuid NOT NULL,
	"xero_credit_note_id" text NOT NULL,
	"allocation_key" text NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"date" date,
	CONSTRAINT "xero_credit_allocations_org_id_xero_credit_note_id_allocation_key_pk" PRIMARY KEY("org_id","xero_credit_note_id","allocation_key")
);
--> statement-breakpoint
ALTER TABLE "xero_payments" ALTER COLUMN "xero_invoice_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "xero_payments" ADD COLUMN "xero_credit_note_id" text;--> statement-breakpoint
ALTER TABLE "xero_payments" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "xero_credit_allocations" ADD CONSTRAINT "xero_credit_allocations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xero_credit_allocations_invoice_idx" ON "xero_credit_allocations" USING btree ("org_id","xero_invoice_id");--> statement-breakpoint
CREATE INDEX "xero_credit_allocations_date_idx" ON "xero_credit_allocations" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "xero_invoices_date_idx" ON "xero_invoices" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "xero_payments_date_idx" ON "xero_payments" USING btree ("org_id","date");--> statement-breakpoint
-- Payments mirrored before the currency was kept take their invoice's.
UPDATE "xero_payments" p SET "currency" = i."currency" FROM "xero_invoices" i WHERE i."org_id" = p."org_id" AND i."xero_invoice_id" = p."xero_invoice_id" AND p."currency" IS NULL;--> statement-breakpoint
-- Allocations kept as JSON until now become rows (keyed by their position, as Xero sent no id then).
INSERT INTO "xero_credit_allocations" ("org_id", "xero_credit_note_id", "allocation_key", "xero_invoice_id", "amount", "date")
SELECT c."org_id", c."xero_credit_note_id", (a.ord - 1)::text, a.value->>'xeroInvoiceId', (a.value->>'amount')::numeric, NULLIF(a.value->>'date', '')::date
FROM "xero_credit_notes" c, jsonb_array_elements(c."allocations") WITH ORDINALITY AS a(value, ord)
WHERE a.value->>'xeroInvoiceId' IS NOT NULL
ON CONFLICT DO NOTHING;
