-- Searching a large organization's users by part of a name or an email address (issue #7). No B-tree serves
-- LIKE '%text%', so without this a search reads every user of the organization (50 ms for 100,000); a trigram index
-- (pg_trgm) finds the candidates of a term of three characters or more. PostgreSQL only: the embedded H2 has no such
-- index. pg_trgm is a trusted extension (PostgreSQL 13+), which the database's owner may create; where the service's
-- user may not, the index is left out with a warning and a search reads every user, as before.
DO $$
DECLARE
	trgm_schema name;
BEGIN
	BEGIN
		CREATE EXTENSION IF NOT EXISTS pg_trgm;
	EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
		RAISE WARNING 'pg_trgm could not be created (%): user search reads every user of an organization', SQLERRM;
	END;
	SELECT extnamespace::regnamespace::name INTO trgm_schema FROM pg_extension WHERE extname = 'pg_trgm';
	IF trgm_schema IS NOT NULL THEN
		-- the operator class named with the extension's schema, wherever an administrator installed it
		EXECUTE format('CREATE INDEX app_user_text_ix ON app_user USING gin (name_key %1$I.gin_trgm_ops, email %1$I.gin_trgm_ops)',
			trgm_schema);
	END IF;
END
$$;
