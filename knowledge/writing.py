"""The plain-text way of writing an article's body on the site, and back.

Partners write on the site in a text box, not in the admin's editor, so the body has a few plain conventions:
a blank line starts a new paragraph, "## " a heading (and "### " a smaller one), "- " a bullet and "1. " a
numbered item; "[tekst](https://…)" or a bare web address is a link, "**vet**" is bold. `to_blocks` turns that
into the article's body: each "## " heading a "Tussenkop" block (an h2 below the page's h1), the text between
them "Tekst" blocks of rich text (only h3, h4, p, ul, ol, li, a, b, br: what the admin's editor for that block
accepts too). `to_text` turns those blocks back into text, so an article can be edited again on the site after
the office touched it in the admin (what the format cannot hold, such as italics, is kept as plain text).
"""

import html
import re
from html.parser import HTMLParser

from wagtail.rich_text import expand_db_html

SAFE_URL = re.compile(r"^(https?://|mailto:|/)[^\s<>\"']*$", re.IGNORECASE)
INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<href>[^)\s]+)\)"  # [tekst](adres)
    r"|\*\*(?P<bold>[^*\n]+)\*\*"  # **vet**
    r"|(?P<url>https?://[^\s<>()\"']+[^\s<>()\"'.,;:!?])",  # a bare address, without closing punctuation
    re.IGNORECASE,
)
BULLET = re.compile(r"^[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
HEADING = re.compile(r"^##(?!#)\s*(.+)$")


def _link(href, label):
    return f'<a href="{html.escape(href)}">{html.escape(label)}</a>'


def _inline(text):
    """Escape a line and turn its links and bold parts into HTML."""
    out, pos = [], 0
    for match in INLINE.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        if match["label"]:
            safe = SAFE_URL.match(match["href"])
            out.append(_link(match["href"], match["label"]) if safe else html.escape(match[0]))
        elif match["bold"]:
            out.append(f"<b>{html.escape(match['bold'])}</b>")
        else:
            out.append(_link(match["url"], match["url"]))
        pos = match.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def to_html(text):
    """The rich text (Wagtail's stored HTML) for a body written in the site's plain-text format."""
    parts, paragraph, items, list_tag = [], [], [], None

    def end_paragraph():
        if paragraph:
            parts.append("<p>" + "<br/>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def end_list():
        nonlocal list_tag
        if items:
            parts.append(
                f"<{list_tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{list_tag}>"
            )
            items.clear()
        list_tag = None

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        if not line:
            end_paragraph()
            end_list()
        elif line.startswith("#"):
            end_paragraph()
            end_list()
            level = "h4" if line.startswith("####") else "h3"
            parts.append(f"<{level}>{_inline(line.lstrip('#').strip())}</{level}>")
        elif bullet or numbered:
            end_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                end_list()
                list_tag = tag
            items.append((bullet or numbered).group(1))
        else:
            end_list()
            paragraph.append(line)
    end_paragraph()
    end_list()
    return "".join(parts)


class _TextWriter(HTMLParser):
    """Writes stored rich text back in the plain-text format (see the module's docstring)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.lists, self.href, self.label = [], "", [], None, ""

    def _flush(self):
        if self.current.strip():
            self.blocks.append(self.current.strip())
        self.current = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("p", "h3", "h4", "h2", "h5", "h6"):
            self._flush()
            self.current = {"h2": "### ", "h3": "### "}.get(tag, "#### " if tag[0] == "h" else "")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            if self.current.strip():
                self.current += "\n"
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            self.current += "- " if kind[0] == "ul" else f"{kind[1]}. "
        elif tag == "br":
            self.current += "\n"
        elif tag in ("b", "strong"):
            self.current += "**"
        elif tag == "a":
            self.href, self.label = attrs.get("href") or "", ""

    def handle_endtag(self, tag):
        if tag in ("p", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._flush()
        elif tag in ("b", "strong"):
            self.current += "**"
        elif tag == "a" and self.href is not None:
            label = self.label.strip() or self.href
            self.current += self.href if label == self.href else f"[{label}]({self.href})"
            self.href = None

    def handle_data(self, data):
        if self.href is not None:
            self.label += data
        else:
            self.current += data

    def text(self):
        self.close()
        self._flush()
        return "\n\n".join(self.blocks)


def rich_text_to_text(rich_text):
    """The plain-text format for stored rich text (internal links become the pages' addresses)."""
    writer = _TextWriter()
    writer.feed(expand_db_html(str(rich_text or "")))
    return writer.text()


def to_blocks(text):
    """The body's blocks for a text: ("heading", title) for each "## " line, ("paragraph", html) between."""
    blocks, chunk = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        heading = HEADING.match(line.strip())
        if heading:
            if to_html("\n".join(chunk)):
                blocks.append(("paragraph", to_html("\n".join(chunk))))
            blocks.append(("heading", heading.group(1)))
            chunk = []
        else:
            chunk.append(line)
    if to_html("\n".join(chunk)):
        blocks.append(("paragraph", to_html("\n".join(chunk))))
    return blocks


def to_text(blocks):
    """The text for body blocks given as (block type, value): the inverse of `to_blocks`."""
    return "\n\n".join(
        f"## {value}" if kind == "heading" else rich_text_to_text(value) for kind, value in blocks
    )
