ALTER TABLE "subscriptions" ADD COLUMN "xero_next_scheduled_date" date;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD CONSTRAINT "xero_invoices_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xero_invoices_subscription_idx" ON "xero_invoices" USING btree ("org_id","subscription_id");--> statement-breakpoint
UPDATE "xero_invoices" AS i SET "subscription_id" = s."id" FROM "subscriptions" AS s WHERE s."org_id" = i."org_id" AND s."xero_repeating_invoice_id" = i."repeating_invoice_id" AND i."subscription_id" IS NULL;
