"""List the type names generated Swift refers to without a module prefix.

Usage: used_types.py FILE...

Prints one JSON object: {"uses": [{"name", "file", "line"}...], "generics":
[names]}. A use is a `type_identifier`, or an UpperCamel `simple_identifier`
that starts an expression (`Unicode.Scalar(…)`, `Bundle.module`): Swift cases
and members are lowerCamel, so an UpperCamel name there is a type. The first
part of a qualified name counts (`Unicode` in `Unicode.Scalar`), the parts after
a dot do not, nor does anything written `Swift.X` or `Foundation.X`. Generic
parameters (`<Known: …>`) are listed apart: they are declared where they are
used. Exit 1 on parse errors.
"""
import json
import sys

import tree_sitter

from syntax_check import LANGUAGES, errors

MODULES = {"Swift", "Foundation"}


def text(source, node):
    return source[node.start_byte:node.end_byte].decode("utf-8")


def qualified_by_module(source, node):
    """Whether `node` is the part after `Swift.` or `Foundation.`."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "user_type":
        # `Foundation.Bundle` as a type: the identifiers are siblings.
        earlier = [c for c in parent.named_children if c.start_byte < node.start_byte]
        return any(text(source, c) in MODULES for c in earlier)
    if parent.type == "navigation_suffix":
        return True
    return False


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    parser = tree_sitter.Parser(tree_sitter.Language(LANGUAGES["swift"]()))
    uses, generics, failed = [], set(), False
    for path in argv[1:]:
        with open(path, "rb") as f:
            source = f.read()
        tree = parser.parse(source)
        problems = errors(tree, source)
        if problems:
            for problem in problems:
                print(f"{path}:{problem}", file=sys.stderr)
            failed = True
            continue
        stack = [tree.root_node]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if "comment" in node.type or "string" in node.type:
                continue
            if node.type == "type_parameter":
                for child in node.named_children:
                    if child.type == "type_identifier":
                        generics.add(text(source, child))
                        break
                continue
            name = None
            in_attribute = node.parent is not None and node.parent.parent is not None \
                and node.parent.parent.type == "attribute"
            if node.type == "type_identifier" and in_attribute:
                continue  # `@available(…)`: an attribute, not a type
            if node.type == "type_identifier":
                name = text(source, node)
            elif node.type == "simple_identifier" and node.parent is not None:
                candidate = text(source, node)
                if candidate[:1].isupper() and node.parent.type != "navigation_suffix":
                    name = candidate
            if name is None or name in MODULES or qualified_by_module(source, node):
                continue
            uses.append({"name": name, "file": path, "line": node.start_point[0] + 1})
    if failed:
        return 1
    print(json.dumps({"uses": uses, "generics": sorted(generics)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
