#!/usr/bin/env python3
"""The layers hold: no #include reaches up or sideways.

core <- pathways <- storage, and services/ in the layers its CMakeLists.txt lists: use cases (no HTTP,
no SQL, no concrete store), delivery, api, web, server (the composition root, the only place that
knows the concrete store), demo, cli. The link graph already refuses most crossings (a library cannot
see the include folder of one it does not link); this check also catches what the link graph cannot:
Poco::Net or sqlite3 in the use cases, and the concrete store anywhere but the composition root.

    layers_test.py ROOT [BUILD]  check the tree at ROOT, after the self-test, and with BUILD (a build
                                 directory) each library's symbols: none may need a library above it
    layers_test.py --self-test   plant crossings in a scratch tree and check each is caught

The symbol check is there because a link can hide a crossing: a library's missing symbol is found
in a library above it whenever the link line happens to name that one later.
"""
import os
import re
import subprocess
import sys
import tempfile

SERVICES = ["usecases", "delivery", "api", "web", "server", "demo", "cli"]
# Which ycr/services layers each layer may include (besides its own).
MAY_USE = {
    "usecases": set(),
    "delivery": {"usecases"},
    "api": {"usecases"},
    "web": {"usecases", "api"},
    "server": {"usecases", "delivery", "api", "web"},
    "demo": {"usecases", "delivery", "api", "web", "server"},
    "cli": {"usecases", "delivery", "api", "web", "server", "demo"},
}
# The projects below services/ and what each may include.
LOWER = {"core": {"core"}, "pathways": {"core", "pathways"}, "storage": {"core", "storage"}}
# Storage that is not the concrete store: the errors the HTTP layer answers 503 for.
STORAGE_ERRORS = "ycr/storage/errors.h"
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def sources(root, folder):
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for f in files:
            if f.endswith((".cpp", ".h")):
                yield os.path.join(dirpath, f)


def owners(root):
    """ycr/services/NAME.h -> the layer whose include folder holds it."""
    owned = {}
    for layer in SERVICES:
        folder = os.path.join(root, "services", layer, "include", "ycr", "services")
        if os.path.isdir(folder):
            for f in os.listdir(folder):
                owned["ycr/services/" + f] = layer
    return owned


def crossing(layer, header, owned):
    """Why `layer` may not include `header`, or None when it may."""
    if layer in LOWER:
        project = header.split("/")[1] if header.startswith("ycr/") else None
        if project and project not in LOWER[layer]:
            return f"{layer} is below {project}"
        return None
    if header.startswith("ycr/services/"):
        owner = owned.get(header)
        if owner and owner != layer and owner not in MAY_USE[layer]:
            return f"{owner} is not below {layer}"
        return None
    if header.startswith("ycr/storage/") and header != STORAGE_ERRORS and layer not in ("server", "demo", "cli"):
        return "only the composition root (server) knows the concrete store"
    if header == "sqlite3.h" and layer != "demo":
        return "SQL belongs to storage (and the demo generator's bulk load)"
    if layer == "usecases" and header.startswith("Poco/Net/") and header != "Poco/Net/IPAddress.h":
        return "the use cases do not speak HTTP or SMTP"
    return None


def check(root):
    owned = owners(root)
    found = []
    folders = [(layer, os.path.join("services", layer)) for layer in SERVICES] + [(p, p) for p in LOWER]
    for layer, folder in folders:
        for path in sources(root, folder):
            with open(path, encoding="utf-8") as f:
                for header in INCLUDE.findall(f.read()):
                    why = crossing(layer, header, owned)
                    if why:
                        found.append(f"{os.path.relpath(path, root)} includes {header}: {why}")
    return found


# Which libraries each library may take symbols from (its link dependencies, with theirs).
LINKS = {"core": set(), "pathways": {"core"}, "storage": {"core"}, "usecases": {"core", "pathways"}}
LINKS["delivery"] = LINKS["usecases"] | {"usecases"}
LINKS["api"] = LINKS["usecases"] | {"usecases", "storage"}
LINKS["web"] = LINKS["api"] | {"api"}
LINKS["server"] = LINKS["web"] | LINKS["delivery"] | {"web", "api", "delivery"}
LINKS["demo"] = LINKS["server"] | {"server"}
LINKS["cli"] = LINKS["demo"] | {"demo"}


def link_crossings(defined, undefined):
    """defined/undefined: library -> set of symbols. The symbols a library needs from one it may not use."""
    found = []
    for lib, needs in undefined.items():
        own = defined.get(lib, set()).union(*(defined.get(d, set()) for d in LINKS[lib]))
        for other, theirs in defined.items():
            if other != lib and other not in LINKS[lib]:
                for symbol in sorted((needs - own) & theirs):
                    found.append(f"libycr_{lib}.a needs {symbol} from libycr_{other}.a, which it may not use")
    return found


def symbols(build):
    defined, undefined = {}, {}
    for lib in LINKS:
        folder = lib if lib in LOWER else "services"
        path = os.path.join(build, folder, f"libycr_{lib}.a")
        out = subprocess.run(["nm", "-C", path], capture_output=True, text=True, check=True).stdout
        defined[lib], undefined[lib] = set(), set()
        for line in out.splitlines():
            kind, _, name = line[17:18], line[18:19], line[19:]
            if line.startswith(" " * 16 + " U "):
                undefined[lib].add(line[19:])
            elif kind in "TWVDBR" and name:
                defined[lib].add(name)
    return defined, undefined


def self_test():
    planted = {
        "services/usecases/src/a.cpp": '#include "ycr/services/http.h"\n',
        "services/usecases/src/b.cpp": "#include <Poco/Net/HTTPServer.h>\n",
        "services/api/src/c.cpp": '#include "ycr/storage/sqlite_store.h"\n',
        "services/api/src/d.cpp": '#include "ycr/services/web.h"\n',
        "services/web/src/e.cpp": "#include <sqlite3.h>\n",
        "core/src/f.cpp": '#include "ycr/services/app.h"\n',
    }
    allowed = {
        "services/usecases/src/ok.cpp": '#include "ycr/services/auth.h"\n#include <Poco/Net/IPAddress.h>\n',
        "services/api/src/ok.cpp": '#include "ycr/services/http.h"\n#include "ycr/storage/errors.h"\n',
        "services/server/src/ok.cpp": '#include "ycr/services/web.h"\n#include "ycr/storage/sqlite_store.h"\n',
    }
    headers = ["services/api/include/ycr/services/http.h", "services/web/include/ycr/services/web.h",
               "services/usecases/include/ycr/services/auth.h", "services/server/include/ycr/services/app.h"]
    with tempfile.TemporaryDirectory() as root:
        for rel, text in list(planted.items()) + list(allowed.items()) + [(h, "#pragma once\n") for h in headers]:
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        found = check(root)
    caught = {line.split(" includes ")[0] for line in found}
    missed = sorted(set(planted) - caught)
    wrongly = sorted(caught - set(planted))
    for m in missed:
        print(f"self-test: the crossing in {m} was not caught")
    for w in wrongly:
        print(f"self-test: {w} was refused, yet its includes are allowed")
    linked = link_crossings(
        {"core": {"c"}, "storage": {"s"}, "usecases": {"u"}, "api": {"a"}},
        {"core": set(), "storage": {"c"}, "usecases": {"c", "s", "std::x"}, "api": {"u", "s", "c"}})
    if linked != ["libycr_usecases.a needs s from libycr_storage.a, which it may not use"]:
        print(f"self-test: the symbol check found {linked}, not the one planted crossing")
        return 1
    if missed or wrongly:
        return 1
    print(f"self-test: all {len(planted) + 1} planted crossings caught, nothing allowed refused")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    if self_test():
        return 1
    found = check(sys.argv[1])
    if len(sys.argv) == 3:
        found += link_crossings(*symbols(sys.argv[2]))
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} crossing(s) of the layers (services/CMakeLists.txt says which way they go)")
        return 1
    print("every include keeps to its layer" + (", and every library's symbols" if len(sys.argv) == 3 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
