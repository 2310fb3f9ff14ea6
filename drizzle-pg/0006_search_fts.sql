-- The search index on PostgreSQL (db/queries/search.ts): a GIN index over the tsvector of
-- search_entries.body, in a text search configuration that folds case and accents like SQLite's
-- unicode61 tokenizer with remove_diacritics ("Keïta" is found by "keita") and does no stemming
-- (the simple dictionary). unaccent is a trusted extension (PostgreSQL ≥ 13): the database's owner
-- may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'warrant_search') THEN
		CREATE TEXT SEARCH CONFIGURATION warrant_search (COPY = simple);
		ALTER TEXT SEARCH CONFIGURATION warrant_search
			ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
	END IF;
END $$;
--> statement-breakpoint
CREATE INDEX "search_entries_body_fts" ON "search_entries" USING gin (to_tsvector('warrant_search', "body"));
