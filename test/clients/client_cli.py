"""The client matrix scenario (scenario.json) for command-line clients: the mariadb CLI, mycli
and mariadb-dump, each run as a program the way a person or a shell script runs it.

Usage: client_cli.py mariadb-cli|mycli|mariadb-dump (CLIENT_HOST, CLIENT_PORT from the harness)"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from matrix import HOST, PORT, SCENARIO as S, check, expect, report, want_error

OWNER, READER = S["owner"], S["reader"]
HOME = tempfile.mkdtemp(prefix="credsql-cli-")  # mycli writes its config and log there
atexit.register(shutil.rmtree, HOME, True)


def mariadb(sql, user=OWNER, *args):
    """Runs sql with the mariadb CLI in batch mode; returns (rc, stdout, stderr)."""
    cmd = ["mariadb", "-h", HOST, "-P", str(PORT), "-u", user["user"], "-p" + user["password"],
           "--batch", *args, S["database"], "-e", sql]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def mycli(sql, user=OWNER, password=None, stdin=""):
    cmd = ["mycli", "-h", HOST, "-P", str(PORT), "-u", user["user"], "-p" + (password or user["password"]),
           "-D", S["database"], "--csv", "-e", sql]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, input=stdin,
                       env=dict(os.environ, HOME=HOME))
    return p.returncode, p.stdout, p.stderr


def rows(out):
    """Rows of batch output (tab-separated, first line the header) as dicts; mycli's is CSV."""
    lines = [l for l in out.splitlines() if l]
    if not lines:
        return []
    if lines[0].startswith('"'):
        import csv
        data = list(csv.reader(lines))
    else:
        data = [l.split("\t") for l in lines]
    return [dict(zip(data[0], r)) for r in data[1:]]


ERROR = re.compile(r"ERROR (\d+) \((\w{5})\)")        # mariadb: ERROR 1146 (42S02) at line 1: ...
MYCLI_ERROR = re.compile(r"\((\d+), ")                 # mycli (PyMySQL): (1146, '...')


def error_check(e, rc, out, err, with_state):
    if rc == 0:
        return "no error, want %s" % e["errno"]
    m = (ERROR if with_state else MYCLI_ERROR).search(err + out)
    if not m:
        return "no error number in %r" % (err + out)
    return want_error(int(m.group(1)), m.group(2) if with_state else None, e)


def scenario(run, name, with_state):
    """The common checks through run(sql, user) -> (rc, out, err)."""
    # The error cases are independent sessions: they start at once (a CLI starts slowly) and
    # are reported in the scenario's order after the other checks.
    pool = ThreadPoolExecutor()
    error_runs = [pool.submit(run, e["sql"], READER if e.get("user") == "reader" else OWNER) for e in S["errors"]]

    def connect():
        rc, out, err = run("SELECT 1 AS one")
        expect(rc == 0, err)
    check("connect", connect)

    def count():
        rc, out, err = run(S["count"]["sql"])
        expect(rc == 0, err)
        n = list(rows(out)[0].values())[0]
        expect(n == str(S["count"]["want"]), "%r, want %r" % (n, S["count"]["want"]))
    check("count", count)

    ids = []

    def prepared():
        # A command-line client prepares on the server with SQL: PREPARE, then EXECUTE ... USING.
        p = S["prepared"]
        sql = "PREPARE s FROM '%s'; " % p["sql"].replace("'", "''")
        for r in p["runs"]:
            sql += "SET @p = '%s'; EXECUTE s USING @p; " % r["param"]
        rc, out, err = run(sql + "DEALLOCATE PREPARE s")
        expect(rc == 0, err)
        got = [l.split("\t") if "\t" in l else l.replace('"', "").split(",") for l in out.splitlines()]
        got = [g for g in got if g[0] != "id"]
        expect(len(got) == len(p["runs"]), "rows %r" % got)
        for g, r in zip(got, p["runs"]):
            expect(g[1] == r["sign_on_mode"] and g[0].startswith(p["id_prefix"]), "%r, want %s" % (g, r["sign_on_mode"]))
            ids.append(g[0])
    check("prepared", prepared)
    app_id = ids[0] if ids else ""

    kids = []

    def call():
        c = S["call"]
        rc, out, err = run("SET @a = '%s'; SET @v = %d; %s" % (app_id, c["validity_years"], c["sql"].replace("?", "@a", 1).replace("?", "@v", 1)))
        expect(rc == 0, err)
        got = rows(out)
        expect(len(got) == 1 and got[0]["app_id"] == app_id and got[0]["kty"] == c["kty"], "rows %r" % got)
        kids.append(got[0]["kid"])
    check("call", call)

    def write():
        w = S["write"]
        rc, out, err = run("SET @n = '%s'; %s; SELECT ROW_COUNT() AS n" % (w["name_prefix"] + name, w["sql"].replace("?", "@n")))
        expect(rc == 0, err)
        n = rows(out)[-1]["n"]
        expect(n == str(w["affected"]), "%r rows affected, want %r" % (n, w["affected"]))
    check("write", write)

    for e, f in zip(S["errors"], error_runs):
        rc, out, err = f.result()
        why = error_check(e, rc, out, err, with_state)
        report(e["check"], why is None, why)
    pool.shutdown()
    return app_id, (kids[0] if kids else "")


def mariadb_cli():
    app_id, _ = scenario(lambda sql, user=OWNER: mariadb(sql, user), "mariadb-cli", True)
    b = S["bad_password"]
    rc, out, err = mariadb("SELECT 1", dict(OWNER, password=b["password"]))
    why = error_check(b, rc, out, err, True)
    report(b["check"], why is None, why)

    # --column-type-info prints each column's definition as the server sent it.
    t = S["types"]
    rc, out, err = mariadb("SET @a = '%s'; %s" % (app_id, t["sql"].replace("?", "@a")),
                           OWNER, "--table", "--column-type-info")
    fields = {}
    for block in re.split(r"\n(?=Field +\d+:)", out):
        m = re.search(r"Field +\d+: +`(\w+)`", block)
        if m:
            fields[m.group(1)] = dict(re.findall(r"^(\w+): +(.*?)\s*$", block, re.M))

    def boolean():
        f = fields.get(t["boolean_column"])
        expect(f is not None, "no column info: %s %s" % (out, err))
        expect(f["Type"] == "TINY" and f["Length"] == str(t["boolean_length"]),
               "Type %s Length %s, want TINY length %s" % (f["Type"], f["Length"], t["boolean_length"]))
    check("type-boolean", boolean)

    def dt():
        f = fields.get(t["datetime_column"])
        expect(f is not None and f["Type"] == "DATETIME", "column %r" % f)
    check("type-datetime", dt)

    cat = S["catalog"]

    def columns():
        rc, out, err = mariadb("SHOW FULL COLUMNS FROM " + cat["table"])
        expect(rc == 0, err)
        got = [r["Field"] for r in rows(out)][:len(cat["first_columns"])]
        expect(got == cat["first_columns"], "%r" % got)
    check("catalog-columns", columns)

    def procedures():
        rc, out, err = mariadb("SHOW PROCEDURE STATUS WHERE Db = '%s'" % S["database"])
        expect(rc == 0, err)
        expect(cat["procedure"] in [r.get("Name") for r in rows(out)], "%s not listed: %r" % (cat["procedure"], out[:300]))
    check("catalog-procedures", procedures)

    def status():
        # The client's status command: its Uptime line comes from COM_STATISTICS.
        rc, out, err = mariadb("status")
        expect(rc == 0 and re.search(r"^Uptime:\s+\d", out, re.M) and re.search(r"^SSL:", out, re.M),
               "rc %d, no Uptime or SSL line: %s %s" % (rc, out, err))
    check("status", status)

    def tls_cipher():
        # Over TLS (the server's certificate verified), Ssl_cipher names the cipher in use.
        rc, out, err = mariadb("SHOW SESSION STATUS LIKE 'Ssl_cipher'", OWNER, "--ssl", "--ssl-ca=" + os.environ.get("CLIENT_TLS_CA", ""))
        expect(rc == 0, err)
        got = rows(out)
        expect(len(got) == 1 and got[0].get("Value"), "Ssl_cipher %r over TLS" % got)
    check("tls-cipher", tls_cipher)


def mycli_client():
    b = S["bad_password"]
    with ThreadPoolExecutor() as pool:
        # mycli asks for the password again after a 1045; the same wrong one is typed.
        bad = pool.submit(mycli, "SELECT 1", OWNER, b["password"], stdin=b["password"] + "\n")
        status_run = pool.submit(mycli, "status")
        help_run = pool.submit(mycli, "help select")
        scenario(lambda sql, user=OWNER: mycli(sql, user), "mycli", False)
        rc, out, err = bad.result()
        why = error_check(b, rc, out, err, False)
        report(b["check"], why is None, why)

        def status():
            rc, out, err = status_run.result()
            expect(rc == 0 and "Uptime" in out and S["database"] in out, "rc %d: %s %s" % (rc, out, err))
        check("status", status)

        def help_select():
            rc, out, err = help_run.result()
            expect(rc == 0 and "SELECT" in out, "rc %d: %s %s" % (rc, out, err))
        check("help-select", help_select)


def mariadb_dump():
    def dump(*args, password=OWNER["password"]):
        cmd = ["mariadb-dump", "-h", HOST, "-P", str(PORT), "-u", OWNER["user"], "-p" + password, *args, S["database"]]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    d = S["dump"]
    rc, out, err = dump("--no-data")
    report("connect", rc == 0, err)

    def no_data():
        expect(rc == 0, err)
        got = sorted(re.findall(r"^CREATE TABLE `(\w+)`", out, re.M))
        expect(all(t in got for t in d["tables"]) and "INSERT INTO" not in out, "tables %r" % got)
    check("dump-no-data", no_data)

    def data():
        rc, out, err = dump()
        expect(rc == 0, err)
        apps = re.search(r"INSERT INTO `apps` VALUES\n(.*?);\n", out, re.S)
        expect(apps is not None, "no apps rows")
        n = len(apps.group(1).splitlines())
        expect(n == d["apps_rows"], "%d apps rows, want %d" % (n, d["apps_rows"]))
        secrets = re.search(r"INSERT INTO `apps_secrets` VALUES\n(.*?);\n", out, re.S)
        expect(secrets is not None, "no apps_secrets rows")
        for line in secrets.group(1).splitlines():
            values = re.findall(r"'([^']*)'", line)
            expect(values[d["secret_field"]].startswith(d["masked_prefix"]), "an unmasked secret in the dump")
    check("dump-data", data)

    b = S["bad_password"]
    rc, out, err = dump("--no-data", password=b["password"])
    m = re.search(r"error: (\d+)", err)
    why = "no error number in %r" % err if rc == 0 or not m else want_error(int(m.group(1)), None, b)
    report(b["check"], why is None, why)


{"mariadb-cli": mariadb_cli, "mycli": mycli_client, "mariadb-dump": mariadb_dump}[sys.argv[1]]()
