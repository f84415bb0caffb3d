// Bundles one entry point with the pinned esbuild (minified, ESM) and prints it.
// Usage: node bundle.cjs <tools node_modules> <entry> ; run in the consumer project.
const esbuild = require(require.resolve("esbuild", { paths: [process.argv[2]] }));
const result = esbuild.buildSync({
  entryPoints: [process.argv[3]],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  charset: "utf8",
  write: false,
  logLevel: "error",
});
process.stdout.write(result.outputFiles[0].text);
