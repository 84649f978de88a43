CREATE TABLE "leakage_dismissals" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leakage_dismissals_org_id_deal_id_kind_pk" PRIMARY KEY("org_id","deal_id","kind")
);
--> statement-breakpoint
ALTER TABLE "leakage_dismissals" ADD CONSTRAINT "leakage_dismissals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leakage_dismissals" ADD CONSTRAINT "leakage_dismissals_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leakage_dismissals" ADD CONSTRAINT "leakage_dismissals_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leakage_dismissals_deal_idx" ON "leakage_dismissals" USING btree ("deal_id");