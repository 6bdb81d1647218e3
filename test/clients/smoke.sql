-- The client smoke script: the same steps every MySQL client runs against
-- `credsql serve --demo` (see clients_test.go). Each step prints a marker the test looks for.
SELECT 'step:connected' AS marker;
SHOW DATABASES;
SHOW TABLES;
DESCRIBE app_keys;
SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0' ORDER BY a.label, k.kid LIMIT 3;
SELECT id INTO @app FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY id LIMIT 1;
PREPARE by_id FROM 'SELECT CONCAT(''step:prepared '', label) AS marker FROM apps WHERE id = ?';
EXECUTE by_id USING @app;
DEALLOCATE PREPARE by_id;
CALL app_keys_generate(@app, 2);
SELECT 'step:called' AS marker;
SELECT no_such_column FROM apps;
SELECT CONCAT('step:usable-after-error ', COUNT(*)) AS marker FROM apps;
SELECT @@version_comment;
SHOW VARIABLES LIKE 'version%';
SET NAMES utf8mb4;
SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = 'credsql' ORDER BY table_name;
SELECT column_name, column_comment FROM information_schema.columns WHERE table_schema = 'credsql' AND table_name = 'apps' ORDER BY ordinal_position;
SELECT COUNT(*) FROM information_schema.routines;
SHOW FULL COLUMNS FROM app_keys;
SELECT 'step:done' AS marker;
