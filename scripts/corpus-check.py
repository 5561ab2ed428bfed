#!/usr/bin/env python3
"""Measure `gsd check --fix` on a folder of real projects.

Each subfolder of PROJECTS that holds a `.planning/` is one project (extract them yourself, e.g.
`git --git-dir=GITDIR archive COMMIT .planning | tar -x -C DIR/<name>`; this script never
writes into PROJECTS and commits nothing). For every project, on a temporary copy:

1. `gsd check --format json`: the findings before;
2. `gsd check --fix`, then `gsd check --format json` again: the findings after;
3. `gsd check --fix` a second time: it must change no byte (idempotent);

and reports the share of projects that fail with an error before and after the fix, the
projects where the second fix changed something, and the fixes that added a finding (a rule
code found more often in a file after the fix than before).

    python3 scripts/corpus-check.py --bin target/release/gsd /tmp/corpus [--show 10] [--json out.json]
"""

import argparse
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

NOW = "2026-12-06T12:00:00Z"


def run(gsd, project, *args):
    env = dict(os.environ, GSD_NOW=NOW, NO_COLOR="1")
    return subprocess.run(
        [gsd, "-C", project, *args], capture_output=True, text=True, env=env, timeout=120
    )


def findings(gsd, project):
    """The findings as (code, file, severity, line, message), or None when gsd exits 2."""
    p = run(gsd, project, "check", "--format", "json")
    if p.returncode not in (0, 1):
        return None
    data = json.loads(p.stdout)
    return [
        (
            d["code"],
            ".planning/" + (d.get("file") or "").split(".planning/")[-1],
            d.get("severity", ""),
            (d.get("start") or {}).get("line", 0),
            d.get("message", ""),
        )
        for d in data.get("diagnostics", [])
    ]


def digest(folder):
    h = hashlib.sha256()
    for base, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(base, f)
            h.update(path[len(folder):].encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def measure(gsd, src):
    with tempfile.TemporaryDirectory(prefix="gsd-corpus-") as tmp:
        project = os.path.join(tmp, "p")
        shutil.copytree(src, project, symlinks=True)
        before = findings(gsd, project)
        if before is None:
            return {"exit2": True}
        fix1 = run(gsd, project, "check", "--fix")
        after = findings(gsd, project) or []
        first = digest(project)
        fix2 = run(gsd, project, "check", "--fix")
        second = digest(project)
        count = lambda fs: collections.Counter((f[0], f[1]) for f in fs)
        cb, ca = count(before), count(after)
        added = [
            {"code": code, "file": file, "before": cb[(code, file)], "after": n}
            for (code, file), n in ca.items()
            if n > cb[(code, file)]
        ]
        added_msgs = [f for f in after if f[0] in {a["code"] for a in added}]
        return {
            "exit2": False,
            "errors_before": sum(1 for f in before if f[2] == "error"),
            "errors_after": sum(1 for f in after if f[2] == "error"),
            "findings_before": len(before),
            "findings_after": len(after),
            "codes_before": collections.Counter(f[0] for f in before),
            "codes_after": collections.Counter(f[0] for f in after),
            "error_findings_after": [f for f in after if f[2] == "error"],
            "fix_exit": fix1.returncode,
            "idempotent": first == second,
            "second_fix_stderr": fix2.stderr.strip(),
            "added": added,
            "added_findings": added_msgs,
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("projects", help="folder of extracted projects, one subfolder each")
    ap.add_argument("--bin", default="target/release/gsd")
    ap.add_argument("--show", type=int, default=0, help="print up to N remaining errors and added findings")
    ap.add_argument("--json", help="write per-project results here")
    a = ap.parse_args()
    gsd = os.path.abspath(a.bin)
    names = sorted(
        n for n in os.listdir(a.projects)
        if os.path.isdir(os.path.join(a.projects, n, ".planning"))
    )
    results = {}
    for n in names:
        results[n] = measure(gsd, os.path.join(a.projects, n))
    ok = {n: r for n, r in results.items() if not r["exit2"]}
    total = len(ok)
    fail_before = [n for n, r in ok.items() if r["errors_before"]]
    fail_after = [n for n, r in ok.items() if r["errors_after"]]
    not_idem = [n for n, r in ok.items() if not r["idempotent"]]
    adders = [n for n, r in ok.items() if r["added"]]
    pct = lambda k: f"{100.0 * k / total:.1f}%" if total else "n/a"
    print(f"projects: {len(names)} ({len(names) - total} exit 2)")
    print(f"fail with an error before --fix: {len(fail_before)} ({pct(len(fail_before))})")
    print(f"fail with an error after --fix:  {len(fail_after)} ({pct(len(fail_after))})")
    print(f"second --fix changed files:      {len(not_idem)} {not_idem[:10]}")
    print(f"a fix added a finding:           {len(adders)} {adders[:10]}")
    cb = sum((r["codes_before"] for r in ok.values()), collections.Counter())
    ca = sum((r["codes_after"] for r in ok.values()), collections.Counter())
    print("findings by code (before -> after --fix):")
    for code in sorted(set(cb) | set(ca)):
        print(f"  {code}  {cb[code]:5} -> {ca[code]:5}")
    if a.show:
        shown = 0
        for n in fail_after:
            for f in results[n]["error_findings_after"]:
                if shown >= a.show:
                    break
                print(f"ERROR {n}: {f[0]} {f[1]}:{f[3]} {f[4]}")
                shown += 1
        for n in adders:
            for add in results[n]["added"]:
                print(f"ADDED {n}: {add}")
            for f in results[n]["added_findings"][: a.show]:
                print(f"   {f[0]} {f[1]}:{f[3]} {f[4]}")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(results, fh, indent=1, default=list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
