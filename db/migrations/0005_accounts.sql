CREATE TABLE `instance_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`workspace_creation` text DEFAULT 'owners' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `instance_owner` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing instances: the first user set up becomes the instance owner, and workspaces stay theirs to create.
UPDATE `users` SET `instance_owner` = 1 WHERE `id` = (SELECT min(`id`) FROM `users`);--> statement-breakpoint
INSERT INTO `instance_settings` (`id`, `workspace_creation`) VALUES (1, 'owners');
