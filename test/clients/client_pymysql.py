"""The client matrix scenario (scenario.json) for PyMySQL. PyMySQL has no server-side prepared
statements: it quotes bound parameters into the statement text."""
import datetime

import pymysql

from matrix import HOST, NAME, PORT, SCENARIO as S, check, expect, report, want_error


def connect(user, password):
    return pymysql.connect(host=HOST, port=PORT, user=user, password=password, database=S["database"])


def main():
    conn = check("connect", lambda: connect(S["owner"]["user"], S["owner"]["password"]))
    if conn is None:
        return
    cur = conn.cursor()

    def count():
        cur.execute(S["count"]["sql"])
        n = cur.fetchone()[0]
        expect(n == S["count"]["want"], "%r, want %r" % (n, S["count"]["want"]))
    check("count", count)

    ids = []

    def prepared():
        p = S["prepared"]
        for r in p["runs"]:
            cur.execute(p["sql"].replace("?", "%s"), (r["param"],))
            row = cur.fetchone()
            expect(row is not None and row[1] == r["sign_on_mode"] and row[0].startswith(p["id_prefix"]),
                   "%s: %r, want %s" % (r["param"], row, r["sign_on_mode"]))
            ids.append(row[0])
    check("prepared", prepared)
    app_id = ids[0] if ids else ""

    kid = []

    def call():
        c = S["call"]
        cur.execute(c["sql"].replace("?", "%s"), (app_id, c["validity_years"]))
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        expect(len(rows) == 1 and rows[0]["app_id"] == app_id and rows[0]["kty"] == c["kty"], "rows %r" % rows)
        while cur.nextset():
            pass
        kid.append(rows[0]["kid"])
    check("call", call)

    def write():
        w = S["write"]
        n = cur.execute(w["sql"].replace("?", "%s"), (w["name_prefix"] + NAME,))
        expect(n == w["affected"], "%r rows affected, want %r" % (n, w["affected"]))
    check("write", write)

    reader = connect(S["reader"]["user"], S["reader"]["password"])
    for e in S["errors"]:
        c = (reader if e.get("user") == "reader" else conn).cursor()
        try:
            c.execute(e["sql"])
            report(e["check"], False, "no error, want %s" % e["errno"])
        except pymysql.MySQLError as err:
            # PyMySQL keeps the error number, not the SQLSTATE.
            why = want_error(err.args[0], None, e)
            report(e["check"], why is None, why)

    b = S["bad_password"]
    try:
        connect(S["owner"]["user"], b["password"])
        report(b["check"], False, "connected")
    except pymysql.MySQLError as err:
        why = want_error(err.args[0], None, b)
        report(b["check"], why is None, why)

    t = S["types"]
    cur.execute(t["sql"].replace("?", "%s"), (app_id,))
    row = cur.fetchone()
    desc = {d[0]: d for d in cur.description}

    def boolean():
        # PyMySQL reads TINYINT(1) as an int; the column definition must say TINYINT(1).
        d = desc[t["boolean_column"]]
        expect(d[1] == pymysql.FIELD_TYPE.TINY and d[3] == t["boolean_length"],
               "type %r length %r, want TINY length %r" % (d[1], d[3], t["boolean_length"]))
        expect(row[0] == 1 and bool(row[0]) == t["boolean_want"], "value %r" % (row[0],))
    check("type-boolean", boolean)

    def dt():
        expect(isinstance(row[1], datetime.datetime), "%r, want a datetime" % (row[1],))
    check("type-datetime", dt)


main()
