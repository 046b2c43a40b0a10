CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttles_expires_idx` ON `throttles` (`expires_at`);