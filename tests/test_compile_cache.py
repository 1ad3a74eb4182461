"""The compiled-template cache changes speed only: same bytes, and a bad entry is compiled again."""

from pipeline.documents import document_jobs
from pipeline.domain.period import quarter
from pipeline.output import docx_bytes
from pipeline.render import CompileCache, CompiledTemplate, default_templates_dir
from pipeline.workbook.reader import read_workbook


def render_plan_bytes(workbook, cache) -> bytes:
    plan = read_workbook(workbook)
    job = document_jobs(plan, quarter(plan.year, 1))[0][0]
    return docx_bytes(CompiledTemplate(default_templates_dir() / job.template, cache).render(job))


def test_a_cached_template_renders_the_same_bytes(sample_workbook, tmp_path):
    cache = CompileCache(tmp_path / "cache")
    first = render_plan_bytes(sample_workbook, cache)
    entries = list((tmp_path / "cache").glob("*.bin"))
    assert entries  # the compiled parts were stored
    assert render_plan_bytes(sample_workbook, cache) == first
    assert render_plan_bytes(sample_workbook, CompileCache(None)) == first


def test_a_damaged_cache_entry_is_compiled_again(sample_workbook, tmp_path):
    cache = CompileCache(tmp_path / "cache")
    first = render_plan_bytes(sample_workbook, cache)
    for entry in (tmp_path / "cache").glob("*.bin"):
        entry.write_bytes(b"not marshal data")
    assert render_plan_bytes(sample_workbook, cache) == first


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("MAKE_REPORT_NO_CACHE", "1")
    assert CompileCache.default().folder is None
