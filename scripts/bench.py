#!/usr/bin/env python3
"""Times `retcode lint` on pathological catalogs and writes BENCHMARKS.md.

Each catalog is generated here, deterministically: 100,000 unknown keys in one
entry, 100,000 flat groups, 100,000 entries (and 10,000 of each, to show how the
time grows). The target is linear validation: each 100,000 case under 2 s.
Run from the repository root: `python3 scripts/bench.py`.
"""

import os
import platform
import subprocess
import sys
import tempfile
import time

HEAD = """[catalog]
name = "bench"
version = "1.0.0"
title = { en = "Bench" }
locales = ["en"]
yes = { en = "Yes" }
no = { en = "No" }
unknown_code = { en = "Unknown {code}" }

[[section]]
id = "main"
title = { en = "Main" }

[[set]]
name = "BenchCode"
section = "main"
key = "int"
code_label = { en = "Code" }
message_label = { en = "Message" }
"""


def unknown_keys(n):
    lines = [HEAD, '[[set.entry]]\nname = "Ok"\ncodes = [0]\nmessage = { en = "OK" }\n']
    lines += [f"unknown{i} = 1\n" for i in range(n)]
    return "".join(lines)


def groups(n):
    lines = [HEAD]
    lines += [f'[[set.group]]\nid = "g{i}"\ntitle = {{ en = "G" }}\n' for i in range(n)]
    lines.append('[[set.entry]]\nname = "Ok"\ncodes = [0]\ngroup = "g0"\nmessage = { en = "OK" }\n')
    return "".join(lines)


def entries(n):
    lines = [HEAD]
    lines += [f'[[set.entry]]\nname = "E{i}"\ncodes = [{i}]\nmessage = {{ en = "m" }}\n' for i in range(n)]
    return "".join(lines)


CASES = [("unknown keys", unknown_keys), ("flat groups", groups), ("entries", entries)]


def run(binary, catalog):
    """Wall time and peak memory of one `lint` run (its exit status is not the point)."""
    start = time.perf_counter()
    child = subprocess.Popen([binary, "--catalog", catalog, "lint"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}"


def main():
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], check=True)
    binary = os.path.abspath("target/release/retcode")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, make in CASES:
            times = {}
            for n in (10_000, 100_000):
                path = os.path.join(scratch, f"{name.replace(' ', '-')}-{n}.toml")
                with open(path, "w") as f:
                    f.write(make(n))
                times[n] = run(binary, path)
            (t10, _), (t100, peak) = times[10_000], times[100_000]
            rows.append(f"| {name} | {t10:.2f} s | {t100:.2f} s | {t100 / max(t10, 1e-9):.1f} | {peak:.0f} MiB |")
            print(rows[-1], file=sys.stderr)
    with open("BENCHMARKS.md", "w") as f:
        f.write("# Benchmarks\n\n")
        f.write("Written by `python3 scripts/bench.py`; figures from one run on this machine:\n")
        f.write(f"{machine()}.\n\n")
        f.write("## Validation of pathological catalogs (`retcode lint`)\n\n")
        f.write("Target: linear time, each 100,000 case under 2 s. A ratio near 10 between\n")
        f.write("100,000 and 10,000 is linear; near 100 would be quadratic. Peak memory is the\n")
        f.write("largest resident size of the 100,000 run.\n\n")
        f.write("| catalog | 10,000 | 100,000 | ratio | peak memory |\n| --- | --- | --- | --- | --- |\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
