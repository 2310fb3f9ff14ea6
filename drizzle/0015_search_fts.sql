-- The search index on SQLite (db/queries/search.ts): an FTS5 table over search_entries.body and
-- .scope (external content: the text is stored once, in search_entries), kept in step by the
-- triggers below in the transaction of every write to search_entries. The scope (one word naming
-- the entry's workspace and kind) lets a query ask the index for one workspace's entries of one
-- kind instead of filtering every match afterwards. unicode61 with remove_diacritics 2
-- folds case and accents ("Keïta" is found by "keita", "façade" by "facade"); the prefix indexes
-- serve 2- and 3-letter prefixes typed as one searches. Entries are written by the data layer
-- (db/queries/search-index.ts); existing data is indexed by the rebuild at start (db/bootstrap.ts).
CREATE VIRTUAL TABLE `search_entries_fts` USING fts5(
	body,
	scope,
	content='search_entries',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER `search_entries_fts_insert` AFTER INSERT ON `search_entries` BEGIN
	INSERT INTO search_entries_fts(rowid, body, scope) VALUES (new.id, new.body, new.scope);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_fts_delete` AFTER DELETE ON `search_entries` BEGIN
	INSERT INTO search_entries_fts(search_entries_fts, rowid, body, scope) VALUES ('delete', old.id, old.body, old.scope);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_fts_update` AFTER UPDATE OF body, scope ON `search_entries` BEGIN
	INSERT INTO search_entries_fts(search_entries_fts, rowid, body, scope) VALUES ('delete', old.id, old.body, old.scope);
	INSERT INTO search_entries_fts(rowid, body, scope) VALUES (new.id, new.body, new.scope);
END;
