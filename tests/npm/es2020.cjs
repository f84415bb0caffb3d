// Prints "es2020" if esbuild has nothing to lower in a module for an ES2020 target
// (its output equals the output for esnext), else both outputs.
// Usage: node es2020.cjs <tools node_modules> <file.js>
const fs = require("node:fs");
const esbuild = require(require.resolve("esbuild", { paths: [process.argv[2]] }));
const code = fs.readFileSync(process.argv[3], "utf8");
const as = (target) => esbuild.transformSync(code, { target, format: "esm", charset: "utf8" }).code;
const [es2020, esnext] = [as("es2020"), as("esnext")];
process.stdout.write(es2020 === esnext ? "es2020\n" : `differs\n--- es2020\n${es2020}\n--- esnext\n${esnext}\n`);
