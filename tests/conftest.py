import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import build_workbook, sample  # noqa: E402

# The compiled-template cache of the test run, away from the user's own; removed when the run ends
# (each run left one in the temporary folder: 614 of them on this machine).
_CACHE = tempfile.mkdtemp(prefix="make-report-cache-")
os.environ["MAKE_REPORT_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


SLOW = (
    "test_pdf.py", "test_signature_pages.py", "test_installable.py", "test_check_hostile.py",
    "test_hostile_outputs.py", "test_header_names.py::test_on_the_page",
    "test_bad_workbooks.py::test_five_thousand_tasks", "test_hostile_templates.py::test_a_template_that_fails_while",
)
"""Tests that convert with LibreOffice, build packages or chew on huge inputs: most of the suite's time."""


def pytest_collection_modifyitems(items):
    for item in items:
        if any(part in item.nodeid for part in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def sample_workbook(tmp_path) -> Path:
    return build_workbook(tmp_path / "so.xlsx", sample())


@pytest.fixture
def user_templates(tmp_path) -> Path:
    """A copy of the bundled templates, as a user's own `--templates` folder to edit."""
    import shutil

    from pipeline.render import default_templates_dir

    folder = tmp_path / "mau"
    shutil.copytree(default_templates_dir(), folder)
    return folder


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory) -> dict[str, Path]:
    """The sample workbook's documents, generated once for the formatting tests."""
    from pipeline.generate import generate

    tmp = tmp_path_factory.mktemp("sample")
    result = generate(build_workbook(tmp / "so.xlsx", sample()), tmp / "out")
    return {kind: next(p for p in result.written if kind in p.name)
            for kind in ("_ke-hoach-", "_phu-luc-", "_bao-cao-")}


@pytest.fixture(autouse=True)
def generated_documents_are_valid_ooxml(request):
    """Every document a test generates into its tmp_path must open in Word without repair (issue 8)."""
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is None:
        return
    from ooxml_validation import BROKEN_ON_PURPOSE

    if request.node.get_closest_marker("broken_documents"):
        BROKEN_ON_PURPOSE.add(folder.resolve())
        return
    from ooxml_validation import LARGEST_CHECKED_BODY, assert_unchecked_documents_valid

    assert_unchecked_documents_valid(folder, LARGEST_CHECKED_BODY)


@pytest.fixture(scope="session", autouse=True)
def shared_fixtures_documents_are_valid_ooxml(tmp_path_factory):
    """The same for documents of module and session fixtures (tmp_path_factory), at the session's end."""
    yield
    from ooxml_validation import LARGEST_CHECKED_BODY, assert_unchecked_documents_valid

    assert_unchecked_documents_valid(tmp_path_factory.getbasetemp(), LARGEST_CHECKED_BODY)
