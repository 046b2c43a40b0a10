ALTER TABLE "activity" ADD COLUMN "parent_type" text;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "parent_id" integer;--> statement-breakpoint
CREATE INDEX "activity_parent_idx" ON "activity" USING btree ("workspace_id","parent_type","parent_id","id");