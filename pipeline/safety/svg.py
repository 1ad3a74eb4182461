"""SVG pictures: what in one makes its reader fetch a file or a web page.

LibreOffice draws an SVG picture of a document with the pictures the SVG refers to, and puts
them in the PDF: an `<image xlink:href="file:///…">` in a template's picture printed a local file
into every PDF (`--pdf`). A picture may refer to its own parts (`#gradient`) and hold small
pictures inline (`data:image/png;base64,…`); anything else reaches outside the file.
"""

from __future__ import annotations

import re

NAMESPACES = ("http://www.w3.org/2000/svg ", "http://www.w3.org/1999/xhtml ")
"""Elements of an SVG picture (and of HTML inside one), as expat names them (`uri local`)."""

_INLINE = re.compile(r"(?i)\s*(#|data:image/(png|jpe?g|gif|bmp|webp)[;,])")
_WEB_OR_MAIL = re.compile(r"(?i)\s*(https?://|mailto:)")
_CSS_REFERENCE = re.compile(r"(?i)url\(\s*['\"]?(?!\s*#)[^)]*\)?|@import\b[^;]*")


def outside_reference(name: str, attrs: dict) -> str | None:
    """The first `href`, `src` or CSS `url(…)` among an SVG element's attributes that reaches outside.

    A link (`<a href="https://…">`) to a web page or an e-mail address fetches nothing by itself.
    """
    link = name.endswith(" a")
    for key, value in attrs.items():
        local = key.rpartition(" ")[2]
        if local in ("href", "src") and value.strip() and not _INLINE.match(value):
            if not (link and _WEB_OR_MAIL.match(value)):
                return value
        if local == "style" and (found := outside_in_style(value)):
            return found
    return None


def outside_in_style(css: str) -> str | None:
    """A CSS `url(…)` that is not a fragment of the picture, or an `@import`."""
    m = _CSS_REFERENCE.search(css)
    return m.group(0) if m and not _INLINE.match(m.group(0)[4:].strip(" '\"")) else None
