CREATE TABLE "sync_cooldowns" (
	"org_id" uuid NOT NULL,
	"action" text NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sync_cooldowns_org_id_action_pk" PRIMARY KEY("org_id","action")
);
--> statement-breakpoint
CREATE TABLE "sync_job_requests" (
	"org_id" uuid NOT NULL,
	"job" text NOT NULL,
	"queued_at" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "sync_job_requests_org_id_job_pk" PRIMARY KEY("org_id","job")
);
--> statement-breakpoint
CREATE TABLE "xero_own_writes" (
	"org_id" uuid NOT NULL,
	"category" text NOT NULL,
	"xero_id" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_own_writes_org_id_category_xero_id_pk" PRIMARY KEY("org_id","category","xero_id")
);
--> statement-breakpoint
ALTER TABLE "sync_cooldowns" ADD CONSTRAINT "sync_cooldowns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_job_requests" ADD CONSTRAINT "sync_job_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_own_writes" ADD CONSTRAINT "xero_own_writes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;