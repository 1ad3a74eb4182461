"""A document kind is one declaration: a module and a template, and every part of the program knows it."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from builders import build_workbook, document_row, sample
from pipeline.documents import REGISTRY, document_jobs
from pipeline.domain.plan import ReportForm
from pipeline.errors import InvalidWorkbook
from pipeline.generate import generate
from pipeline.render import default_templates_dir
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook

URGENT_REPORT = '''
"""Báo cáo đột xuất: where the plan stands, whenever a superior asks."""

from pipeline.documents import DocumentKind, register
from pipeline.documents.common import header_context


@register
class UrgentReport(DocumentKind):
    labels = ("Báo cáo đột xuất",)
    template = "bao-cao-dot-xuat.docx"
    output_name = "{unit}_bao-cao-dot-xuat-{year}"

    def context(self, plan, period, info):
        return {**header_context(plan.agency, info), "task_count": str(len(plan.tasks))}
'''


def load_kind(folder: Path, source: str, name: str = "urgent_report"):
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def templates(tmp_path) -> Path:
    """The default templates and one more, made as a clerk would in Word."""
    folder = tmp_path / "mau"
    shutil.copytree(default_templates_dir(), folder)
    doc = Document(default_templates_dir() / "phu-luc.docx")  # our styles, none of its content
    body = doc.element.body
    for child in list(body)[:-1]:  # all but the section properties
        body.remove(child)
    doc.add_paragraph("{{ issuer_lines[0] }}")
    doc.add_paragraph("BÁO CÁO ĐỘT XUẤT")
    doc.add_paragraph("Kế hoạch có {{ task_count }} nhiệm vụ.")
    doc.save(folder / "bao-cao-dot-xuat.docx")
    return folder


@pytest.fixture
def workbook(tmp_path) -> Path:
    sheets = sample()
    row = list(document_row(sheets, "Kế hoạch"))
    row[0] = "Báo cáo đột xuất"
    sheets[F.SHEET_DOCUMENTS].append(row)
    return build_workbook(tmp_path / "so.xlsx", sheets)


def test_a_label_no_kind_answers_to_is_refused(workbook):
    with pytest.raises(InvalidWorkbook) as refused:
        read_workbook(workbook)
    assert any("loại văn bản “Báo cáo đột xuất” không hợp lệ" in str(p) for p in refused.value.problems)


def test_a_new_kind_is_one_module_and_one_template(tmp_path, workbook, templates):
    with REGISTRY.trial():
        load_kind(tmp_path, URGENT_REPORT)
        assert "Báo cáo đột xuất" in REGISTRY.labels()
        result = generate(workbook, tmp_path / "out", templates=templates)
    names = sorted(p.name for p in result.written)
    assert names == ["xa-hai-dinh_bao-cao-dot-xuat-2024.docx", "xa-hai-dinh_bao-cao-quy-1-2024.docx",
                     "xa-hai-dinh_ke-hoach-2024.docx", "xa-hai-dinh_phu-luc-ke-hoach-2024.docx"]
    urgent = Document(next(p for p in result.written if "dot-xuat" in p.name))
    texts = [p.text for p in urgent.paragraphs]
    assert texts == ["ỦY BAN NHÂN DÂN", "BÁO CÁO ĐỘT XUẤT", f"Kế hoạch có {len(read_tasks(workbook))} nhiệm vụ."]
    assert "Báo cáo đột xuất" not in REGISTRY.labels()  # the trial registry is forgotten


def read_tasks(workbook: Path):
    with REGISTRY.trial():
        load_kind(workbook.parent, URGENT_REPORT, "urgent_again")
        return read_workbook(workbook).tasks


def test_a_kind_says_which_plans_it_applies_to(sample_workbook):
    plan = read_workbook(sample_workbook)
    made = [job.template for job in document_jobs(plan, 1)[0]]
    assert made == ["ke-hoach.docx", "phu-luc.docx", "bao-cao-quy.docx"]
    other_form = replace(plan, report_form=ReportForm.CCHC)
    assert [job.template for job in document_jobs(other_form, 1)[0]] == ["ke-hoach.docx", "phu-luc.docx",
                                                                          "bao-cao-cchc.docx"]


def test_every_template_the_program_uses_comes_from_the_registry():
    on_disk = {p.name for p in default_templates_dir().glob("*.docx")}
    assert set(REGISTRY.templates()) == on_disk
