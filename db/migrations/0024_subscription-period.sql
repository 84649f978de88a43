CREATE TABLE "subscription_period_dismissals" (
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"period" date NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_period_dismissals_org_id_subscription_id_period_pk" PRIMARY KEY("org_id","subscription_id","period")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "xero_billing_from" date;--> statement-breakpoint
ALTER TABLE "subscription_period_dismissals" ADD CONSTRAINT "subscription_period_dismissals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_period_dismissals" ADD CONSTRAINT "subscription_period_dismissals_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_period_dismissals" ADD CONSTRAINT "subscription_period_dismissals_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;