-- What drizzle-kit does not describe, written by hand (the SQLite migrations 0001, 0004 and 0005 hold
-- their twins): the rows Keel expects to exist, the access epoch's triggers, and the search index.

-- The instance's one settings row and the access epoch's one counter.
INSERT INTO "instance_settings" ("id", "workspace_creation") VALUES (1, 'owners') ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "access_epoch" ("id", "value") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint

-- The access epoch moves whenever someone's access may have changed (see db/access-epoch.ts): once per
-- statement is enough, since a cache only compares it before and after.
CREATE FUNCTION keel_access_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_epoch SET value = value + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_access AFTER DELETE OR UPDATE OF email, name, password_hash ON users FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint
CREATE TRIGGER sessions_access AFTER DELETE OR UPDATE OF token_hash, user_id ON sessions FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint
CREATE TRIGGER api_tokens_access AFTER DELETE OR UPDATE OF token_hash, user_id ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint
CREATE TRIGGER roles_access AFTER DELETE OR UPDATE ON roles FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint
CREATE TRIGGER members_access AFTER INSERT OR DELETE OR UPDATE ON members FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint
CREATE TRIGGER member_products_access AFTER INSERT OR DELETE OR UPDATE ON member_products FOR EACH STATEMENT EXECUTE FUNCTION keel_access_moved();
--> statement-breakpoint

-- Search over requirements, tasks and customers: trigram indexes (pg_trgm) match substrings with ILIKE,
-- so Chinese text without spaces is found ("排产" within "排产计划优化"), short words too. Rows are
-- numbered as in SQLite's FTS5 table: id * 3 + 0 requirement, 1 task, 2 customer.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "search_index" (
  "id" bigint PRIMARY KEY NOT NULL,
  "kind" text NOT NULL,
  "ref_id" integer NOT NULL,
  "workspace_id" integer NOT NULL,
  "product_id" integer,
  "title" text NOT NULL,
  "body" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_index_workspace_idx" ON "search_index" ("workspace_id", "id");
--> statement-breakpoint
CREATE INDEX "search_index_title_trgm" ON "search_index" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_index_body_trgm" ON "search_index" USING gin ("body" gin_trgm_ops);
--> statement-breakpoint
CREATE FUNCTION keel_search_requirement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE id = OLD.id * 3 + 0; END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_index VALUES (NEW.id * 3 + 0, 'requirement', NEW.id, NEW.workspace_id, NEW.product_id,
      NEW.title, NEW.role || ' ' || NEW.scenario || ' ' || NEW.description);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER requirements_search AFTER INSERT OR DELETE OR UPDATE OF title, description, role, scenario, product_id ON requirements FOR EACH ROW EXECUTE FUNCTION keel_search_requirement();
--> statement-breakpoint
CREATE FUNCTION keel_search_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE id = OLD.id * 3 + 1; END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_index VALUES (NEW.id * 3 + 1, 'task', NEW.id, NEW.workspace_id, NEW.product_id,
      NEW.title, coalesce(NEW.incident_ref, '') || ' ' || NEW.description);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tasks_search AFTER INSERT OR DELETE OR UPDATE OF title, description, incident_ref, product_id ON tasks FOR EACH ROW EXECUTE FUNCTION keel_search_task();
--> statement-breakpoint
CREATE FUNCTION keel_search_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE id = OLD.id * 3 + 2; END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_index VALUES (NEW.id * 3 + 2, 'customer', NEW.id, NEW.workspace_id, NULL,
      NEW.name, NEW.industry || ' ' || NEW.contact || ' ' || NEW.note);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customers_search AFTER INSERT OR DELETE OR UPDATE OF name, industry, contact, note ON customers FOR EACH ROW EXECUTE FUNCTION keel_search_customer();
