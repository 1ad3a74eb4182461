"""The appendix table is rendered once for the plan and the appendix, and prints as rendering whole would."""

from __future__ import annotations

from dataclasses import replace

from pipeline.documents import choose_period, document_jobs
from pipeline.render import TemplateSet, default_templates_dir, tables
from pipeline.render.columns import fit_marked
from pipeline.render.tables import split_shared_tables
from pipeline.workbook.reader import read_workbook

LOOP = "<w:tbl><w:tr>{% for r in rows %}<w:tc>{{ r.x }}</w:tc>{% endfor %}</w:tr></w:tbl>"


def test_a_table_outside_any_block_is_split_off():
    source, shared = split_shared_tables("<w:p>{{ a }}</w:p>" + LOOP + "<w:p/>")
    assert [table for _, table in shared] == [LOOP]
    assert source == "<w:p>{{ a }}</w:p>{{ shared_table('" + shared[0][0] + "') }}<w:p/>"


def test_tables_inside_a_block_binding_names_or_without_tags_stay():
    for source in ("{% if a %}" + LOOP + "{% endif %}", "{% set x = 1 %}" + LOOP, "<w:tbl><w:tr/></w:tbl>",
                   "<w:tbl>{% if a %}</w:tbl>{% endif %}"):
        assert split_shared_tables(source) == (source, [])


def test_only_the_outer_of_nested_tables_is_split_off():
    nested = "<w:tbl><w:tc><w:tbl>{{ a }}</w:tbl></w:tc></w:tbl>"
    assert [table for _, table in split_shared_tables(nested + LOOP)[1]] == [nested, LOOP]


def jobs_of(path):
    plan = read_workbook(path)
    jobs, _ = document_jobs(plan, choose_period(plan, None))
    return {job.template: job for job in jobs}


def test_the_appendix_reuses_the_plans_table(sample_workbook):
    # Without the column widths and row breaks a document applies after rendering, the remembered table
    # is in the output as it was rendered (tests/test_appendix_layout.py tests both).
    jobs = {template: replace(job, column_widths={}, rows_that_may_break={})
            for template, job in jobs_of(sample_workbook).items()}
    templates = TemplateSet(default_templates_dir())
    tables._REMEMBERED.clear()
    tables._MISSED.clear()
    try:
        plan = templates.render(jobs["ke-hoach.docx"]).part("word/document.xml")
        [(key, table_xml)] = [(k, xml) for k, xml in tables._REMEMBERED.items() if b"rows" in k[1]]
        # the table's cell widths are marks (render/cells.py) until the document's widths replace them
        marked = templates.get("ke-hoach.docx")._marked
        assert type(table_xml) is bytes   # our templates render to UTF-8 (render/trusted.py)
        assert fit_marked(table_xml.replace(b"\n<w:p", b"<w:p"), marked, {}, {}) in plan
        assert table_xml.count(b"<w:tr>") > len(jobs["ke-hoach.docx"].context["rows"])
        tables._REMEMBERED[key] = table_xml.replace(b"</w:tbl>", b"<!-- remembered --></w:tbl>")
        remembered = len(tables._REMEMBERED)
        appendix = templates.render(jobs["phu-luc.docx"]).part("word/document.xml")
        assert b"<!-- remembered -->" in appendix and len(tables._REMEMBERED) == remembered
    finally:
        tables._REMEMBERED.clear()


def test_documents_are_the_bytes_of_rendering_each_part_whole(sample_workbook, monkeypatch):
    monkeypatch.setenv("MAKE_REPORT_NO_CACHE", "1")
    split = TemplateSet(default_templates_dir())
    monkeypatch.setattr(tables, "split_shared_tables", lambda source: (source, []))
    whole = TemplateSet(default_templates_dir())
    for job in jobs_of(sample_workbook).values():
        assert split.render(job).part("word/document.xml") == whole.render(job).part("word/document.xml")


def test_a_users_copy_of_our_templates_renders_whole_even_with_ours_cached(sample_workbook, tmp_path, monkeypatch):
    """The cache tells the two compilations of the same bytes apart: a user's template is bounded
    value by value, and a whole table as one value would be refused."""
    import shutil

    monkeypatch.setenv("MAKE_REPORT_CACHE", str(tmp_path / "cache"))
    job = jobs_of(sample_workbook)["phu-luc.docx"]
    TemplateSet(default_templates_dir()).render(job)
    copy = tmp_path / "mau"
    shutil.copytree(default_templates_dir(), copy)
    tables._REMEMBERED.clear()
    TemplateSet(copy).render(job)
    assert not tables._REMEMBERED



def _round(jobs: dict, number: int) -> list:
    """The jobs with values of their own (as the next commune's would be): the plan's rows changed
    alike in the plan and its appendix, so that the appendix still finds them remembered."""
    varied = []
    for job in jobs.values():
        context = dict(job.context)
        context["recipients"] = [*context.get("recipients", []), f"- Vòng {number}."]
        context["rows"] = [*context["rows"][:-1], {**context["rows"][-1], "note": f"vòng {number}"}]
        varied.append(replace(job, context=context))
    return varied


def test_a_table_never_found_remembered_is_only_rendered(sample_workbook, monkeypatch):
    """The report's own tables are fingerprinted eight times, then only rendered; the plan's table,
    which its appendix finds remembered, goes on being remembered; the documents print the same."""
    jobs = jobs_of(sample_workbook)
    templates = TemplateSet(default_templates_dir())
    fingerprinted: list[tuple] = []
    fingerprint = tables._fingerprint
    monkeypatch.setattr(tables, "_fingerprint", lambda values: fingerprinted.append(values) or fingerprint(values))
    monkeypatch.setattr(tables, "_REMEMBERED", type(tables._REMEMBERED)())
    monkeypatch.setattr(tables, "_MISSED", {})
    printed = []
    for number in range(tables._GIVE_UP_AFTER + 2):
        fingerprinted.clear()
        printed.append([templates.render(job).part("word/document.xml") for job in _round(jobs, number)])
    plan_rows = [jobs["ke-hoach.docx"].context["rows"][:-1], jobs["phu-luc.docx"].context["rows"][:-1]]
    assert [values[0][1][:-1] for values in fingerprinted] == plan_rows   # the plan's table alone, twice
    assert min(tables._MISSED.values()) == 0 and max(tables._MISSED.values()) == tables._GIVE_UP_AFTER

    monkeypatch.setattr(tables, "_GIVE_UP_AFTER", 0)   # nothing remembered: each table rendered
    assert printed == [[templates.render(job).part("word/document.xml") for job in _round(jobs, number)]
                       for number in range(len(printed))]
