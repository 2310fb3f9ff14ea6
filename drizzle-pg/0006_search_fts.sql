-- The search index on PostgreSQL (db/queries/search.ts): a GIN index over the tsvector of
-- search_entries.body, in a text search configuration that folds case and accents like SQLite's
-- unicode61 tokenizer with remove_diacritics ("Keïta" is found by "keita") and does no stemming
-- (the simple dictionary). unaccent is a trusted extension (PostgreSQL ≥ 13): the database's owner
-- may create it. Punctuation is made a space before PostgreSQL's parser reads the text, so that
-- words split where SQLite's tokenizer splits them ("2.5" is the words 2 and 5, "l'Algérie" the
-- words l and algerie, on both engines): warrant_search_vector is the one expression of the index
-- and of every query.
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
CREATE FUNCTION warrant_search_vector(body text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN to_tsvector('warrant_search'::regconfig, regexp_replace(body, '[[:punct:]]+', ' ', 'g'));
--> statement-breakpoint
CREATE INDEX "search_entries_body_fts" ON "search_entries" USING gin (warrant_search_vector("body"));
