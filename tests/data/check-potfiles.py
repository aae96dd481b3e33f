#!/usr/bin/env python3
"""Checks that po/POTFILES.in lists exactly the files with translatable strings.

    tests/data/check-potfiles.py SOURCE_ROOT           (TAP; the `potfiles` test)
    tests/data/check-potfiles.py SOURCE_ROOT --write   (rewrites po/POTFILES.in)

A file has translatable strings when it is C code that calls _(), N_(), C_(), NC_() or
g_dngettext(), a GtkBuilder file with translatable="yes", or one of the desktop,
metainfo, MIME and GSettings files in data/. A file that is missing from POTFILES.in
is never translated; a listed file that no longer exists breaks `keel-pot`.
"""
import os
import re
import sys

C_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*(?:\"|[A-Za-z_])")
UI_TRANSLATABLE = re.compile(r"translatable\s*=\s*\"(?:yes|true|1)\"")
DATA_FILES = re.compile(r"^data/[^/]+\.(?:desktop\.in|metainfo\.xml\.in|mime\.xml|gschema\.xml)$")
HEADER = """\
# Files with translatable strings. Kept in step with the sources by the `potfiles` test;
# regenerate with: tests/data/check-potfiles.py . --write
"""


def wanted(root):
    found = []
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_build")))
            for fn in sorted(filenames):
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                if DATA_FILES.match(rel):
                    found.append(rel)
                    continue
                if not rel.startswith("src/"):
                    continue
                if fn.endswith((".c", ".h")):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        text = f.read()
                    # Comments may mention _() without marking anything.
                    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
                    text = re.sub(r"//[^\n]*", "", text)
                    if C_CALL.search(text):
                        found.append(rel)
                elif fn.endswith(".ui"):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        if UI_TRANSLATABLE.search(f.read()):
                            found.append(rel)
    return sorted(found)


def listed(root):
    path = os.path.join(root, "po", "POTFILES.in")
    try:
        with open(path, encoding="utf-8") as f:
            return [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    except OSError:
        return None


def main():
    root = sys.argv[1]
    want = wanted(root)
    if "--write" in sys.argv[2:]:
        with open(os.path.join(root, "po", "POTFILES.in"), "w", encoding="utf-8") as f:
            f.write(HEADER + "".join(l + "\n" for l in want))
        print("po/POTFILES.in: %d files" % len(want))
        return 0
    have = listed(root)
    n = 0
    failed = 0

    def ok(cond, name, detail):
        nonlocal n, failed
        n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
        if not cond:
            failed += 1
            for l in detail:
                print("# " + l)

    ok(have is not None, "po/POTFILES.in exists", [])
    have = have or []
    ok(len(have) == len(set(have)), "po/POTFILES.in lists each file once",
       sorted(x for x in set(have) if have.count(x) > 1))
    gone = [x for x in have if not os.path.exists(os.path.join(root, x))]
    ok(not gone, "every listed file exists", gone)
    missing = [x for x in want if x not in have]
    ok(not missing, "every file with translatable strings is listed "
       "(fix: tests/data/check-potfiles.py . --write)", missing)
    extra = [x for x in have if x not in want and x not in gone]
    ok(not extra, "every listed file has translatable strings", extra)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
