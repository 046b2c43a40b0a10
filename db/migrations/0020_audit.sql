CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` integer,
	`actor_email` text,
	`workspace_id` integer,
	`target_type` text,
	`target_id` integer,
	`target_label` text,
	`address` text,
	`user_agent` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`id`);--> statement-breakpoint
ALTER TABLE `instance_settings` ADD `audit_retention_days` integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` text;--> statement-breakpoint
-- The audit log is append-only: nothing rewrites an event (old ones are deleted past their retention).
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
--> statement-breakpoint
-- Deactivating an account moves the access epoch, so its cached credentials and open streams end at once.
DROP TRIGGER users_access_update;
--> statement-breakpoint
CREATE TRIGGER users_access_update AFTER UPDATE OF email, name, password_hash, deactivated_at ON users BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
