CREATE TABLE `email_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`new_email` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_changes_token_hash_unique` ON `email_changes` (`token_hash`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`user_id` integer,
	`workspace_id` integer,
	`entity_type` text,
	`entity_id` integer,
	`batch_key` text,
	`subject` text,
	`text` text,
	`html` text,
	`headers` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`last_attempt_at` text,
	`sent_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `emails_due_idx` ON `emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `emails_batch_unique` ON `emails` (`batch_key`) WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE `notification_settings` ADD `last_digest_on` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `channel` text DEFAULT 'inbox' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `mailed_at` text;--> statement-breakpoint
ALTER TABLE `instance_settings` ADD `signing_key` text;