"""The report page as a browser's parser sees it, and the check that nothing on it
runs or is fetched (shared by the report's tests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Page(HTMLParser):
    """The page as a browser's parser sees it: its elements, their attributes, its text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    def all_text(self) -> str:
        return "".join(self.text)


def no_active_content(text: str, page: Page) -> None:
    """Nothing runs and nothing is fetched: no script, no handler, no external reference."""
    assert not page.names() & {"script", "img", "iframe", "object", "embed", "link", "base", "meta"} - {
        "meta"
    }
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("src", "href", "xlink:href", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    # The only URLs on the page are SVG namespace names, which nothing fetches.
    urls = re.findall(r'(\S{0,12})(https?://[^\s"\'<>)]*)', text)
    assert {u for _, u in urls} <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
    assert all(before.startswith("xmlns") for before, _ in urls), urls
    assert "@import" not in text and "url(" not in text
