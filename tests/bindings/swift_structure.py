import sys, json, tree_sitter, tree_sitter_swift
parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
out = {}
for path in sys.argv[1:]:
    source = open(path, "rb").read()
    text = lambda n: source[n.start_byte:n.end_byte].decode()
    decls = []
    for node in parser.parse(source).root_node.named_children:
        if node.type not in ("class_declaration", "protocol_declaration"):
            continue
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        members = []
        for member in (body.named_children if body else []):
            if member.type == "comment":
                continue
            lines = [l.strip() for l in text(member).splitlines()]
            members.append(next(l for l in lines if not l.startswith("@")))
        decls.append({
            "kind": next(c.type for c in node.children if c.type in ("enum", "struct", "class", "extension", "protocol")),
            "name": text(name),
            "inherits": [text(c) for c in node.children if c.type == "inheritance_specifier"],
            "members": members,
        })
    out[path] = decls
print(json.dumps(out))
