"""List the UpperCamel names generated code refers to without a module prefix.

Usage: used_types.py LANGUAGE FILE...

LANGUAGE is swift, rust, typescript or kotlin. Prints one JSON object:
{"uses": [{"name", "file", "line"}...], "generics": [names]}. A use is a type
name, or an UpperCamel identifier that starts an expression (`Unicode.Scalar(…)`,
`Bundle.module`, `Object.freeze(…)`, `Pair(…)`): cases, members and functions
of the generated code are lowerCamel or SCREAMING_SNAKE, or come after a dot, so
an UpperCamel name there is a type (or a case the module declares). Only the
first part of a qualified name counts (`Unicode` in `Unicode.Scalar`; nothing in
`Swift.Unicode`, `fmt::Display` or `kotlin.collections.List`). Not read:
comments, strings, attributes and annotations' arguments, `use`/`import`/
`package` lines. Generic parameters (`<Known: …>`, `<T>`) are listed apart: they
are declared where they are used. Exit 1 on parse errors.
"""
import json
import sys

import tree_sitter

from declared_names import masked
from syntax_check import LANGUAGES, errors

MODULES = {"Swift", "Foundation"}

# Subtrees holding no use of a type the code relies on.
SKIPPED = {
    "rust": {"use_declaration", "attribute_item", "inner_attribute_item", "macro_invocation"},
    "typescript": {"import_statement", "export_clause"},
    "kotlin": {"package_header", "import_header", "import_list"},
    "swift": {"import_declaration"},
}
# The name after a dot or `::`: a member or a qualified part.
AFTER_SEPARATOR = {
    "swift": {"navigation_suffix"},
    "kotlin": {"navigation_suffix"},
    "typescript": set(),
    "rust": set(),
}
GENERIC = {
    "swift": "type_parameter",
    "rust": "type_parameters",
    "typescript": "type_parameter",
    "kotlin": "type_parameter",
}


def text(source, node):
    return source[node.start_byte:node.end_byte].decode("utf-8")


def is_qualified_part(language, source, node):
    """Whether `node` is not the first part of a qualified name."""
    previous = node.prev_sibling
    if previous is not None and previous.type in (".", "?.", "::"):
        return True
    parent = node.parent
    if parent is None:
        return False
    if parent.type in AFTER_SEPARATOR[language]:
        return True
    if language == "rust" and parent.type == "type_binding":
        return parent.child_by_field_name("name") == node  # `Item` in `<Item = T>`
    if language == "rust" and parent.type in ("scoped_type_identifier", "scoped_identifier"):
        return parent.child_by_field_name("name") == node
    if language == "typescript" and parent.type == "nested_type_identifier":
        return parent.named_children[-1] == node
    if parent.type == "user_type":
        # Swift `Foundation.Bundle`, Kotlin `kotlin.collections.List`: the
        # identifiers are siblings; only the first is a use.
        first = parent.named_children[0]
        if language == "swift" and text(source, first) in MODULES:
            return node != first
        return node != first
    return False


def generic_names(language, source, node):
    if language == "rust":
        for child in node.named_children:
            name = child if child.type == "type_identifier" else child.child_by_field_name("name")
            if name is not None and name.type == "type_identifier":
                yield text(source, name)
        return
    for child in node.named_children:
        if child.type in ("type_identifier", "identifier"):
            yield text(source, child)
            return


def is_use(language, node):
    if node.type == "type_identifier":
        return True
    identifiers = {"swift": "simple_identifier", "kotlin": "identifier"}
    if language in identifiers:
        return node.type == identifiers[language]
    if language == "typescript":
        return node.type == "identifier"
    # Rust: an UpperCamel identifier in an expression or pattern is a tuple
    # struct, an enum variant or a prelude value (`Some`, `Ok`).
    return node.type == "identifier"


def main(argv):
    if len(argv) < 3 or argv[1] not in LANGUAGES:
        print(__doc__, file=sys.stderr)
        return 2
    language = argv[1]
    parser = tree_sitter.Parser(tree_sitter.Language(LANGUAGES[language]()))
    uses, generics, failed = [], set(), False
    for path in argv[2:]:
        with open(path, "rb") as f:
            source = f.read()
        tree = parser.parse(masked(language, source))
        problems = errors(tree, source)
        if problems:
            for problem in problems:
                print(f"{path}:{problem}", file=sys.stderr)
            failed = True
            continue
        stack = [tree.root_node]
        while stack:
            node = stack.pop()
            if "comment" in node.type or "string" in node.type or node.type in SKIPPED[language]:
                continue
            if language == "swift" and node.type == "attribute":
                continue  # `@available(…)`
            if language == "kotlin" and node.type == "annotation":
                # `@Deprecated(…)`: the name is a use, its arguments are not.
                stack.extend(c for c in node.named_children if c.type in ("user_type", "constructor_invocation"))
                continue
            stack.extend(node.children)
            if node.type == GENERIC[language]:
                generics.update(generic_names(language, source, node))
            if not is_use(language, node):
                continue
            name = text(source, node)
            if not name[:1].isupper() or is_qualified_part(language, source, node):
                continue
            if language == "swift" and name in MODULES:
                continue
            uses.append({"name": name, "file": path, "line": node.start_point[0] + 1})
    if failed:
        return 1
    print(json.dumps({"uses": uses, "generics": sorted(generics)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
