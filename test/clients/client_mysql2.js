// The client matrix scenario (scenario.json) for Node.js mysql2: server-side prepared
// statements with conn.execute.
'use strict';

const mysql = require('mysql2/promise');
const { S, HOST, PORT, NAME, report, check, expect, errorCheck } = require('./matrix');

const connect = (u, password) => mysql.createConnection({
  host: HOST, port: PORT, user: u.user, password: password || u.password, database: S.database,
});

async function main() {
  const conn = await check('connect', () => connect(S.owner));
  if (!conn) return;

  await check('count', async () => {
    const [rows] = await conn.query({ sql: S.count.sql, rowsAsArray: true });
    expect(Number(rows[0][0]) === S.count.want, `${rows[0][0]}, want ${S.count.want}`);
  });

  let appId = '';
  await check('prepared', async () => {
    for (const [i, r] of S.prepared.runs.entries()) {
      const [rows] = await conn.execute(S.prepared.sql, [r.param]);
      expect(rows.length === 1 && rows[0].sign_on_mode === r.sign_on_mode && rows[0].id.startsWith(S.prepared.id_prefix),
        `${r.param}: ${JSON.stringify(rows)}`);
      if (i === 0) appId = rows[0].id;
    }
  });

  await check('call', async () => {
    // CALL answers with its rows, then an OK packet.
    const [results] = await conn.execute(S.call.sql, [appId, S.call.validity_years]);
    const rows = results[0];
    expect(Array.isArray(rows) && rows.length === 1 && rows[0].app_id === appId && rows[0].kty === S.call.kty,
      JSON.stringify(results).slice(0, 300));
  });

  await check('write', async () => {
    const [res] = await conn.execute(S.write.sql, [S.write.name_prefix + NAME]);
    expect(res.affectedRows === S.write.affected, `${res.affectedRows} rows affected, want ${S.write.affected}`);
  });

  const reader = await connect(S.reader);
  for (const e of S.errors) {
    let err = null;
    try { await (e.user === 'reader' ? reader : conn).query(e.sql); } catch (x) { err = x; }
    errorCheck(e, err);
  }
  await reader.end();
  {
    let err = null;
    try { await (await connect(S.owner, S.bad_password.password)).end(); } catch (x) { err = x; }
    errorCheck(S.bad_password, err);
  }

  const t = S.types;
  const [rows, fields] = await conn.execute(t.sql, [appId]);
  await check('type-boolean', () => {
    // mysql2 reads TINYINT as a number; the column definition must say TINYINT(1).
    const f = fields.find((x) => x.name === t.boolean_column);
    expect(f.columnType === 1 && f.columnLength === t.boolean_length,
      `type ${f.columnType} length ${f.columnLength}, want 1 (TINY) length ${t.boolean_length}`);
    expect(rows.length === 1 && Boolean(rows[0][t.boolean_column]) === t.boolean_want, JSON.stringify(rows));
  });
  await check('type-datetime', () => {
    expect(rows[0][t.datetime_column] instanceof Date, `${rows[0][t.datetime_column]}, want a Date`);
  });

  await check('catalog-columns', async () => {
    const [cols] = await conn.query(
      'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
      [S.database, S.catalog.table]);
    const got = cols.map((c) => c.c).slice(0, S.catalog.first_columns.length);
    expect(JSON.stringify(got) === JSON.stringify(S.catalog.first_columns), JSON.stringify(got));
  });

  await check('change-user', async () => {
    // COM_CHANGE_USER: mysql2 answers the server's auth switch; the session is the reader's,
    // without the owner's user variables. A wrong password is refused with 1045 (28000).
    await conn.query("SET @owner_var = 'left over'");
    await conn.changeUser({ user: S.reader.user, password: S.reader.password, database: S.database });
    const [[row]] = await conn.query({ sql: 'SELECT CURRENT_USER(), @owner_var', rowsAsArray: true });
    expect(String(row[0]).startsWith(S.reader.user + '@') && row[1] === null, JSON.stringify(row));
    await conn.changeUser({ user: S.owner.user, password: S.owner.password, database: S.database });
    const other = await connect(S.owner);
    let err = null;
    try { await other.changeUser({ user: S.reader.user, password: S.bad_password.password }); } catch (x) { err = x; }
    expect(err && err.errno === 1045 && err.sqlState === '28000', `wrong password: ${err && err.errno} ${err && err.sqlState}`);
    other.destroy();
  });
  await conn.end();
}

main().catch((e) => { console.error(e); process.exit(1); });
