#!/usr/bin/env python3
"""Checks Keel's icons and prints TAP.

    tests/data/check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg

Each icon must be well-formed SVG on the canvas GNOME expects (128 px for the
application icon, 16 px for the symbolic one), render with librsvg (what GTK uses to
load SVG icons), and the symbolic icon must use a single colour so that GTK can
recolour it for the theme.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"

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


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def check(path, size, symbolic):
    name = os.path.basename(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        ok(False, "%s is well-formed XML" % name, e)
        return
    ok(root.tag == SVG + "svg", "%s is an SVG document" % name, root.tag)
    ok(root.get("viewBox") == "0 0 %d %d" % (size, size) and root.get("width") == str(size)
       and root.get("height") == str(size), "%s is drawn on a %d px canvas" % (name, size), root.attrib)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    ok("<image" not in text and "xlink:href=\"data:" not in text and "@import" not in text,
       "%s is pure vector (no embedded bitmaps or external references)" % name)
    if symbolic:
        colours = set(c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", text))
        ok(len(colours) <= 1 and "gradient" not in text.lower(),
           "%s uses one flat colour, so GTK can recolour it" % name, colours)
    if not shutil.which("rsvg-convert"):
        ok(False, "rsvg-convert is installed (apt-get install librsvg2-bin)")
        return
    with tempfile.TemporaryDirectory(prefix="keel-icons-") as tmp:
        for scale in (1, 2):
            out = os.path.join(tmp, "icon-%d.png" % scale)
            p = subprocess.run(["rsvg-convert", "-w", str(size * scale), "-h", str(size * scale),
                                "-o", out, path], capture_output=True, text=True)
            ok(p.returncode == 0 and not p.stderr.strip() and png_size(out) == (size * scale, size * scale),
               "%s renders with librsvg at %d px" % (name, size * scale), p.stderr)


def main():
    check(sys.argv[1], 128, False)
    check(sys.argv[2], 16, True)


if __name__ == "__main__":
    main()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)
