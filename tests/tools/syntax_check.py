"""Parse source files with tree-sitter; report syntax errors and code uses of names.

Usage: syntax_check.py LANGUAGE [--forbid NAME]... FILE...

LANGUAGE is swift, rust, typescript or kotlin. ERROR and MISSING nodes are
syntax errors (no Swift compiler installs on these machines, so generated Swift
is checked this way). A forbidden name is one that catalog text spells (e.g.
`injected` in `*/ fun injected() {}`): it may appear only inside comment and
string nodes; a leaf token equal to it anywhere else means catalog text became
code. The last line counts both, and the names found inside text, so a caller
can tell that the hostile text reached the file at all. Exit 1 on any error.
"""
import re
import sys

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_rust
import tree_sitter_swift
import tree_sitter_typescript

LANGUAGES = {
    "swift": tree_sitter_swift.language,
    "rust": tree_sitter_rust.language,
    "typescript": tree_sitter_typescript.language_typescript,
    "kotlin": tree_sitter_kotlin.language,
}


def errors(tree, source):
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            line, column = node.start_point
            text = source[node.start_byte:node.end_byte].decode("utf-8", "replace")[:60]
            kind = "missing " + node.type if node.is_missing else "syntax error"
            found.append(f"{line + 1}:{column + 1}: {kind} near {text!r}")
        if node.has_error:
            stack.extend(node.children)
    return found


def is_text(node_type):
    # Every grammar names its comment and string nodes so (line_comment,
    # multiline_comment, string_literal, string_content, …).
    return "comment" in node_type or "string" in node_type


def name_uses(tree, source, names):
    """(uses in code as "line:col: name", count of uses inside comments/strings).

    Code is the source with every comment and string node blanked out, searched
    as text: error recovery may split a swallowed word into several tokens."""
    if not names:
        return [], 0
    word = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    code = bytearray(source)
    in_text = 0
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if not is_text(node.type):
            stack.extend(node.children)
            continue
        text = source[node.start_byte:node.end_byte]
        in_text += len(word.findall(text.decode("utf-8", "replace")))
        code[node.start_byte:node.end_byte] = bytes(b if b == 10 else 32 for b in text)
    code = code.decode("utf-8", "replace")
    in_code = []
    for match in word.finditer(code):
        line = code.count("\n", 0, match.start())
        in_code.append(f"{line + 1}: `{match.group(1)}` is code")
    return in_code, in_text


def main(argv):
    args = argv[1:]
    if not args or args[0] not in LANGUAGES:
        print(__doc__, file=sys.stderr)
        return 2
    language, args = args[0], args[1:]
    names = []
    while args[:1] == ["--forbid"] and len(args) > 1:
        names.append(args[1])
        args = args[2:]
    parser = tree_sitter.Parser(tree_sitter.Language(LANGUAGES[language]()))
    failed = code = text = 0
    for path in args:
        with open(path, "rb") as f:
            source = f.read()
        tree = parser.parse(source)
        for error in sorted(errors(tree, source)):
            print(f"{path}:{error}")
            failed += 1
        uses, inside = name_uses(tree, source, names)
        for use in uses:
            print(f"{path}:{use}")
        code += len(uses)
        text += inside
    print(
        f"{len(args)} files parsed, {failed} syntax errors, "
        f"{code} forbidden names in code, {text} in comments or strings"
    )
    return 1 if failed or code else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
