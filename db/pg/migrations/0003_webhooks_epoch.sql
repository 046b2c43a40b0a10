-- The access epoch moves too when a workspace's webhooks change (where its changes are sent): every
-- process caches the webhook list while the epoch stays put, whichever process changed a webhook.
CREATE TRIGGER webhooks_access AFTER INSERT OR UPDATE OR DELETE ON webhooks FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
