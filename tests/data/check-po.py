#!/usr/bin/env python3
"""Checks Keel's translations and prints TAP.

    tests/data/check-po.py SOURCE_ROOT

For every language in po/LINGUAS: the catalogue compiles with `msgfmt --check` (format
strings, header, domain), has no fuzzy and no untranslated message, and translates every
string that the sources listed in po/POTFILES.in mark today (a fresh xgettext run
compared with `msgcmp`), so a string added to the code without a translation is caught.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The keywords of meson's 'glib' gettext preset.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_printerr:1:c-format", "--flag=g_print:1:c-format",
]

n = 0
failed = 0


def ok(cond, name, detail=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed += 1
        for line in str(detail or "").splitlines()[:60]:
            print("# " + line)
    return cond


def main():
    root = sys.argv[1]
    po = os.path.join(root, "po")
    for tool in ("msgfmt", "xgettext", "msgcmp"):
        if not shutil.which(tool):
            ok(False, "%s is installed (apt-get install gettext)" % tool)
            return
    with open(os.path.join(po, "LINGUAS"), encoding="utf-8") as f:
        langs = [w for l in f for w in l.split("#")[0].split()]
    ok(bool(langs), "po/LINGUAS names at least one language", langs)
    with open(os.path.join(po, "POTFILES.in"), encoding="utf-8") as f:
        sources = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    with tempfile.TemporaryDirectory(prefix="keel-po-") as tmp:
        pot = os.path.join(tmp, "keel.pot")
        p = subprocess.run(["xgettext", "--package-name=keel", "-o", pot] + XGETTEXT_ARGS + sources,
                           cwd=root, capture_output=True, text=True)
        ok(p.returncode == 0, "xgettext extracts the strings of POTFILES.in", p.stderr)

        for lang in langs:
            path = os.path.join(po, lang + ".po")
            if not ok(os.path.exists(path), "po/%s.po exists" % lang):
                continue
            p = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.path.join(tmp, lang + ".mo"), path],
                               capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
            ok(p.returncode == 0, "%s.po compiles with msgfmt --check" % lang, p.stderr)
            stats = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
            ok(re.fullmatch(r"\d+ translated messages?\.", stats) is not None,
               "%s.po has no fuzzy or untranslated message" % lang, stats)
            if os.path.exists(pot):
                p = subprocess.run(["msgcmp", path, pot], capture_output=True, text=True,
                                   env=dict(os.environ, LC_ALL="C"))
                ok(p.returncode == 0,
                   "%s.po translates every string of the current sources "
                   "(fix: meson compile keel-pot keel-update-po, then translate)" % lang, p.stderr)


if __name__ == "__main__":
    main()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)
