"""Parse source files with tree-sitter; print every syntax error and exit 1 if any.

Usage: syntax_check.py swift FILE...

No Swift compiler installs on these machines, so generated Swift is checked
with the tree-sitter Swift grammar: ERROR and MISSING nodes are syntax errors.
"""
import sys

import tree_sitter
import tree_sitter_swift

LANGUAGES = {"swift": tree_sitter_swift.language}


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


def main(argv):
    if len(argv) < 3 or argv[1] not in LANGUAGES:
        print(__doc__, file=sys.stderr)
        return 2
    parser = tree_sitter.Parser(tree_sitter.Language(LANGUAGES[argv[1]]()))
    failed = 0
    for path in argv[2:]:
        with open(path, "rb") as f:
            source = f.read()
        for error in sorted(errors(parser.parse(source), source)):
            print(f"{path}:{error}")
            failed += 1
    print(f"{len(argv) - 2} files parsed, {failed} syntax errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
