#!/usr/bin/env python3
"""Checks that `meson install` gives a complete installation, and prints TAP.

    tests/data/check-install.py BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID GUI

Installs the build into a temporary DESTDIR (no rebuild) and looks for everything a
desktop needs: the programs, desktop file, metainfo, icons, MIME package, GSettings
schema, the sample project and the compiled translations of every language in
po/LINGUAS. GUI is "true" when the application is part of this build.
"""
import os
import subprocess
import sys
import tempfile

n = 0
failed = 0


def ok(cond, name, detail=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed += 1
        for line in str(detail or "").splitlines()[-40:]:
            print("# " + line)
    return cond


def main():
    build, prefix, bindir, datadir, localedir, app_id, gui = sys.argv[1:8]
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(source, "po", "LINGUAS"), encoding="utf-8") as f:
        langs = [w for l in f for w in l.split("#")[0].split()]

    def under(*parts):
        return os.path.join(prefix, *parts)

    expected = [
        (under(bindir, "keel-cli"), "keel-cli"),
        (under(datadir, "applications", app_id + ".desktop"), "the desktop file"),
        (under(datadir, "metainfo", app_id + ".metainfo.xml"), "the AppStream metainfo"),
        (under(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"), "the application icon"),
        (under(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"), "the symbolic icon"),
        (under(datadir, "mime", "packages", app_id + ".xml"), "the MIME package"),
        (under(datadir, "glib-2.0", "schemas", app_id + ".gschema.xml"), "the GSettings schema"),
        (under(datadir, "keel", "sample", "sample.json"), "the sample project"),
        (under(datadir, "keel", "sample", "sample-retention.csv"), "the sample retention CSV"),
        (under(datadir, "keel", "sample", "sample-survey.csv"), "the sample survey CSV"),
        (under(datadir, "keel", "sample", "sample-acquisition.csv"), "the sample acquisition CSV"),
    ]
    if gui == "true":
        expected.insert(0, (under(bindir, "keel"), "keel, the application"))
    for lang in langs:
        expected.append((under(localedir, lang, "LC_MESSAGES", "keel.mo"), "the %s translations" % lang))

    with tempfile.TemporaryDirectory(prefix="keel-install-") as dest:
        p = subprocess.run(["meson", "install", "-C", build, "--no-rebuild", "--quiet",
                            "--destdir", dest], capture_output=True, text=True)
        if not ok(p.returncode == 0, "meson install --destdir succeeds", p.stdout + p.stderr):
            return

        def staged(path):
            return os.path.join(dest, path.lstrip("/"))

        for path, what in expected:
            ok(os.path.isfile(staged(path)) and os.path.getsize(staged(path)) > 0,
               "installs %s (%s)" % (what, path))
        for prog in ("keel", "keel-cli"):
            path = staged(under(bindir, prog))
            if os.path.exists(path):
                ok(os.access(path, os.X_OK), "%s is executable" % prog)


if __name__ == "__main__":
    main()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)
