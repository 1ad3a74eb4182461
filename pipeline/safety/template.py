"""What a Word package must not carry into documents sent to other offices, and what of it is kept.

A template mailed around ("the new template from the district") is copied into every generated
document. `pipeline.safety.reader` reads it as Word does and lists what reaches outside the file
(external links, altChunk, OLE and ActiveX, fields off the allow list); `pipeline.safety.members`
keeps only the parts a Word package holds, each once, with clean names. A template is refused
for the first thing found; `check` reports them all.
"""

from __future__ import annotations

import zipfile

from .members import package_members
from .reader import UnsafeContent, unsafe_content, xml_parts

__all__ = ["UnsafeContent", "unsafe_content", "template_members", "outside_content_problem", "refuse_written_outside"]

MAX_TEMPLATE_PART_BYTES = 40 * 1024 * 1024
"""A template's largest XML part (the body) is well under 1 MB; `check` reads no part over 40 MB."""


def template_members(path, zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The template's members to copy into documents; TemplateProblem for a template to refuse.

    Refused: a zip or entity bomb, an XML part over MAX_TEMPLATE_PART_BYTES, a bad or repeated
    member name, anything that reaches outside the file.
    """
    from ..errors import TemplateProblem
    from .package import UnsafePackage, inspect_package

    try:
        inspect_package(zf, worksheet_prefix=None)
        _refuse_big_parts(zf)
        members = package_members(zf)
        found = unsafe_content(zf)
    except UnsafePackage as exc:
        raise TemplateProblem(path, f"mẫu bị từ chối: {exc.message}", hint=exc.hint) from exc
    if found:
        raise outside_content_problem(path, found)
    return members


def outside_content_problem(path, found: list[UnsafeContent], rendered: bool = False):
    """The TemplateProblem refusing a template that carries (or, `rendered`, writes) `found`."""
    from ..errors import TemplateProblem

    more = f" (và {len(found) - 1} chỗ khác)" if len(found) > 1 else ""
    carries = "mẫu tạo ra trong văn bản" if rendered else "mẫu chứa"
    return TemplateProblem(
        path, f"{carries} {found[0]}{more}; mẫu như vậy bị từ chối vì làm văn bản gửi đi tự lấy nội dung "
              "hoặc gửi thông tin ra ngoài",
        hint=("xóa thẻ tạo ra XML thô ({{ …|safe }}, {% autoescape false %}) khỏi mẫu; thẻ mẫu chỉ được điền chữ"
              if rendered else
              "mở mẫu trong Word, xóa liên kết, hình liên kết, đối tượng nhúng hoặc trường đó "
              "(Alt+F9 để thấy mã trường; mẫu đính kèm: Developer > Document Template, xóa đường dẫn) "
              "rồi lưu lại; hoặc dùng mẫu kèm chương trình"),
    )


def refuse_written_outside(path, part: str, data: bytes) -> None:
    """What a user's template wrote, read as the template itself was: `{{ '<w:instrText>…'|safe }}`
    or `{% autoescape false %}` write XML that no reading of the template's text can see."""
    from ..errors import TemplateProblem
    from .package import UnsafePackage
    from .reader import unsafe_in_part

    try:
        found = unsafe_in_part(part, data)
    except UnsafePackage as exc:
        raise TemplateProblem(path, f"mẫu tạo ra XML không được phép ({part}): {exc.message}",
                              hint="xóa thẻ tạo ra XML thô ({{ …|safe }}, {% autoescape false %}) khỏi mẫu") from None
    if found:
        raise outside_content_problem(path, found, rendered=True)


def _refuse_big_parts(zf: zipfile.ZipFile) -> None:
    from .package import UnsafePackage

    for info in xml_parts(zf):
        if info.file_size > MAX_TEMPLATE_PART_BYTES:
            raise UnsafePackage(f"phần {info.filename} quá lớn ({info.file_size // (1024 * 1024)} MB) so với "
                                "một mẫu thật", "hãy dùng mẫu gốc hoặc mẫu kèm chương trình")
