-- requirements.score becomes nullable: an unestimated requirement (no effort, no estimate) has no score.
-- Done column by column instead of drizzle's table rebuild: migrations run in one transaction, where
-- `PRAGMA foreign_keys=OFF` does nothing, so dropping and recreating `requirements` would cascade to every
-- customer ask and unlink every task; and the rebuild would drop the table's search triggers.
DROP INDEX `requirements_product_score_idx`;--> statement-breakpoint
ALTER TABLE `requirements` ADD `score_nullable` real;--> statement-breakpoint
UPDATE `requirements` SET `score_nullable` = CASE WHEN `effort` IS NULL AND `estimate` IS NULL THEN NULL ELSE `score` END;--> statement-breakpoint
ALTER TABLE `requirements` DROP COLUMN `score`;--> statement-breakpoint
ALTER TABLE `requirements` RENAME COLUMN `score_nullable` TO `score`;--> statement-breakpoint
CREATE INDEX `requirements_product_score_idx` ON `requirements` (`product_id`,`score`);
