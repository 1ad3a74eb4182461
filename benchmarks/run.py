"""Speed and memory of make-report, measured against baselines in the same run. Measures, never asserts.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # smaller N, to try the script

Prints:
1. batch time for N workbooks (3 documents each) against a naive baseline on the same templates
   and data: a fresh DocxTemplate per document, rendered and saved, in one process;
2. one commune end to end (`make-report` as a process) against `python -c "import docxtpl, openpyxl"`,
   the floor of any Python implementation (medians of alternating runs, wall and CPU time);
3. peak memory of a batch for N = 200 and N = 1,000: the largest single process (getrusage) and
   the whole process tree (sampled from /proc on Linux);
4. time per document as the tasks of one plan grow (10, 100, 1,000, 5,000).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
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

from synthetic import commune_sheets, write_communes  # noqa: E402

MAKE_REPORT = [shutil.which("make-report")] if shutil.which("make-report") else [sys.executable, "-m", "pipeline"]
# A fresh process per measurement: its children's ru_maxrss is then that run's largest process.
LARGEST_RSS = [sys.executable, "-c", "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"]


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


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, the largest single process's max RSS (MB) and the whole tree's sampled peak (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*LARGEST_RSS, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "MAKE_REPORT_QUIET_STDOUT": "1"})
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
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {err.decode()[-2000:]}")
    largest_kb = int(out.decode().split()[-1])
    return wall, largest_kb / 1024, peak[0] / 1024


def naive_baseline(workbooks: list[Path], out: Path) -> float:
    """The straightforward way: a fresh DocxTemplate per document, rendered and saved, one process."""
    from docxtpl import DocxTemplate

    from pipeline.documents import choose_period, document_jobs
    from pipeline.render import _jinja_env, default_templates_dir
    from pipeline.workbook.reader import read_workbook

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, workbook in enumerate(workbooks):
        plan = read_workbook(workbook)
        jobs, _ = document_jobs(plan, choose_period(plan, None))
        for job in jobs:
            template = DocxTemplate(default_templates_dir() / job.template)
            template.render(job.context, jinja_env=_jinja_env(), autoescape=True)
            template.save(out / f"{i}-{job.name}.docx")
    return time.perf_counter() - start


def batch(folder: Path, out: Path) -> tuple[float, float, float]:
    return run_measured([*MAKE_REPORT, "--input-dir", str(folder), "--out", str(out), "--quiet"])


def single_commune(workbook: Path, out: Path, rounds: int) -> dict:
    """Alternating runs of the floor and of make-report on one commune; medians of wall and CPU time."""
    floor_cmd = [sys.executable, "-c", "import docxtpl, openpyxl"]
    ours_cmd = [*MAKE_REPORT, str(workbook), "--out", str(out)]

    def timed(cmd):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter() - start, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

    timed(ours_cmd)  # warm: the compiled-template cache and the OS file cache
    floor, ours = [], []
    for _ in range(rounds):
        floor.append(timed(floor_cmd))
        ours.append(timed(ours_cmd))
    return {
        "floor_wall": statistics.median(f[0] for f in floor), "ours_wall": statistics.median(o[0] for o in ours),
        "floor_cpu": statistics.median(f[1] for f in floor), "ours_cpu": statistics.median(o[1] for o in ours),
    }


def scaling(sizes: list[int], tmp: Path) -> list[tuple[int, float]]:
    """Seconds per document (read + context + render + zip, in process) for one plan of n tasks."""
    from pipeline.generate import render_workbook
    from pipeline.workbook.new import write_workbook
    from pipeline.render import TemplateSet, default_templates_dir

    templates = TemplateSet(default_templates_dir())
    render_workbook(write_workbook(tmp / "warm.xlsx", commune_sheets(0, 10)), None, templates)
    rows = []
    for n in sizes:
        workbook = write_workbook(tmp / f"tasks-{n}.xlsx", commune_sheets(1, n))
        start = time.perf_counter()
        run = render_workbook(workbook, None, templates)
        rows.append((n, (time.perf_counter() - start) / len(run.files)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N, to try the script quickly")
    args = parser.parse_args()
    n_batch, n_large = (20, 60) if args.quick else (200, 1000)
    if args.quick:
        print("--quick: small N, where start-up dominates; the floors apply to the full run.")
    sizes = [10, 100, 500] if args.quick else [10, 100, 1000, 5000]
    rounds = 5 if args.quick else 15

    # An installed package has its bytecode compiled; an editable checkout may not (and
    # PYTHONDONTWRITEBYTECODE may forbid writing it), so compile it once, as pip install would.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
    env_note = "PYTHONDONTWRITEBYTECODE=1" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()} {env_note}".rstrip())

    with tempfile.TemporaryDirectory(prefix="make-report-bench-") as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        large = write_communes(tmp / "communes", n_large)
        small_dir = tmp / f"communes-{n_batch}"
        small_dir.mkdir()
        for path in large[:n_batch]:
            shutil.copy(path, small_dir / path.name)
        print(f"Generated {n_large} synthetic commune workbooks (10–40 tasks, 4 quarters) in "
              f"{time.perf_counter() - start:.1f} s")

        # This machine's timings vary by a third from run to run: both sides are repeated,
        # interleaved, and their medians compared.
        ours_runs, naive_runs = [], []
        for i in range(3):
            ours_runs.append(batch(small_dir, tmp / f"out-batch-{i}"))
            if i < 2:
                naive_runs.append(naive_baseline(sorted(small_dir.glob("*.xlsx")), tmp / f"out-naive-{i}"))
        wall = statistics.median(r[0] for r in ours_runs)
        largest, tree = max(r[1] for r in ours_runs), max(r[2] for r in ours_runs)
        naive = statistics.median(naive_runs)
        print(f"\n1. Batch of N = {n_batch} workbooks ({3 * n_batch} documents), medians of 3 and 2 runs")
        print(f"   make-report --input-dir (all cores): {wall:7.2f} s   (runs: "
              + ", ".join(f"{r[0]:.2f}" for r in ours_runs) + ")")
        print(f"   naive baseline (DocxTemplate per document, one process): {naive:7.2f} s   (runs: "
              + ", ".join(f"{r:.2f}" for r in naive_runs) + ")")
        print(f"   ratio naive / make-report: {naive / wall:.1f}x   (floor: at least 5x)")

        sample = ROOT / "inputs" / "ke-hoach-cchc-2024.xlsx"
        s = single_commune(sample, tmp / "out-single", rounds)
        print(f"\n2. One commune end to end, median of {rounds} alternating runs")
        print(f"   python -c 'import docxtpl, openpyxl': wall {s['floor_wall']:.3f} s, cpu {s['floor_cpu']:.3f} s")
        print(f"   make-report {sample.name}:       wall {s['ours_wall']:.3f} s, cpu {s['ours_cpu']:.3f} s")
        print(f"   ratio: wall {s['ours_wall'] / s['floor_wall']:.2f}x, cpu {s['ours_cpu'] / s['floor_cpu']:.2f}x"
              "   (floor: within 1.5x)")

        wall_large, largest_large, tree_large = batch(tmp / "communes", tmp / "out-large")
        print("\n3. Peak memory of a batch (largest single process / whole process tree)")
        print(f"   N = {n_batch:5d}: {largest:6.1f} MB / {tree:6.1f} MB   ({wall:.1f} s)")
        print(f"   N = {n_large:5d}: {largest_large:6.1f} MB / {tree_large:6.1f} MB   ({wall_large:.1f} s)"
              "   (floor: under 250 MB, not growing with N)")

        print("\n4. Time per document as one plan's tasks grow (read + context + render + zip)")
        rows = scaling(sizes, tmp)
        base_n, base_t = rows[1]
        for n, per_doc in rows:
            print(f"   {n:5d} tasks: {per_doc * 1000:8.1f} ms per document, "
                  f"{per_doc / n * 1e6:7.1f} µs per task per document "
                  f"({(per_doc / n) / (base_t / base_n):.2f}x the per-task cost at {base_n} tasks)")
        print(f"\nTotal benchmark time: {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
