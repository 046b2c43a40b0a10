-- The access epoch moves too when a workspace's webhooks change (where its changes are sent): every
-- process caches the webhook list while the epoch stays put, whichever process changed a webhook.
CREATE TRIGGER webhooks_access_insert AFTER INSERT ON webhooks BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER webhooks_access_update AFTER UPDATE ON webhooks BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER webhooks_access_delete AFTER DELETE ON webhooks BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END;
