ALTER TABLE `share_links` ADD `show_considering` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- Links made before this option keep showing what they showed (agreed work only); new ones choose.
UPDATE `share_links` SET `show_considering` = 0;
