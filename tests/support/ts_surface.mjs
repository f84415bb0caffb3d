// Compares what index.d.ts declares with what index.js exports at run time, for
// each generated TypeScript folder given: the exported values, each class's
// static members (both ways), and each public instance member on a live instance.
// Usage: node ts_surface.mjs <typescript package dir> <folder>...
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ts = createRequire(import.meta.url)(resolve(process.argv[2]));
const problems = [];
let checked = 0;

const isPrivate = (symbol) =>
  (symbol.declarations ?? []).some((d) => (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Private) !== 0);

for (const dir of process.argv.slice(3)) {
  const file = resolve(dir, "index.d.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  const module = await import(pathToFileURL(resolve(dir, "index.js")).href);
  const say = (text) => problems.push(`${dir}: ${text}`);

  const declared = exported.filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.name).sort();
  const runtime = Object.keys(module).sort();
  if (JSON.stringify(declared) !== JSON.stringify(runtime)) {
    say(`exports differ: declared ${declared} / run time ${runtime}`);
  }
  for (const symbol of exported.filter((s) => s.flags & ts.SymbolFlags.Class)) {
    const value = module[symbol.name];
    if (typeof value !== "function") {
      continue;
    }
    const statics = checker
      .getTypeOfSymbolAtLocation(symbol, source)
      .getProperties()
      .filter((p) => p.name !== "prototype" && !isPrivate(p))
      .map((p) => p.name)
      .sort();
    const own = Object.getOwnPropertyNames(value)
      .filter((n) => !["length", "name", "prototype"].includes(n))
      .sort();
    if (JSON.stringify(statics) !== JSON.stringify(own)) {
      say(`${symbol.name} statics differ: declared ${statics} / run time ${own}`);
    }
    const instance =
      typeof value.all === "function" ? value.all()[0] : Array.isArray(value.ALL) ? value.ALL[0] : new value(0);
    if (instance === undefined) {
      // A set without entries has no instance to look at (its statics were compared above).
      if (typeof value.all === "function" && value.all().length !== 0) {
        say(`${symbol.name}: all() has no first entry but is not empty`);
      }
      continue;
    }
    for (const member of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
      if (!isPrivate(member) && !(member.name in instance)) {
        say(`${symbol.name}: an instance has no \`${member.name}\``);
      }
      checked += 1;
    }
    checked += statics.length;
  }
}
if (problems.length > 0) {
  console.log(problems.join("\n"));
  process.exit(1);
}
console.log(`surface ok: ${checked} members`);
