ALTER TABLE "xero_invoices" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD COLUMN "viewed_at" timestamp with time zone;--> statement-breakpoint
-- Invoices already sent: the last change Xero knows of is the best date we have.
UPDATE "xero_invoices" SET "sent_at" = "xero_updated_at" WHERE "sent_to_contact";
