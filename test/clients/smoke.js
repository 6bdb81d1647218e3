// The client smoke script for Node.js mysql2, run by cmd/credsql/clients_test.go against
// `credsql serve --demo`: the steps of smoke.sql, done with mysql2's own API (a prepared
// statement with conn.execute, bound parameters). It prints the shared transcript: a
// "step:NAME" line before each step, each row tab-separated, NULL as NULL, and errors as
// "ERROR code (state): message". Keep it equivalent to smoke.sql, smoke.py and
// TestGoDriverSmoke.
//
// Usage: SMOKE_HOST=127.0.0.1 SMOKE_PORT=3306 SMOKE_USER=u SMOKE_PASSWORD=p node smoke.js
'use strict';

const fs = require('fs');
const path = require('path');
const mysql = require('mysql2/promise');

function cell(v) {
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// print writes the rows of a result; an OK packet (SET, USE, ...) has none. CALL returns
// several results: its rows, then an OK packet.
function print(rows, fields) {
  if (!Array.isArray(rows)) return;
  if (Array.isArray(fields) && Array.isArray(fields[0])) {
    rows.forEach((r, i) => print(r, fields[i]));
    return;
  }
  for (const r of rows) console.log(r.map(cell).join('\t'));
}

function printError(e) {
  console.log(`ERROR ${e.errno} (${e.sqlState}): ${e.sqlMessage || e.message}`);
}

async function run(conn, sql, params) {
  const [rows, fields] = await conn.query({ sql, rowsAsArray: true }, params);
  print(rows, fields);
  return rows;
}

// statements reads connect.sql: one statement per line, '--' comment lines skipped.
function statements(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('--'))
    .map((l) => l.replace(/;$/, ''));
}

async function main() {
  const step = (name) => console.log(`step:${name}`);
  const conn = await mysql.createConnection({
    host: process.env.SMOKE_HOST,
    port: Number(process.env.SMOKE_PORT),
    user: process.env.SMOKE_USER,
    password: process.env.SMOKE_PASSWORD,
    database: 'credsql',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  await conn.ping();

  step('connected');
  await run(conn, 'SELECT CURRENT_USER()');
  step('show-databases');
  await run(conn, 'SHOW DATABASES');
  step('show-tables');
  await run(conn, 'SHOW TABLES');
  step('describe');
  await run(conn, 'DESCRIBE app_keys');
  step('join');
  await run(conn, "SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0' ORDER BY a.label, k.kid LIMIT 3");

  // A server-side prepared statement (COM_STMT_PREPARE), executed twice with a bound parameter.
  step('prepared');
  const first = async (mode) => {
    const [rows] = await conn.query({ sql: 'SELECT id FROM apps WHERE sign_on_mode = ? ORDER BY id LIMIT 1', rowsAsArray: true }, [mode]);
    return rows[0][0];
  };
  const saml = await first('SAML_2_0');
  const oidc = await first('OPENID_CONNECT');
  for (const id of [saml, oidc]) {
    const [rows, fields] = await conn.execute({ sql: 'SELECT id, label, sign_on_mode FROM apps WHERE id = ?', rowsAsArray: true }, [id]);
    print(rows, fields);
  }
  await conn.unprepare('SELECT id, label, sign_on_mode FROM apps WHERE id = ?');

  step('call');
  await run(conn, 'CALL app_keys_generate(?, 2)', [saml]);

  step('error');
  try {
    await run(conn, 'SELECT no_such_column FROM apps');
  } catch (e) {
    printError(e);
  }
  step('after-error');
  await run(conn, 'SELECT COUNT(*) FROM apps');

  step('connect-queries');
  for (const sql of statements(path.join(__dirname, 'connect.sql'))) {
    try {
      await run(conn, sql);
    } catch (e) {
      printError(e);
    }
  }

  step('comments');
  await run(conn, "SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = 'credsql' ORDER BY table_name");
  await run(conn, "SELECT table_name, column_name, column_comment FROM information_schema.columns WHERE table_schema = 'credsql' ORDER BY table_name, ordinal_position");
  step('full-columns');
  await run(conn, 'SHOW FULL COLUMNS FROM app_keys');
  step('done');
  await conn.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
