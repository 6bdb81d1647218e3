"""The client matrix scenario (scenario.json) for MariaDB Connector/ODBC through unixODBC,
driven from Python with pyodbc. CLIENT_ODBC_DRIVER is the driver library (or a driver name
of odbcinst.ini)."""
import datetime
import os
import re

import pyodbc

from matrix import HOST, NAME, PORT, SCENARIO as S, check, expect, report, want_error

DRIVER = os.environ.get("CLIENT_ODBC_DRIVER", "MariaDB Unicode")


def connect(user, password):
    # A DSN-less connection string; the same keys go in an odbc.ini DSN (docs/connecting.md).
    return pyodbc.connect(
        "DRIVER={%s};SERVER=%s;PORT=%d;DATABASE=%s;UID=%s;PWD=%s"
        % (DRIVER, HOST, PORT, S["database"], user, password),
        autocommit=True,
    )


def odbc_error(err):
    """(native error number, SQLSTATE) of a pyodbc error: args are (SQLSTATE, message), and the
    message ends with the native number in parentheses."""
    m = re.search(r"\((\d+)\) \(SQL\w+\)$", err.args[1]) or re.search(r"\((\d+)\)", err.args[1])
    return (int(m.group(1)) if m else None), err.args[0]


def main():
    conn = check("connect", lambda: connect(S["owner"]["user"], S["owner"]["password"]))
    if conn is None:
        return
    cur = conn.cursor()

    def count():
        n = cur.execute(S["count"]["sql"]).fetchval()
        expect(n == S["count"]["want"], "%r, want %r" % (n, S["count"]["want"]))
    check("count", count)

    ids = []

    def prepared():
        p = S["prepared"]
        for r in p["runs"]:
            row = cur.execute(p["sql"], r["param"]).fetchone()
            expect(row is not None and row[1] == r["sign_on_mode"] and row[0].startswith(p["id_prefix"]),
                   "%s: %r" % (r["param"], row))
            ids.append(row[0])
    check("prepared", prepared)
    app_id = ids[0] if ids else ""

    kids = []

    def call():
        c = S["call"]
        cur.execute(c["sql"], app_id, c["validity_years"])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        expect(len(rows) == 1 and rows[0]["app_id"] == app_id and rows[0]["kty"] == c["kty"], "rows %r" % rows)
        while cur.nextset():
            pass
        kids.append(rows[0]["kid"])
    check("call", call)

    def write():
        w = S["write"]
        n = cur.execute(w["sql"], w["name_prefix"] + NAME).rowcount
        expect(n == w["affected"], "%r rows affected, want %r" % (n, w["affected"]))
    check("write", write)

    reader = connect(S["reader"]["user"], S["reader"]["password"])
    for e in S["errors"]:
        c = (reader if e.get("user") == "reader" else conn).cursor()
        try:
            c.execute(e["sql"])
            report(e["check"], False, "no error, want %s" % e["errno"])
        except pyodbc.Error as err:
            why = want_error(*odbc_error(err), e)
            report(e["check"], why is None, why and why + ": " + err.args[1])

    b = S["bad_password"]
    try:
        connect(S["owner"]["user"], b["password"])
        report(b["check"], False, "connected")
    except pyodbc.Error as err:
        why = want_error(*odbc_error(err), b)
        report(b["check"], why is None, why and why + ": " + err.args[1])

    t = S["types"]
    row = cur.execute(t["sql"], app_id).fetchone()

    def boolean():
        # Connector/ODBC reports TINYINT(1) as SQL_TINYINT (as it does against MariaDB): pyodbc
        # reads an int, 1 for true.
        v = row[0] if row else None
        expect(type(v) is int and bool(v) == t["boolean_want"] and v == 1,
               "%s = %r (%r), want 1" % (t["boolean_column"], v, cur.description[0][1]))
    check("type-boolean", boolean)

    def dt():
        v = row[1] if row else None
        expect(isinstance(v, datetime.datetime), "%r, want a datetime" % (v,))
    check("type-datetime", dt)

    cat = S["catalog"]

    def tables():
        got = [r.table_name for r in cur.tables(catalog=S["database"], tableType="TABLE")]
        expect(cat["table"] in got, "%s not in %r" % (cat["table"], got))
    check("catalog-SQLTables", tables)

    def columns():
        got = [r.column_name for r in cur.columns(table=cat["table"], catalog=S["database"])]
        expect(got[:len(cat["first_columns"])] == cat["first_columns"], "%r" % got)
    check("catalog-SQLColumns", columns)

    def procedures():
        got = [r.procedure_name for r in cur.procedures(catalog=S["database"])]
        expect(cat["procedure"] in got, "%s not in %r" % (cat["procedure"], got))
    check("catalog-SQLProcedures", procedures)

    def procedure_columns():
        got = [r.column_name for r in cur.procedureColumns(procedure=cat["procedure"], catalog=S["database"])]
        expect(got == cat["procedure_params"], "%r, want %r" % (got, cat["procedure_params"]))
    check("catalog-SQLProcedureColumns", procedure_columns)


main()
