// `npm run docs`: regenerates docs/rules-reference.md (from the JSON Schema in dist/: run
// `npm run build` first), docs/facts-reference.md (from the facts catalog in dist/esm/rules.js)
// and docs/api.md (from the TSDoc). A test fails while any is stale.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apiReference } from "./docs/api-reference.mjs";
import { factsReference } from "./docs/facts-reference.mjs";
import { rulesReference } from "./docs/rules-reference.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The compiler's operator names, read from its source (the one list it checks conditions with). */
export function operatorNames(root = ROOT) {
  const source = readFileSync(join(root, "src/rules/condition/operator-names.ts"), "utf8");
  const list = (name) => [...new RegExp(`${name} = \\[([^\\]]*)\\]`).exec(source)[1].matchAll(/"(\$\w+)"/g)].map((m) => m[1]);
  return [...new Set([...list("CONDITION_OPERATORS"), ...list("VALUE_OPERATORS")])];
}

// The catalog as built (so a stale dist/ shows up as a stale document, like the schema).
const catalog = await import(pathToFileURL(join(ROOT, "dist/esm/rules.js")).href);

/** Every generated document, by path. */
export function generatedDocs(root = ROOT) {
  const schema = JSON.parse(readFileSync(join(root, "dist/rules.schema.json"), "utf8"));
  return {
    "docs/rules-reference.md": rulesReference(schema, operatorNames(root)),
    "docs/facts-reference.md": factsReference(catalog),
    "docs/api.md": apiReference(root),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(generatedDocs())) {
    mkdirSync(dirname(join(ROOT, file)), { recursive: true });
    writeFileSync(join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
