"""Parse HTML pages with Python's own parser and print what they hold as JSON.

Usage: html_check.py PAGE...

Per page: every tag and attribute name used, script elements (and their `src`),
event-handler and `style` attributes, every `href`, every `id` (duplicates), and
per table row (`tr[data-codes]`) its set section's id, its data attributes, the text of its `<code id>`
elements with their ids, and its visible text (`<br>` read as a line break).
Entities are decoded, so values are the texts a browser shows.
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "input", "link", "img", "hr", "wbr", "source", "area", "base", "col", "embed", "param", "track"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.attributes = set()
        self.scripts = []
        self.events = []
        self.hrefs = []
        self.ids = []
        self.rows = []
        self.texts = []
        self.stack = []
        self.row = None
        self.code = None
        self.in_script = False
        self.set = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        a = dict(attrs)
        for name, value in attrs:
            self.attributes.add(name)
            if name.startswith("on") or name in ("style", "src", "srcdoc", "formaction"):
                self.events.append(f"{tag} {name}={value}")
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self.scripts.append(a.get("src"))
            self.in_script = True
        if tag == "section" and a.get("class") == "set":
            self.set = a.get("id")
        if tag == "tr" and "data-codes" in a:
            self.row = {"set": self.set, "codes": a["data-codes"], "texts": a.get("data-texts", ""), "code_ids": [], "code_texts": [], "text": ""}
            self.rows.append(self.row)
        if tag == "code" and self.row is not None and "id" in a:
            self.row["code_ids"].append(a["id"])
            self.code = ""
        if tag == "br" and self.row is not None:
            self.row["text"] += "\n"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag == "code" and self.code is not None and self.row is not None:
            self.row["code_texts"].append(self.code)
            self.code = None
        if tag == "tr":
            self.row = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_script:
            return
        self.texts.append(data)
        if self.code is not None:
            self.code += data
        if self.row is not None:
            self.row["text"] += data


def main(argv):
    report = {}
    for path in argv[1:]:
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        page.close()
        seen, duplicates = set(), []
        for i in page.ids:
            if i in seen:
                duplicates.append(i)
            seen.add(i)
        report[path] = {
            "tags": sorted(page.tags),
            "attributes": sorted(page.attributes),
            "scripts": page.scripts,
            "events": page.events,
            "hrefs": page.hrefs,
            "ids": page.ids,
            "duplicate_ids": duplicates,
            "rows": page.rows,
            "text": "".join(page.texts),
        }
    json.dump(report, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
