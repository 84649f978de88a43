-- Only a connected organisation holds its Xero organisation (review M-C): one left in needs_reauth,
-- perhaps for good, no longer locks the real owner out.
DROP INDEX "xero_connections_active_tenant_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "xero_connections_active_tenant_idx" ON "xero_connections" USING btree ("xero_tenant_id") WHERE "xero_connections"."status" = 'connected';