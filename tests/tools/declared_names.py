"""List every name that generated code declares, read with tree-sitter.

Usage: declared_names.py LANGUAGE FILE...

LANGUAGE is rust, typescript, kotlin or swift (TypeScript's grammar also reads
the `.js` files). Prints one JSON list to stdout, one object per declaration:

    {"scope": S, "kind": K, "name": N, "file": F, "line": L}

scope  "" at file level; else the enclosing type chain joined with "." (Rust
       impl blocks and Swift extensions count as their self type, a Kotlin
       companion object as `Type.Companion`, a Rust `mod` or TS namespace as
       its name, a Rust struct-like enum variant as `Enum.Variant`).
kind   type      struct, enum, union, trait, class, interface, object,
                 protocol, type alias, associated type; a Kotlin companion
                 object is the type `Companion` in its class
       function  fn, fun, func, methods, TS getters/setters ("accessor")
       property  fields, properties (stored or computed), Kotlin
                 `val`/`var` constructor parameters, TS `let`/`var`, TS class
                 fields and static members, `this.x =` in a JS constructor
       constant  Rust const/static, Kotlin `const val`, TS `const`, Swift
                 file-level `let` (a `let` inside a type is a property)
       case      enum variants, cases and entries
       module    Rust mod, TS namespace/module
       macro     Rust macro_rules!
Optional keys, present only when true or set:
  trait_impl  Rust: member of `impl Trait for Type`; its name is the trait's
  override    Kotlin/Swift `override`: the name is the supertype's
  escaped     the source spelled the name escaped (`r#x`, `` `x` ``)
  accessor    "get"/"set" for a TS accessor
  static      TS/Swift static member (TS and Swift keep static and instance
              names apart); JS `X.a = …` counts as static
  closure     JS: a name local to the `(() => { class X … })()` wrapper that
              builds class X, visible to X's methods (scope X)
  receiver    Kotlin extension member: the receiver type's text
  selector    Swift function: name with argument labels, `label(in:)`
Not listed: parameters, locals and anything else inside function bodies,
generic parameters, closures, patterns, labels, imports, constructors and
initialisers, object literal keys. A Swift `extension X` and a Rust `impl`
declare no name themselves, only their members.

Exit 1 with the error locations on stderr when a file does not parse, 2 on
bad usage.
"""
import json
import re
import sys

import tree_sitter

sys.dont_write_bytecode = True  # no __pycache__ beside the tools from this import
from syntax_check import LANGUAGES, errors  # noqa: E402


# Words the grammars take for keywords where the compilers read a name
# (`val dynamic` in Kotlin, `readonly abstract: T` in a TS class). They are
# masked, same length, before parsing; names are read from the real text.
MASKS = {
    "kotlin": [re.compile(rb"\bdynamic\b")],
    "typescript": [re.compile(rb"\babstract(?=\s*[:?(;])")],
}


def masked(language, source):
    for pattern in MASKS.get(language, []):
        source = pattern.sub(lambda m: b"_" + m.group(0)[1:], source)
    return source


class Out:
    def __init__(self, path, source):
        self.path = path
        self.source = source
        self.found = []

    def text(self, node):
        return self.source[node.start_byte:node.end_byte].decode("utf-8")

    def add(self, scope, kind, node, name=None, **extra):
        """Record node (the name node) in scope; name overrides its text."""
        name = self.text(node) if name is None else name
        entry = {"scope": scope, "kind": kind, "name": name}
        if name.startswith("r#"):
            entry["name"], extra["escaped"] = name[2:], True
        elif len(name) > 1 and name[0] == name[-1] == "`":
            entry["name"], extra["escaped"] = name[1:-1], True
        entry["file"] = self.path
        entry["line"] = node.start_point[0] + 1
        entry.update({k: v for k, v in extra.items() if v})
        self.found.append(entry)


def inner(scope, name):
    return f"{scope}.{name}" if scope else name


def named(node, *types):
    return [c for c in node.named_children if c.type in types]


def first(node, *types):
    found = named(node, *types)
    return found[0] if found else None


def has_token(node, token):
    """True when node has an anonymous child token spelled token."""
    return any(not c.is_named and c.type == token for c in node.children)


def modifier_tokens(out, node):
    """The words of a Kotlin/Swift `modifiers` child (override, const, …)."""
    mods = first(node, "modifiers")
    if mods is None:
        return set()
    # Annotations and attributes hold catalog text (`@Deprecated("…")`).
    kept = [c for c in mods.children if c.type not in ("annotation", "attribute")]
    return {word for c in kept for word in out.text(c).split()}


# Rust -----------------------------------------------------------------------

RUST_KINDS = {
    "const_item": "constant",
    "static_item": "constant",
    "function_item": "function",
    "function_signature_item": "function",
    "type_item": "type",
    "associated_type": "type",
    "macro_definition": "macro",
}


def rust_type_name(out, node):
    """`Code<T>` → Code, `core::fmt::X` → X, `&T` → T: the impl's self type."""
    while node.type in ("generic_type", "reference_type", "pointer_type"):
        node = node.child_by_field_name("type")
    if node.type == "scoped_type_identifier":
        node = node.child_by_field_name("name")
    return out.text(node)


def rust_fields(out, scope, body):
    if body is not None and body.type == "field_declaration_list":
        for field in named(body, "field_declaration"):
            out.add(scope, "property", field.child_by_field_name("name"))


def rust_items(out, scope, container, trait_impl=False):
    for item in container.named_children:
        kind = RUST_KINDS.get(item.type)
        name = item.child_by_field_name("name")
        if kind:
            out.add(scope, kind, name, trait_impl=trait_impl)
        elif item.type in ("struct_item", "union_item"):
            out.add(scope, "type", name)
            rust_fields(out, inner(scope, out.text(name)), item.child_by_field_name("body"))
        elif item.type == "enum_item":
            out.add(scope, "type", name)
            enum = inner(scope, out.text(name))
            for variant in named(item.child_by_field_name("body"), "enum_variant"):
                variant_name = variant.child_by_field_name("name")
                out.add(enum, "case", variant_name)
                rust_fields(out, inner(enum, out.text(variant_name)), variant.child_by_field_name("body"))
        elif item.type == "trait_item":
            out.add(scope, "type", name)
            rust_items(out, inner(scope, out.text(name)), item.child_by_field_name("body"))
        elif item.type == "mod_item":
            out.add(scope, "module", name)
            body = item.child_by_field_name("body")
            if body is not None:
                rust_items(out, inner(scope, out.text(name)), body)
        elif item.type == "impl_item":
            body = item.child_by_field_name("body")
            if body is not None:
                self_type = rust_type_name(out, item.child_by_field_name("type"))
                is_trait = item.child_by_field_name("trait") is not None
                rust_items(out, inner(scope, self_type), body, is_trait)


# TypeScript and JavaScript --------------------------------------------------


def ts_unwrap(node):
    """The declaration inside `export …` / `declare …`, else node."""
    while node.type in ("export_statement", "ambient_declaration"):
        inside = node.child_by_field_name("declaration")
        if inside is None:
            inside = next(
                (c for c in node.named_children if c.type not in ("comment", "decorator")),
                None,
            )
        if inside is None:
            return node
        node = inside
    return node


def ts_iife_body(node):
    """The statement block of `(() => { … })()` (or a function), else None."""
    if node is None or node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    while function is not None and function.type == "parenthesized_expression":
        function = function.named_children[0] if function.named_children else None
    if function is None or function.type not in ("arrow_function", "function_expression"):
        return None
    body = function.child_by_field_name("body")
    return body if body is not None and body.type == "statement_block" else None


def ts_member_target(out, node):
    """(object text, property node, static) of `A.b = …` (static) or
    `A.prototype.b = …`."""
    if node.type != "assignment_expression":
        return None
    left = node.child_by_field_name("left")
    if left is None or left.type != "member_expression":
        return None
    obj = left.child_by_field_name("object")
    prop = left.child_by_field_name("property")
    static = True
    if obj.type == "member_expression" and out.text(obj.child_by_field_name("property")) == "prototype":
        obj, static = obj.child_by_field_name("object"), False
    return out.text(obj), prop, static


def ts_define_property(out, node):
    """(object text, name node, static) of
    `Object.defineProperty(A[.prototype], "n", …)`."""
    if node.type != "call_expression" or out.text(node.child_by_field_name("function")) not in (
        "Object.defineProperty",
        "Reflect.defineProperty",
    ):
        return None
    args = node.child_by_field_name("arguments").named_children
    if len(args) < 2 or args[1].type != "string":
        return None
    target = out.text(args[0])
    fragment = first(args[1], "string_fragment")
    if fragment is None:
        return None
    if target.endswith(".prototype"):
        return target.removesuffix(".prototype"), fragment, False
    return target, fragment, True


def ts_variables(out, scope, node, closure=False):
    kind = "constant" if has_token(node, "const") else "property"
    for declarator in named(node, "variable_declarator"):
        name = declarator.child_by_field_name("name")
        value = declarator.child_by_field_name("value")
        body = ts_iife_body(value)
        if body is not None and name.type == "identifier":
            classes = [
                ts_unwrap(s) for s in body.named_children
                if ts_unwrap(s).type in ("class_declaration", "class")
            ]
            built = [c for c in classes if out.text(c.child_by_field_name("name")) == out.text(name)]
            if built:
                # `const X = (() => { class X {…}; X.a = …; return X; })()`: the class.
                ts_statements(out, scope, body, closure_of=inner(scope, out.text(name)))
                continue
        if name.type == "identifier":
            out.add(scope, kind, name, closure=closure)


def ts_class_body(out, scope, body):
    for member in body.named_children:
        if member.type in ("method_definition", "method_signature", "abstract_method_signature"):
            name = member.child_by_field_name("name")
            if out.text(name) == "constructor":
                ts_constructor(out, scope, member)
                continue
            accessor = next((t for t in ("get", "set") if has_token(member, t)), None)
            out.add(scope, "function", name, accessor=accessor, static=has_token(member, "static"))
        elif member.type in ("public_field_definition", "property_signature"):
            out.add(scope, "property", member.child_by_field_name("name"), static=has_token(member, "static"))


def ts_constructor(out, scope, member):
    """Parameter properties (`constructor(readonly x)`) and `this.x = …`."""
    params = member.child_by_field_name("parameters")
    for param in params.named_children if params is not None else []:
        if param.type in ("required_parameter", "optional_parameter") and any(
            c.type in ("accessibility_modifier", "override_modifier") or (not c.is_named and c.type == "readonly")
            for c in param.children
        ):
            out.add(scope, "property", param.child_by_field_name("pattern"))
    body = member.child_by_field_name("body")
    for statement in named(body, "expression_statement") if body is not None else []:
        target = ts_member_target(out, statement.named_children[0])
        if target is not None and target[0] == "this":
            out.add(scope, "property", target[1])


def ts_object_members(out, scope, node):
    """property_signature keys of an object type, through unions/intersections
    (walked without recursion: a union of thousands of literals nests as deep)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if node.type == "object_type":
            ts_class_body(out, scope, node)
        elif node.type in ("union_type", "intersection_type", "parenthesized_type"):
            stack.extend(reversed(node.named_children))


def ts_statements(out, scope, container, closure_of=None):
    """Declarations among container's statements; closure_of names the class
    an IIFE builds (its other names are closure names in that scope)."""
    for statement in container.named_children:
        node = ts_unwrap(statement)
        name = node.child_by_field_name("name")
        kind = node.type
        if kind in ("lexical_declaration", "variable_declaration"):
            if closure_of is None:
                ts_variables(out, scope, node)
            else:
                ts_variables(out, closure_of, node, closure=True)
        elif kind in ("function_declaration", "generator_function_declaration", "function_signature"):
            if closure_of is None:
                out.add(scope, "function", name)
            else:
                out.add(closure_of, "function", name, closure=True)
        elif kind in ("class_declaration", "abstract_class_declaration", "class") and name is not None:
            if closure_of is not None and out.text(name) != closure_of.rsplit(".", 1)[-1]:
                out.add(closure_of, "type", name, closure=True)
                ts_class_body(out, inner(closure_of, out.text(name)), node.child_by_field_name("body"))
                continue
            out.add(scope, "type", name)
            ts_class_body(out, inner(scope, out.text(name)), node.child_by_field_name("body"))
        elif kind == "interface_declaration":
            out.add(scope, "type", name)
            ts_class_body(out, inner(scope, out.text(name)), node.child_by_field_name("body"))
        elif kind == "type_alias_declaration":
            out.add(scope, "type", name)
            ts_object_members(out, inner(scope, out.text(name)), node.child_by_field_name("value"))
        elif kind == "enum_declaration":
            out.add(scope, "type", name)
            for case in node.child_by_field_name("body").named_children:
                if case.type == "enum_assignment":
                    out.add(inner(scope, out.text(name)), "case", case.child_by_field_name("name"))
                elif case.type in ("property_identifier", "string"):
                    out.add(inner(scope, out.text(name)), "case", case)
        elif kind in ("internal_module", "module"):
            out.add(scope, "module", name)
            body = node.child_by_field_name("body")
            if body is not None:
                ts_statements(out, inner(scope, out.text(name)), body)
        elif kind == "expression_statement":
            expression = node.named_children[0]
            target = ts_member_target(out, expression) or ts_define_property(out, expression)
            if target is not None and target[0] not in ("this", "module", "exports"):
                out.add(inner(scope, target[0]), "property", target[1], static=target[2])


# Kotlin ---------------------------------------------------------------------


def kotlin_body(node):
    return first(node, "class_body", "enum_class_body")


def kotlin_members(out, scope, container):
    for member in container.named_children:
        kind = member.type
        mods = modifier_tokens(out, member)
        override = "override" in mods
        if kind in ("class_declaration", "object_declaration"):
            name = member.child_by_field_name("name") or first(member, "identifier")
            out.add(scope, "type", name, override=override)
            kotlin_type(out, inner(scope, out.text(name)), member)
        elif kind == "companion_object":
            name = member.child_by_field_name("name") or first(member, "identifier")
            label = out.text(name) if name is not None else "Companion"
            out.add(scope, "type", name or member, name=label)
            body = kotlin_body(member)
            if body is not None:
                kotlin_members(out, inner(scope, label), body)
        elif kind == "function_declaration":
            receiver = kotlin_receiver(out, member)
            out.add(scope, "function", member.child_by_field_name("name"), override=override, receiver=receiver)
        elif kind == "property_declaration":
            what = "constant" if "const" in mods else "property"
            receiver = kotlin_receiver(out, member)
            for variable in kotlin_variables(member):
                out.add(scope, what, variable, override=override, receiver=receiver)
        elif kind == "type_alias":
            name = member.child_by_field_name("type") or first(member, "identifier")
            out.add(scope, "type", name)
        elif kind == "enum_entry":
            name = first(member, "identifier")
            out.add(scope, "case", name)
            body = kotlin_body(member)
            if body is not None:
                kotlin_members(out, inner(scope, out.text(name)), body)


def kotlin_receiver(out, member):
    """`fun Foo.bar()` / `val Foo.bar`: the text before the dot, else None."""
    for i, child in enumerate(member.children):
        if not child.is_named and child.type == "." and i > 0:
            return out.text(member.children[i - 1])
    return None


def kotlin_variables(member):
    """The identifier nodes a property declaration binds."""
    found = []
    for declaration in named(member, "variable_declaration", "multi_variable_declaration"):
        if declaration.type == "variable_declaration":
            found += named(declaration, "identifier")[:1]
        else:
            for variable in named(declaration, "variable_declaration"):
                found += named(variable, "identifier")[:1]
    return found


def kotlin_type(out, scope, node):
    constructor = first(node, "primary_constructor")
    if constructor is not None:
        for parameters in named(constructor, "class_parameters"):
            for parameter in named(parameters, "class_parameter"):
                if has_token(parameter, "val") or has_token(parameter, "var"):
                    override = "override" in modifier_tokens(out, parameter)
                    out.add(scope, "property", first(parameter, "identifier"), override=override)
    body = kotlin_body(node)
    if body is not None:
        kotlin_members(out, scope, body)


# Swift ----------------------------------------------------------------------


def swift_bound_names(node):
    """simple_identifier nodes a pattern binds (tuples included)."""
    if node.type == "simple_identifier":
        return [node]
    found = []
    for child in node.named_children:
        if child.type in ("simple_identifier", "pattern"):
            found += swift_bound_names(child)
    return found


def swift_selector(out, function):
    """`label(in:)`: the name with its argument labels, which Swift overloads on."""
    labels = []
    for parameter in named(function, "parameter"):
        label = parameter.child_by_field_name("external_name") or parameter.child_by_field_name("name")
        labels.append(out.text(label) + ":")
    return out.text(function.child_by_field_name("name")) + "(" + "".join(labels) + ")"


def swift_members(out, scope, container, file_level=False):
    for member in container.named_children:
        kind = member.type
        mods = modifier_tokens(out, member)
        override = "override" in mods
        # `class func`: the grammar puts `class` beside the modifiers.
        static = "static" in mods or (kind != "class_declaration" and has_token(member, "class"))
        name = member.child_by_field_name("name")
        if kind == "class_declaration":
            body = member.child_by_field_name("body")
            declared = member.child_by_field_name("declaration_kind")
            if declared is not None and out.text(declared) == "extension":
                # The extended type: `extension A<B>` → A.
                type_name = first(name, "type_identifier") if name.type == "user_type" else name
                target = out.text(type_name if type_name is not None else name)
                swift_members(out, target, body)
                continue
            out.add(scope, "type", name, override=override)
            swift_members(out, inner(scope, out.text(name)), body)
        elif kind == "protocol_declaration":
            out.add(scope, "type", name)
            swift_members(out, inner(scope, out.text(name)), member.child_by_field_name("body"))
        elif kind in ("typealias_declaration", "associatedtype_declaration"):
            out.add(scope, "type", name)
        elif kind in ("function_declaration", "protocol_function_declaration"):
            out.add(scope, "function", name, override=override, static=static, selector=swift_selector(out, member))
        elif kind in ("property_declaration", "protocol_property_declaration"):
            binding = first(member, "value_binding_pattern")
            if binding is None:
                pattern = first(member, "pattern")
                binding = first(pattern, "value_binding_pattern") if pattern is not None else None
            is_let = binding is not None and out.text(binding) == "let"
            what = "constant" if file_level and is_let else "property"
            for pattern in member.children_by_field_name("name"):
                for bound in swift_bound_names(pattern):
                    out.add(scope, what, bound, override=override, static=static)
        elif kind == "enum_entry":
            for case in member.children_by_field_name("name"):
                out.add(scope, "case", case)


# ----------------------------------------------------------------------------


def extract(language, out, root):
    if language == "rust":
        rust_items(out, "", root)
    elif language == "typescript":
        ts_statements(out, "", root)
    elif language == "kotlin":
        kotlin_members(out, "", root)
    else:
        swift_members(out, "", root, file_level=True)


def main(argv):
    args = argv[1:]
    if len(args) < 2 or args[0] not in LANGUAGES:
        print(__doc__, file=sys.stderr)
        return 2
    language, paths = args[0], args[1:]
    parser = tree_sitter.Parser(tree_sitter.Language(LANGUAGES[language]()))
    found, failed = [], False
    for path in paths:
        with open(path, "rb") as f:
            source = f.read()
        tree = parser.parse(masked(language, source))
        problems = errors(tree, source)
        if problems:
            for problem in sorted(problems):
                print(f"{path}:{problem}", file=sys.stderr)
            failed = True
            continue
        out = Out(path, source)
        extract(language, out, tree.root_node)
        found += out.found
    if failed:
        print("declared_names.py: parse errors, no names listed", file=sys.stderr)
        return 1
    # One declaration a line: diffable, and still one JSON document.
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in found)
    print(f"[\n{lines}\n]" if found else "[]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
