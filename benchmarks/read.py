"""CPU time of reading workbooks (`read_workbook`), this checkout against others, in alternating rounds.

    python benchmarks/read.py --against /work/main [--workbooks DIR] [--rounds 3]

The machine is shared: each round runs every checkout once, one after the other, in its own
process (which imports that checkout's `pipeline`), and reports CPU time (not wall time) per
workbook; the best round of each checkout and their ratio are printed. Without `--workbooks`,
100 synthetic commune workbooks are written to a temporary folder first.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_MEASURE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from pipeline.workbook.reader import read_workbook
books = sorted(Path(sys.argv[2]).glob("*.xlsx"))
for book in books[:3]:
    read_workbook(book)
start = time.process_time()
for book in books:
    read_workbook(book)
print((time.process_time() - start) / len(books) * 1000)
"""


def cpu_ms_per_workbook(checkout: Path, folder: Path) -> float:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(checkout), str(folder)],
                          capture_output=True, text=True, check=True, cwd=checkout)
    return float(done.stdout.strip())


def write_synthetic(folder: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_communes

    write_communes(folder, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, action="append", default=[], help="another checkout (repeatable)")
    parser.add_argument("--workbooks", type=Path, help="a folder of .xlsx files (default: 100 synthetic ones)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    checkouts = [ROOT, *args.against]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workbooks
        if folder is None:
            folder = Path(tmp)
            write_synthetic(folder, 100)
        runs: dict[Path, list[float]] = {c: [] for c in checkouts}
        for _ in range(args.rounds):
            for checkout in checkouts:
                runs[checkout].append(cpu_ms_per_workbook(checkout, folder))
    best = {c: min(r) for c, r in runs.items()}
    for checkout, times in runs.items():
        ratio = best[checkout] / best[ROOT]
        print(f"{checkout}: best {best[checkout]:.2f} ms CPU per workbook "
              f"({' '.join(f'{t:.2f}' for t in times)}), {ratio:.2f}x this checkout")


if __name__ == "__main__":
    main()
