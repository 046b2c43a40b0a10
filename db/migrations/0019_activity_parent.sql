ALTER TABLE `activity` ADD `parent_type` text;--> statement-breakpoint
ALTER TABLE `activity` ADD `parent_id` integer;--> statement-breakpoint
CREATE INDEX `activity_parent_idx` ON `activity` (`workspace_id`,`parent_type`,`parent_id`,`id`);