#!/usr/bin/env python3
"""Validates Keel's Flatpak manifest offline and prints TAP.

    tests/data/validate-flatpak.py MANIFEST SCHEMA

Checks the manifest against the JSON Schema that Flathub's linter uses (vendored in
build-aux/vendor/), proves that the schema really rejects broken manifests, checks
Keel's own requirements (runtime, command, the exact sandbox permissions, one meson
module built from this repository), and, when flatpak-builder is installed, that it
parses the manifest (`flatpak-builder --show-manifest`). Building needs the GNOME
runtime from Flathub and is out of reach offline; see README.md.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("not ok 1 - python3-jsonschema is not installed (build-aux/dev setup installs it)")
    print("1..1")
    sys.exit(1)

APP_ID = "io.github.keelplanner.Keel"
FINISH_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]

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


def errors_of(validator, doc):
    return ["%s: %s" % ("/".join(map(str, e.absolute_path)) or "(top)", e.message)
            for e in validator.iter_errors(doc)]


def main():
    manifest_path, schema_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    try:
        jsonschema.Draft7Validator.check_schema(schema)
        ok(True, "the vendored schema is a valid draft-07 schema")
    except jsonschema.SchemaError as e:
        ok(False, "the vendored schema is a valid draft-07 schema", e)
        return
    validator = jsonschema.Draft7Validator(schema)

    errs = errors_of(validator, manifest)
    ok(not errs, "the manifest conforms to Flathub's manifest schema", "\n".join(errs))

    # The schema must be live: each of these broken manifests has to be rejected.
    broken = {
        "an unknown top-level key": lambda m: m.__setitem__("finish-arg", []),
        "finish-args that is not an array": lambda m: m.__setitem__("finish-args", "--share=ipc"),
        "an unknown build system": lambda m: m["modules"][0].__setitem__("buildsystem", "scons"),
        "an unknown source type": lambda m: m["modules"][0]["sources"][0].__setitem__("type", "folder"),
    }
    for what, breaker in broken.items():
        bad = copy.deepcopy(manifest)
        breaker(bad)
        ok(bool(errors_of(validator, bad)), "the schema rejects %s" % what)

    ok(manifest.get("id") == APP_ID, "id is %s" % APP_ID, manifest.get("id"))
    ok(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("runtime-version") == "50",
       "runtime org.gnome.Platform 50", (manifest.get("runtime"), manifest.get("runtime-version")))
    ok(manifest.get("sdk") == "org.gnome.Sdk", "sdk org.gnome.Sdk", manifest.get("sdk"))
    ok(manifest.get("command") == "keel", "command keel", manifest.get("command"))
    # File access goes only through the file chooser portal: no --filesystem, no
    # network, no session bus names beyond what GTK needs.
    ok(manifest.get("finish-args") == FINISH_ARGS, "finish-args are exactly %s" % " ".join(FINISH_ARGS),
       manifest.get("finish-args"))

    modules = manifest.get("modules", [])
    ok(len(modules) == 1 and isinstance(modules[0], dict), "one module", modules)
    module = modules[0] if modules and isinstance(modules[0], dict) else {}
    ok(module.get("buildsystem") == "meson", "the module is built with meson", module.get("buildsystem"))
    sources = module.get("sources", [])
    repo_root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), ".."))
    good_source = (len(sources) == 1 and sources[0].get("type") in ("dir", "git")
                   and os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)),
                                                     sources[0].get("path", ""))) == repo_root)
    ok(good_source, "the module's source is this repository", sources)
    ok(os.path.exists(os.path.join(repo_root, "meson.build")), "the source folder has a meson.build")

    if shutil.which("flatpak-builder"):
        # flatpak-builder leaves a .flatpak-builder state folder in its working folder.
        with tempfile.TemporaryDirectory(prefix="keel-flatpak-") as tmp:
            p = subprocess.run(["flatpak-builder", "--show-manifest", os.path.abspath(manifest_path)],
                               capture_output=True, text=True, cwd=tmp)
        parsed = None
        if p.returncode == 0:
            try:
                parsed = json.loads(p.stdout)
            except ValueError:
                parsed = None
        ok(p.returncode == 0 and parsed is not None and parsed.get("id") == APP_ID,
           "flatpak-builder --show-manifest parses the manifest", p.stderr)
    else:
        skip("flatpak-builder --show-manifest", "flatpak-builder is not installed")


if __name__ == "__main__":
    main()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)
