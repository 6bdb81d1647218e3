// The client matrix scenario (scenario.json) for the Node.js `mariadb` connector: server-side
// prepared statements with conn.execute; a CALL answers [rows, OkPacket].
'use strict';

const mariadb = require('mariadb');
const { S, HOST, PORT, NAME, check, expect, errorCheck } = require('./matrix');

// connectTimeout: the connector's default (1 s) is short for a loaded CI machine.
const connect = (u, password) => mariadb.createConnection({
  host: HOST, port: PORT, user: u.user, password: password || u.password, database: S.database,
  connectTimeout: 30000,
});

async function main() {
  const conn = await check('connect', () => connect(S.owner));
  if (!conn) return;

  await check('count', async () => {
    const rows = await conn.query({ sql: S.count.sql, rowsAsArray: true });
    expect(Number(rows[0][0]) === S.count.want, `${rows[0][0]}, want ${S.count.want}`);
  });

  let appId = '';
  await check('prepared', async () => {
    const stmt = await conn.prepare(S.prepared.sql);
    try {
      for (const [i, r] of S.prepared.runs.entries()) {
        const rows = await stmt.execute([r.param]);
        expect(rows.length === 1 && rows[0].sign_on_mode === r.sign_on_mode && rows[0].id.startsWith(S.prepared.id_prefix),
          `${r.param}: ${JSON.stringify(rows)}`);
        if (i === 0) appId = rows[0].id;
      }
    } finally {
      stmt.close();
    }
  });

  let callResult;
  await check('call', async () => {
    callResult = await conn.execute(S.call.sql, [appId, S.call.validity_years]);
    const rows = Array.isArray(callResult[0]) ? callResult[0] : callResult;
    expect(rows.length === 1 && rows[0].app_id === appId && rows[0].kty === S.call.kty,
      JSON.stringify(callResult, (k, v) => (typeof v === 'bigint' ? String(v) : v)).slice(0, 300));
  });
  await check('call-okpacket', () => {
    // [rows, OkPacket]: the OK packet that ends a CALL's results.
    const last = Array.isArray(callResult) ? callResult[callResult.length - 1] : undefined;
    expect(callResult.length === 2 && Array.isArray(callResult[0]) && last && !Array.isArray(last) && 'affectedRows' in last,
      `got ${Array.isArray(callResult) ? callResult.length + ' elements, the last ' + JSON.stringify(Object.keys(last || {})) : typeof callResult}, want [rows, OkPacket]`);
  });

  await check('write', async () => {
    const res = await conn.execute(S.write.sql, [S.write.name_prefix + NAME]);
    expect(Number(res.affectedRows) === S.write.affected, `${res.affectedRows} rows affected, want ${S.write.affected}`);
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
  const rows = await conn.execute(t.sql, [appId]);
  await check('type-boolean', () => {
    // The connector reads TINYINT as a number; the column definition must say TINYINT(1).
    const m = rows.meta.find((x) => x.name() === t.boolean_column);
    expect(m.type === 'TINY' && m.columnLength === t.boolean_length,
      `type ${m.type} length ${m.columnLength}, want TINY length ${t.boolean_length}`);
    expect(rows.length === 1 && Boolean(rows[0][t.boolean_column]) === t.boolean_want, JSON.stringify(rows));
  });
  await check('type-datetime', () => {
    expect(rows[0][t.datetime_column] instanceof Date, `${rows[0][t.datetime_column]}, want a Date`);
  });
  await conn.end();
}

main().catch((e) => { console.error(e); process.exit(1); });
