-- 014: the read-only analyst cannot stall the pipeline (issue 11, finding 6). It could take the
-- pipeline's advisory locks (a run then hung), hold 97 of 100 connections, run without a statement
-- timeout and create temp tables. Now: at most 10 connections, statements stop after a minute by
-- default, temp files are capped (a setting only a superuser may change), no TEMP on the database
-- (re-asserted by every migrate: pipeline.db), no CREATE in public, and the advisory-lock functions
-- belong to the pipeline's role only. Each step needs rights a database owner who is not superuser
-- may lack (docker-compose): it is then skipped with a notice rather than failing the migration.
DO $$
DECLARE
    fn regprocedure;
BEGIN
    BEGIN
        ALTER ROLE eventwire_analyst CONNECTION LIMIT 10;
        ALTER ROLE eventwire_analyst SET statement_timeout = '60s';
        ALTER ROLE eventwire_analyst SET idle_in_transaction_session_timeout = '5min';
        ALTER ROLE eventwire_analyst SET temp_file_limit = '1GB';
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'eventwire: cannot set the analyst role''s limits (needs a superuser)';
    END;
    BEGIN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'eventwire: cannot revoke CREATE on schema public';
    END;
    BEGIN
        FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
                  WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname LIKE 'pg%advisory%'
        LOOP
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', fn, current_user);
        END LOOP;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'eventwire: cannot restrict the advisory-lock functions (needs a superuser)';
    END;
END
$$;
