"""The client smoke script for Python PyMySQL, run by cmd/credsql/clients_test.go against
`credsql serve --demo`: the steps of smoke.sql, done with PyMySQL's own API (parameters bound
by the driver, callproc). PyMySQL has no binary protocol, so the prepared statement is the
server-side SQL PREPARE/EXECUTE with a parameter the driver binds into a user variable. It
prints the shared transcript: a "step:NAME" line before each step, each row tab-separated,
NULL as NULL, and errors as "ERROR code: message". Keep it equivalent to smoke.sql, smoke.js
and TestGoDriverSmoke.

Usage: SMOKE_HOST=127.0.0.1 SMOKE_PORT=3306 SMOKE_USER=u SMOKE_PASSWORD=p /usr/bin/python3 smoke.py
"""

import json
import os
import sys

import pymysql


def cell(v):
    if v is None:
        return "NULL"
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8")
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def show(cur):
    """Prints the rows of every result of the last statement (CALL returns two)."""
    while True:
        if cur.description is not None:
            for row in cur.fetchall():
                print("\t".join(cell(v) for v in row))
        if not cur.nextset():
            return


def run(cur, sql, args=None):
    cur.execute(sql, args)
    show(cur)


def error(e):
    print("ERROR %d: %s" % (e.args[0], e.args[1]))


def statements(path):
    """connect.sql: one statement per line, '--' comment lines skipped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("--"):
                yield line.rstrip(";")


def main():
    step = lambda name: print("step:" + name, flush=True)
    # autocommit is left at PyMySQL's default (off): the driver sends SET AUTOCOMMIT = 0.
    conn = pymysql.connect(
        host=os.environ["SMOKE_HOST"],
        port=int(os.environ["SMOKE_PORT"]),
        user=os.environ["SMOKE_USER"],
        password=os.environ["SMOKE_PASSWORD"],
        database="credsql",
        charset="utf8mb4",
    )
    conn.ping(reconnect=False)
    cur = conn.cursor()

    step("connected")
    run(cur, "SELECT CURRENT_USER()")
    step("show-databases")
    run(cur, "SHOW DATABASES")
    step("show-tables")
    run(cur, "SHOW TABLES")
    step("describe")
    run(cur, "DESCRIBE app_keys")
    step("join")
    run(cur, "SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id "
             "WHERE a.sign_on_mode = 'SAML_2_0' ORDER BY a.label, k.kid LIMIT 3")

    step("prepared")
    first = "SELECT id FROM apps WHERE sign_on_mode = %s ORDER BY id LIMIT 1"
    cur.execute(first, ("SAML_2_0",))
    saml = cur.fetchone()[0]
    cur.execute(first, ("OPENID_CONNECT",))
    oidc = cur.fetchone()[0]
    cur.execute("PREPARE by_id FROM 'SELECT id, label, sign_on_mode FROM apps WHERE id = ?'")
    for app in (saml, oidc):
        cur.execute("SET @app = %s", (app,))
        run(cur, "EXECUTE by_id USING @app")
    cur.execute("DEALLOCATE PREPARE by_id")

    step("call")
    # callproc binds the arguments into user variables, then CALLs with them.
    cur.callproc("app_keys_generate", (saml, 2))
    show(cur)

    step("error")
    try:
        run(cur, "SELECT no_such_column FROM apps")
    except pymysql.MySQLError as e:
        error(e)
    step("after-error")
    run(cur, "SELECT COUNT(*) FROM apps")

    step("connect-queries")
    for sql in statements(os.path.join(os.path.dirname(os.path.abspath(__file__)), "connect.sql")):
        try:
            run(cur, sql)
        except pymysql.MySQLError as e:
            error(e)

    step("comments")
    run(cur, "SELECT table_name, table_comment FROM information_schema.tables "
             "WHERE table_schema = 'credsql' ORDER BY table_name")
    run(cur, "SELECT table_name, column_name, column_comment FROM information_schema.columns "
             "WHERE table_schema = 'credsql' ORDER BY table_name, ordinal_position")
    step("full-columns")
    run(cur, "SHOW FULL COLUMNS FROM app_keys")
    conn.commit()
    step("done")
    conn.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # an unexpected failure: the test reports the output so far
        print("smoke.py: %r" % (e,), file=sys.stderr)
        sys.exit(1)
