"""Shared helpers of the Python client scripts of the client matrix (scenario.json)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = json.load(open(os.path.join(HERE, "scenario.json")))
HOST = os.environ.get("CLIENT_HOST", "127.0.0.1")
PORT = int(os.environ.get("CLIENT_PORT", "3306"))
NAME = os.environ.get("CLIENT_NAME", "python")


def report(name, ok, detail=""):
    """Prints the check's machine-readable line."""
    line = "CHECK %s %s" % (name, "ok" if ok else "fail")
    if not ok:
        line += " " + " ".join(str(detail).split())
    print(line, flush=True)


def check(name, fn):
    """Runs fn; an exception or a returned string fails the check. Returns fn's result."""
    try:
        res = fn()
    except Exception as e:  # noqa: BLE001 - every failure is a check result
        report(name, False, "%s: %s" % (type(e).__name__, e))
        return None
    if isinstance(res, str):
        report(name, False, res)
        return None
    report(name, True)
    return res


def expect(cond, detail):
    if not cond:
        raise AssertionError(detail)


def want_error(got_errno, got_state, e):
    """Compares an error with scenario error e; returns None or why it differs."""
    if got_errno != e["errno"] or (got_state is not None and got_state != e["sqlstate"]):
        return "got %s (%s), want %s (%s)" % (got_errno, got_state, e["errno"], e["sqlstate"])
    return None
