-- The access epoch: one counter that moves whenever someone's access may have changed, kept by triggers
-- so that no write path (a service, an import, the CLI, another process) can forget to move it. Caches of
-- credentials and memberships, and open event streams, trust what they hold only while it stays put.
-- New sessions and tokens need no move (nothing cached them yet); neither do a session's sliding expiry
-- nor a token's last use, which are bookkeeping.
CREATE TABLE `access_epoch` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `access_epoch` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER users_access_update AFTER UPDATE OF email, name, password_hash ON users BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER users_access_delete AFTER DELETE ON users BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER sessions_access_update AFTER UPDATE OF token_hash, user_id ON sessions BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER sessions_access_delete AFTER DELETE ON sessions BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER api_tokens_access_update AFTER UPDATE OF token_hash, user_id ON api_tokens BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER api_tokens_access_delete AFTER DELETE ON api_tokens BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER roles_access_update AFTER UPDATE ON roles BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER roles_access_delete AFTER DELETE ON roles BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER members_access_insert AFTER INSERT ON members BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER members_access_update AFTER UPDATE ON members BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER members_access_delete AFTER DELETE ON members BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER member_products_access_insert AFTER INSERT ON member_products BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER member_products_access_update AFTER UPDATE ON member_products BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER member_products_access_delete AFTER DELETE ON member_products BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
