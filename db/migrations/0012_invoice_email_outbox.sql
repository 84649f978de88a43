ALTER TYPE "public"."sync_entity" ADD VALUE 'invoice_email';--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "key_generation" integer DEFAULT 0 NOT NULL;