// Shared helpers of the Node.js client scripts of the client matrix (scenario.json).
'use strict';

const fs = require('fs');
const path = require('path');

const S = JSON.parse(fs.readFileSync(path.join(__dirname, 'scenario.json'), 'utf8'));
const HOST = process.env.CLIENT_HOST || '127.0.0.1';
const PORT = Number(process.env.CLIENT_PORT || 3306);
const NAME = process.env.CLIENT_NAME || 'node';

function report(name, ok, detail) {
  console.log(`CHECK ${name} ${ok ? 'ok' : 'fail ' + String(detail).replace(/\s+/g, ' ')}`);
}

// check runs fn; a throw fails the check. Returns fn's result.
async function check(name, fn) {
  try {
    const res = await fn();
    report(name, true);
    return res;
  } catch (e) {
    report(name, false, e && e.message ? e.message : e);
    return undefined;
  }
}

function expect(cond, detail) {
  if (!cond) throw new Error(detail);
}

// errorCheck compares a driver error with scenario error e.
function errorCheck(e, err) {
  if (!err) return report(e.check, false, `no error, want ${e.errno}`);
  const ok = err.errno === e.errno && err.sqlState === e.sqlstate;
  report(e.check, ok, `got ${err.errno} (${err.sqlState}) ${err.sqlMessage || err.message}, want ${e.errno} (${e.sqlstate})`);
}

module.exports = { S, HOST, PORT, NAME, report, check, expect, errorCheck };
