"""Speed and memory of make-report, against baselines measured in the same run. Measures, never asserts.

    git worktree add ../truoc 470338a                   # main of before issue 21, once
    python benchmarks/run.py --baseline ../truoc        # the full run (half an hour on 2 cores)
    python benchmarks/run.py --baseline ../truoc --quick

Every figure is taken for this checkout ("now") and, with --baseline, for that checkout ("before")
on the same synthetic workbooks, the two runs alternating so a drift of the machine's speed hits
both; ratios are quoted, since a shared machine's absolute times move by a third. Prints:

1. whether both give byte-identical documents (the sample, synthetic communes, a roll-up);
2. a batch of N = 200 and 1 000 workbooks against the naive loop (benchmarks/naive.py: openpyxl,
   a fresh DocxTemplate per document, one process), the goal being 10 times faster; at 200, the
   same loop also on this checkout (today's documents, read by today's reader);
3. every commune of the country, N = 3 300, batch time (goal: 30 s);
4. the roll-up (`tong-hop`) of 200, 1 000 and 3 300 units (goal: 10 s for 1 000, memory flat);
with the peak memory of each run: the largest single process and the whole process tree;
5. one commune end to end against `python -c "import docxtpl, openpyxl"` (goal: 1.0x wall),
   the median of 15 paired runs;
and the machine's load average before and after each part.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_communes  # noqa: E402

SAMPLE = ROOT / "inputs" / "ke-hoach-cchc-2024.xlsx"
ISSUER = ["--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị", "--nguoi-ky", "Nguyễn Văn An"]
# A fresh process per measurement: its children's ru_maxrss is then that run's largest process.
LARGEST_RSS = [sys.executable, "-c", "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"]


class Checkout:
    """A version of make-report: `python -m pipeline` run from its folder imports its own code."""

    def __init__(self, name: str, root: Path, cache: Path):
        self.name, self.root, self.cache = name, root, cache

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "pipeline", *args]

    def env(self) -> dict:
        return {**os.environ, "MAKE_REPORT_CACHE": str(self.cache), "PYTHONPATH": str(self.root)}


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return "load ?"
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, from /proc (0 where /proc is missing)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measured(checkout: Checkout, *args: str) -> dict:
    """Wall seconds, the largest single process's max RSS and the process tree's sampled peak (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*LARGEST_RSS, *checkout.command(*args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=checkout.root, env=checkout.env())
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: a batch with a failed workbook still measures
        raise SystemExit(f"{checkout.name} {args} failed: {err.decode()[-2000:]}")
    # Outputs are kept until the whole run ends (about 1 GB): on ext4 without a journal, as here, an inode
    # freed in the last minute is skipped when a file is created (ext4's `recently_deleted`), so a run
    # right after the harness deleted 13,000 files paid for that cleanup (3.7 s more at 3 300 communes).
    return {"wall": wall, "largest": int(out.decode().split()[-1]) / 1024, "tree": peak[0] / 1024}


def paired(checkouts: list[Checkout], rounds: int, make_args) -> dict[str, list[dict]]:
    """`rounds` runs of each checkout, alternating; `make_args(checkout, round)` gives the arguments."""
    runs: dict[str, list[dict]] = {c.name: [] for c in checkouts}
    for i in range(rounds):
        for checkout in checkouts if i % 2 == 0 else checkouts[::-1]:
            runs[checkout.name].append(measured(checkout, *make_args(checkout, i)))
    return runs


def median(runs: list[dict], key: str = "wall") -> float:
    return statistics.median(r[key] for r in runs)


def naive(baseline: Checkout, folder: Path, out: Path) -> float:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(folder), str(out)],
                            cwd=baseline.root, env=baseline.env(), capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def same_tree(a: Path, b: Path) -> tuple[bool, int]:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    same = files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)
    return same, len(files_a)


def single_commune(checkouts: list[Checkout], out: Path, rounds: int) -> dict:
    """Alternating runs of the floor and of each checkout on one commune: wall and CPU seconds."""
    floor = Checkout("floor", ROOT, out)
    floor_cmd = [sys.executable, "-c", "import docxtpl, openpyxl"]

    def timed(cmd, checkout):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=checkout.root,
                       env=checkout.env())
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter() - start, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

    commands = {c.name: (c.command(str(SAMPLE), "--out", str(out / c.name)), c) for c in checkouts}
    for cmd, checkout in commands.values():
        timed(cmd, checkout)  # warm: the compiled-template cache and the OS file cache
    times: dict[str, list[tuple[float, float]]] = {"floor": [], **{name: [] for name in commands}}
    for _ in range(rounds):
        times["floor"].append(timed(floor_cmd, floor))
        for name, (cmd, checkout) in commands.items():
            times[name].append(timed(cmd, checkout))
    result = {"floor": times["floor"]}
    for name in commands:
        result[name] = times[name]
        result[name + "/floor wall"] = [o[0] / f[0] for o, f in zip(times[name], times["floor"])]
        result[name + "/floor cpu"] = [o[1] / f[1] for o, f in zip(times[name], times["floor"])]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of main before issue 21 (git worktree add)")
    parser.add_argument("--quick", action="store_true", help="small N, to try the script")
    args = parser.parse_args()
    n_small, n_large, n_country = (20, 60, 120) if args.quick else (200, 1000, 3300)
    rounds, single_rounds = (1, 5) if args.quick else (3, 15)

    for root in [ROOT] + ([args.baseline] if args.baseline else []):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(root) / "pipeline")], check=True)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; {load()} at the start")

    with tempfile.TemporaryDirectory(prefix="make-report-bench-") as tmp_name:
        tmp = Path(tmp_name)
        now = Checkout("now", ROOT, tmp / "cache-now")
        checkouts = [now]
        if args.baseline:
            checkouts.append(Checkout("before", args.baseline.resolve(), tmp / "cache-before"))
        names = [c.name for c in checkouts]
        start = time.perf_counter()
        country = write_communes(tmp / "country", n_country)
        folders = {}
        for n in (n_small, n_large):
            folders[n] = tmp / f"communes-{n}"
            folders[n].mkdir()
            for path in country[:n]:
                os.link(path, folders[n] / path.name)
        print(f"Generated {n_country} synthetic commune workbooks (10–40 tasks, 4 quarters) in "
              f"{time.perf_counter() - start:.0f} s")
        for checkout in checkouts:  # warm each compiled-template cache
            measured(checkout, str(SAMPLE), "--out", str(tmp / "warm" / checkout.name))

        print(f"\n1. Same documents? ({load()})")
        if args.baseline:
            for label, arguments in (("the sample", [str(SAMPLE)]),
                                     (f"{n_small} synthetic communes", ["--input-dir", str(folders[n_small])]),
                                     (f"roll-up of {n_small}", ["tong-hop", "--input-dir", str(folders[n_small]),
                                                                *ISSUER])):
                for checkout in checkouts:
                    measured(checkout, *arguments, "--out", str(tmp / "same" / label / checkout.name))
                same, count = same_tree(*(tmp / "same" / label / c.name for c in checkouts))
                print(f"   {label}: {'byte-identical' if same else 'DIFFERENT'} ({count} files)")
        else:
            print("   (no --baseline: nothing to compare with)")

        print(f"\n2. Batch against the naive loop ({load()})")
        reader = checkouts[-1]
        for n in (n_small, n_large):
            runs = paired(checkouts, rounds if n == n_small else 1,
                          lambda c, i, n=n: ["--input-dir", str(folders[n]), "--out", str(tmp / f"b{n}-{c.name}-{i}"),
                                             "--quiet"])
            naive_runs = [naive(reader, folders[n], tmp / f"naive-{n}-{i}") for i in range(2 if n == n_small else 1)]
            slow = statistics.median(naive_runs)
            print(f"   N = {n:5d}: naive loop ({reader.name}'s reader, openpyxl) {slow:6.1f} s (runs: "
                  + ", ".join(f"{r:.1f}" for r in naive_runs) + ")")
            if reader is not now and n == n_small:  # the same loop making today's documents (CCHC report)
                today = naive(now, folders[n], tmp / f"naive-today-{n}")
                print(f"            naive loop on today's documents and reader: {today:6.1f} s, now is "
                      f"{today / median(runs['now']):.1f}x faster")
            for name in names:
                print(f"            {name:6s}: {median(runs[name]):6.2f} s, {slow / median(runs[name]):5.1f}x faster "
                      f"than naive; largest process {max(r['largest'] for r in runs[name]):.0f} MB, "
                      f"tree {max(r['tree'] for r in runs[name]):.0f} MB (runs: "
                      + ", ".join(f"{r['wall']:.2f}" for r in runs[name]) + ")")
            print(f"            ({load()})")

        print(f"\n3. Every commune of the country, N = {n_country} ({load()})")
        runs = paired(checkouts, 1, lambda c, i: ["--input-dir", str(tmp / "country"),
                                                  "--out", str(tmp / f"country-{c.name}"), "--quiet"])
        for name in names:
            r = runs[name][0]
            print(f"   {name:6s}: {r['wall']:6.1f} s; largest process {r['largest']:.0f} MB, tree {r['tree']:.0f} MB")
        if args.baseline:
            print(f"   now/before: {runs['now'][0]['wall'] / runs['before'][0]['wall']:.2f}")
        print(f"   ({load()})")

        print(f"\n4. Roll-up (tong-hop) ({load()})")
        folders[n_country] = tmp / "country"
        for n in (n_small, n_large, n_country):   # the country's: how memory grows with the units
            runs = paired(checkouts, 1, lambda c, i, n=n: ["tong-hop", "--input-dir", str(folders[n]), *ISSUER,
                                                           "--out", str(tmp / f"r{n}-{c.name}")])
            for name in names:
                r = runs[name][0]
                print(f"   N = {n:5d} {name:6s}: {r['wall']:6.1f} s; largest process {r['largest']:.0f} MB, "
                      f"tree {r['tree']:.0f} MB")
        print(f"   ({load()})")

        print(f"\n5. One commune end to end, {single_rounds} rounds of floor and each checkout in turn ({load()})")
        s = single_commune(checkouts, tmp / "single", single_rounds)
        floor_wall, floor_cpu = (statistics.median(t[i] for t in s["floor"]) for i in (0, 1))
        print(f"   python -c 'import docxtpl, openpyxl': wall {floor_wall:.3f} s, cpu {floor_cpu:.3f} s")
        for name in names:
            wall, cpu = (statistics.median(t[i] for t in s[name]) for i in (0, 1))
            print(f"   {name:6s} make-report {SAMPLE.name}: wall {wall:.3f} s, cpu {cpu:.3f} s; ratio to the floor, "
                  f"median of pairs: wall {statistics.median(s[name + '/floor wall']):.2f}x, "
                  f"cpu {statistics.median(s[name + '/floor cpu']):.2f}x")
        print(f"\nTotal benchmark time: {time.perf_counter() - start:.0f} s ({load()} at the end)")


if __name__ == "__main__":
    main()
