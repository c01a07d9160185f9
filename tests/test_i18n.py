"""Every interface string in the templates has a Chinese translation in the catalogue."""

import re

from app.config import settings
from app.i18n import translations

STRING = re.compile(r"""_\((?:"([^"]+)"|'([^']+)')\)""")


def test_every_template_string_is_translated_to_chinese():
    zh = translations("zh")
    missing = []
    for template in sorted(settings.templates_dir.glob("*.html")):
        for match in STRING.finditer(template.read_text(encoding="utf-8")):
            text = match.group(1) or match.group(2)
            if zh.gettext(text) == text and text not in ("DOI",):
                missing.append(f"{template.name}: {text}")
    assert not missing, missing
