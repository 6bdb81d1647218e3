-- The client smoke script for the mariadb command-line client, run by clients_test.go
-- against `credsql serve --demo` as `mariadb --batch --skip-column-names --force`.
-- smoke.js (Node mysql2), smoke.py (PyMySQL) and TestGoDriverSmoke do the same steps with
-- their driver's own API (a real prepared statement, bound parameters) and print the same
-- transcript: a "step:NAME" line before each step, then each row tab-separated, NULL as
-- NULL, errors as "ERROR code (state): message". The test checks every client's transcript
-- the same way. Keep the four equivalent; connect.sql is shared.
SELECT 'step:connected';
SELECT CURRENT_USER();
SELECT 'step:show-databases';
SHOW DATABASES;
SELECT 'step:show-tables';
SHOW TABLES;
SELECT 'step:describe';
DESCRIBE app_keys;
SELECT 'step:join';
SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0' ORDER BY a.label, k.kid LIMIT 3;
-- The prepared statement runs twice, with the first SAML and the first OIDC app.
SELECT 'step:prepared';
SELECT id INTO @saml FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY id LIMIT 1;
SELECT id INTO @oidc FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' ORDER BY id LIMIT 1;
PREPARE by_id FROM 'SELECT id, label, sign_on_mode FROM apps WHERE id = ?';
EXECUTE by_id USING @saml;
EXECUTE by_id USING @oidc;
DEALLOCATE PREPARE by_id;
SELECT 'step:call';
CALL app_keys_generate(@saml, 2);
SELECT 'step:error';
SELECT no_such_column FROM apps;
SELECT 'step:after-error';
SELECT COUNT(*) FROM apps;
SELECT 'step:connect-queries';
source connect.sql
SELECT 'step:comments';
SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = 'credsql' ORDER BY table_name;
SELECT table_name, column_name, column_comment FROM information_schema.columns WHERE table_schema = 'credsql' ORDER BY table_name, ordinal_position;
SELECT 'step:full-columns';
SHOW FULL COLUMNS FROM app_keys;
SELECT 'step:done';
