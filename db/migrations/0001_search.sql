-- Full-text search over requirements, tasks and customers. The trigram tokenizer matches substrings,
-- so Chinese text (no spaces between words) is found: "排产" within "排产计划优化" needs the LIKE
-- fallback (under 3 characters), "设备点检" within "移动端设备点检" matches through FTS5.
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED,
  ref_id UNINDEXED,
  workspace_id UNINDEXED,
  product_id UNINDEXED,
  title,
  body,
  tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER requirements_search_insert AFTER INSERT ON requirements BEGIN
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 0, 'requirement', new.id, new.workspace_id, new.product_id, new.title, new.role || ' ' || new.scenario || ' ' || new.description);
END;
--> statement-breakpoint
CREATE TRIGGER requirements_search_update AFTER UPDATE OF title, description, role, scenario, product_id ON requirements BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 0;
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 0, 'requirement', new.id, new.workspace_id, new.product_id, new.title, new.role || ' ' || new.scenario || ' ' || new.description);
END;
--> statement-breakpoint
CREATE TRIGGER requirements_search_delete AFTER DELETE ON requirements BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 0;
END;
--> statement-breakpoint
CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 1, 'task', new.id, new.workspace_id, new.product_id, new.title, coalesce(new.incident_ref, '') || ' ' || new.description);
END;
--> statement-breakpoint
CREATE TRIGGER tasks_search_update AFTER UPDATE OF title, description, incident_ref, product_id ON tasks BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 1;
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 1, 'task', new.id, new.workspace_id, new.product_id, new.title, coalesce(new.incident_ref, '') || ' ' || new.description);
END;
--> statement-breakpoint
CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 2, 'customer', new.id, new.workspace_id, NULL, new.name, new.industry || ' ' || new.contact || ' ' || new.note);
END;
--> statement-breakpoint
CREATE TRIGGER customers_search_update AFTER UPDATE OF name, industry, contact, note ON customers BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 2;
  INSERT INTO search_index(rowid, kind, ref_id, workspace_id, product_id, title, body) VALUES (new.id * 3 + 2, 'customer', new.id, new.workspace_id, NULL, new.name, new.industry || ' ' || new.contact || ' ' || new.note);
END;
--> statement-breakpoint
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 3 + 2;
END;
