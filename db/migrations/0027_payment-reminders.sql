CREATE TABLE "invoice_reminders" (
	"org_id" uuid NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"reminder" text NOT NULL,
	"sent_to" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_reminders_org_id_xero_invoice_id_reminder_pk" PRIMARY KEY("org_id","xero_invoice_id","reminder")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "no_reminders" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD COLUMN "reminder_days_before" integer;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD COLUMN "reminder_on_due_date" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD COLUMN "reminder_every_days_overdue" integer;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;