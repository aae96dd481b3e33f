#!/usr/bin/env python3
"""Checks Keel's shared-mime-info package and prints TAP.

    tests/data/check-mime.py MIME_XML

Installs the package into a private MIME database with update-mime-database (which must
accept it without a warning), checks what that database says about
application/x-keel-project (glob, parent type, magic and its priority), and asks GIO
(`gio info`) for the type of real files: a Keel project, the same file without its
extension, and a plain SQLite database, which must not be taken for a Keel project.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
TYPE = "application/x-keel-project"
KEEL_APPLICATION_ID = 0x4B45454C

n = 0
failed = 0


def ok(cond, name, detail=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed += 1
        for line in str(detail or "").splitlines():
            print("# " + line)
    return cond


def skip(name, why):
    global n
    n += 1
    print("ok %d - %s # SKIP %s" % (n, name, why))


def make_db(path, application_id):
    con = sqlite3.connect(path)
    if application_id is not None:
        con.execute("PRAGMA application_id = %d" % application_id)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()


def content_type(path, env):
    p = subprocess.run(["gio", "info", "-a", "standard::content-type", path],
                       capture_output=True, text=True, env=env)
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("standard::content-type:"):
            return line.split(":", 3)[-1].strip()
    return "(none: %s)" % p.stderr.strip()


def main():
    src = sys.argv[1]
    try:
        root = ET.parse(src).getroot()
    except (OSError, ET.ParseError) as e:
        ok(False, "the package is well-formed XML", e)
        return
    ok(root.tag == NS + "mime-info", "the root is a shared-mime-info <mime-info>", root.tag)
    types = root.findall(NS + "mime-type")
    ok(len(types) == 1 and types[0].get("type") == TYPE, "it defines %s only" % TYPE,
       [t.get("type") for t in types])
    if not types:
        return
    mt = types[0]
    ok([c.get("type") for c in mt.findall(NS + "sub-class-of")] == ["application/vnd.sqlite3"],
       "it is a subclass of application/vnd.sqlite3")
    ok([g.get("pattern") for g in mt.findall(NS + "glob")] == ["*.keel"], "its glob is *.keel")
    magic = mt.findall(NS + "magic")
    ok(len(magic) == 1 and int(magic[0].get("priority", "50")) > 50,
       "one magic rule, priority above SQLite's 50", [m.attrib for m in magic])
    outer = magic[0].findall(NS + "match") if magic else []
    inner = outer[0].findall(NS + "match") if outer else []
    ok(len(outer) == 1 and outer[0].get("type") == "string" and outer[0].get("offset") == "0"
       and outer[0].get("value") == "SQLite format 3\\000",
       "magic: the SQLite header at offset 0", [m.attrib for m in outer])
    ok(len(inner) == 1 and inner[0].get("type") == "big32" and inner[0].get("offset") == "68"
       and int(inner[0].get("value"), 0) == KEEL_APPLICATION_ID,
       "and (nested) application_id 0x4B45454C big-endian at offset 68", [m.attrib for m in inner])
    comments = mt.findall(NS + "comment")
    ok(any(c.get("{http://www.w3.org/XML/1998/namespace}lang") is None and c.text for c in comments),
       "it has an untranslated comment")

    if not shutil.which("update-mime-database"):
        ok(False, "update-mime-database is installed (apt-get install shared-mime-info)")
        return
    with tempfile.TemporaryDirectory(prefix="keel-mime-") as tmp:
        share = os.path.join(tmp, "share")
        packages = os.path.join(share, "mime", "packages")
        os.makedirs(packages)
        shutil.copy(src, os.path.join(packages, "io.github.keelplanner.Keel.xml"))
        p = subprocess.run(["update-mime-database", "-V", os.path.join(share, "mime")],
                           capture_output=True, text=True)
        warnings = [l for l in p.stderr.splitlines() if "warning" in l.lower() or "error" in l.lower()]
        ok(p.returncode == 0 and not warnings, "update-mime-database accepts it without a warning",
           p.stderr)

        def read(name):
            try:
                with open(os.path.join(share, "mime", name), "rb") as f:
                    return f.read()
            except OSError:
                return b""

        ok(("%s application/vnd.sqlite3" % TYPE).encode() in read("subclasses").splitlines(),
           "the database records the parent type")
        ok(any(l.split(b":")[1:] == [TYPE.encode(), b"*.keel"] for l in read("globs2").splitlines()
               if not l.startswith(b"#")), "the database records the glob")
        ok(("[%s:%s]" % (magic[0].get("priority"), TYPE)).encode() in read("magic"),
           "the database records the magic with its priority")

        if not shutil.which("gio"):
            skip("GIO recognises Keel files", "gio is not installed")
            return
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = share
        env["XDG_DATA_DIRS"] = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
        files = os.path.join(tmp, "files")
        os.makedirs(files)
        keel = os.path.join(files, "plan.keel")
        make_db(keel, KEEL_APPLICATION_ID)
        bare = os.path.join(files, "plan-sent-by-mail")
        shutil.copy(keel, bare)
        plain = os.path.join(files, "some-database")
        make_db(plain, None)
        other = os.path.join(files, "other-app-database")
        make_db(other, 0x12345678)

        got = content_type(keel, env)
        ok(got == TYPE, "a .keel file is %s" % TYPE, got)
        got = content_type(bare, env)
        ok(got == TYPE, "a Keel file without its extension is recognised by its content", got)
        for path, what in ((plain, "a plain SQLite database"),
                           (other, "another application's SQLite file")):
            got = content_type(path, env)
            ok(got in ("application/vnd.sqlite3", "application/x-sqlite3"),
               "%s is SQLite, not a Keel project" % what, got)


if __name__ == "__main__":
    main()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)
