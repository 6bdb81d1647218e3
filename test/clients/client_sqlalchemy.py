"""The client matrix scenario (scenario.json) for SQLAlchemy (with the PyMySQL driver) and
pandas.read_sql, as a notebook uses credsql."""
import datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc, text

from matrix import HOST, NAME, PORT, SCENARIO as S, check, expect, report, want_error


def engine(user, password):
    url = sa.engine.URL.create("mysql+pymysql", username=user, password=password,
                               host=HOST, port=PORT, database=S["database"])
    return sa.create_engine(url, future=True)


def named(sql, names):
    """The scenario's ? placeholders as SQLAlchemy's :name ones."""
    for n in names:
        sql = sql.replace("?", ":" + n, 1)
    return text(sql)


def error_of(err):
    return err.orig.args[0] if getattr(err, "orig", None) is not None and err.orig.args else None


def main():
    eng = engine(S["owner"]["user"], S["owner"]["password"])
    conn = check("connect", eng.connect)
    if conn is None:
        return

    def count():
        n = conn.execute(text(S["count"]["sql"])).scalar_one()
        expect(n == S["count"]["want"], "%r, want %r" % (n, S["count"]["want"]))
    check("count", count)

    ids = []

    def prepared():
        p = S["prepared"]
        for r in p["runs"]:
            row = conn.execute(named(p["sql"], ["label"]), {"label": r["param"]}).one()
            expect(row.sign_on_mode == r["sign_on_mode"] and row.id.startswith(p["id_prefix"]), "%r" % (row,))
            ids.append(row.id)
    check("prepared", prepared)
    app_id = ids[0] if ids else ""

    def call():
        c = S["call"]
        rows = conn.execute(named(c["sql"], ["app_id", "years"]), {"app_id": app_id, "years": c["validity_years"]}).mappings().all()
        expect(len(rows) == 1 and rows[0]["app_id"] == app_id and rows[0]["kty"] == c["kty"], "rows %r" % rows)
    check("call", call)

    def write():
        w = S["write"]
        n = conn.execute(named(w["sql"], ["name"]), {"name": w["name_prefix"] + NAME}).rowcount
        expect(n == w["affected"], "%r rows affected, want %r" % (n, w["affected"]))
    check("write", write)

    reader = engine(S["reader"]["user"], S["reader"]["password"])
    for e in S["errors"]:
        try:
            with (reader if e.get("user") == "reader" else eng).connect() as c:
                c.execute(text(e["sql"]))
            report(e["check"], False, "no error, want %s" % e["errno"])
        except exc.DBAPIError as err:
            why = want_error(error_of(err), None, e)
            report(e["check"], why is None, why)

    b = S["bad_password"]
    try:
        engine(S["owner"]["user"], b["password"]).connect()
        report(b["check"], False, "connected")
    except exc.DBAPIError as err:
        why = want_error(error_of(err), None, b)
        report(b["check"], why is None, why)

    t = S["types"]
    cat = S["catalog"]
    insp = sa.inspect(eng)

    def boolean():
        # SQLAlchemy reflects TINYINT(1) as TINYINT(display_width=1); the rows read as 1.
        col = {c["name"]: c for c in insp.get_columns(cat["table"])}[t["boolean_column"]]
        expect(getattr(col["type"], "display_width", None) == t["boolean_length"], "reflected %r" % col["type"])
        df = pd.read_sql(named(t["sql"], ["app_id"]), conn, params={"app_id": app_id})
        expect(len(df) == 1 and bool(df[t["boolean_column"]][0]) == t["boolean_want"], "%r" % df)
    check("type-boolean", boolean)

    def dt():
        df = pd.read_sql(named(t["sql"], ["app_id"]), conn, params={"app_id": app_id})
        expect(str(df[t["datetime_column"]].dtype).startswith("datetime64"), "dtype %s" % df[t["datetime_column"]].dtype)
    check("type-datetime", dt)

    def inspect():
        expect(cat["table"] in insp.get_table_names(), "%s not in get_table_names()" % cat["table"])
        got = [c["name"] for c in insp.get_columns(cat["table"])][:len(cat["first_columns"])]
        expect(got == cat["first_columns"], "%r" % got)
    check("catalog-inspect", inspect)

    def read_sql():
        df = pd.read_sql(text("SELECT id, label, sign_on_mode FROM apps"), conn)
        expect(len(df) == S["count"]["want"], "%d rows" % len(df))
    check("pandas-read_sql", read_sql)


main()
