// Byte sizes of what the script-tag build makes a page download: raw (minified), gzip -9 and brotli (max quality).
// `measure()` is used by test/package/budget.test.ts; `node scripts/sizes.mjs` prints a table (run `npm run build` first).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Sizes of one file's bytes. */
export function sizesOf(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/** The one file in `dir` (relative to the dist folder) whose name starts with `prefix` and ends in .js. */
function chunk(dist, dir, prefix) {
  const matches = readdirSync(join(dist, dir)).filter((name) => name.startsWith(prefix) && name.endsWith(".js"));
  if (matches.length !== 1) throw new Error(`expected exactly one ${dir}/${prefix}*.js in ${dist}, found ${matches.length}: ${matches.join(", ")}`);
  return posix.join(dir, matches[0]);
}

/** Relative specifiers a minified ES module imports statically: `from"./x.js"`, `import"./x.js"` (not `import("./x.js")`). */
export function staticImports(code) {
  const specifiers = new Set();
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*(["'])(\.{1,2}\/[^"']+)\1/g)) specifiers.add(match[2]);
  return [...specifiers];
}

/** Relative specifiers a minified ES module loads on demand: `import("./x.js")`. */
export function dynamicImports(code) {
  const specifiers = new Set();
  for (const match of code.matchAll(/\bimport\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*\)/g)) specifiers.add(match[2]);
  return [...specifiers];
}

/**
 * The files (relative to dist) a page downloads for `entries`: each entry plus every chunk it imports
 * statically, transitively. Files in `loaded` (already on the page) are neither counted nor followed.
 */
function closure(dist, entries, loaded = []) {
  const seen = new Set(loaded);
  const files = [];
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
    const code = readFileSync(join(dist, file), "utf8");
    for (const specifier of staticImports(code)) visit(posix.normalize(posix.join(posix.dirname(file), specifier)));
  };
  entries.forEach(visit);
  return files;
}

function group(dist, files) {
  const parts = files.map((file) => ({ file, ...sizesOf(readFileSync(join(dist, file))) }));
  // Each file is its own request, compressed on its own: the group's size is the sum.
  const sum = (key) => parts.reduce((total, part) => total + part[key], 0);
  return { files, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli"), parts };
}

/**
 * Measures the script-tag build in `dist` (default: this project's dist/).
 * - loader: dist/nudge.js, the line a shop pastes.
 * - runtime: dist/nudge.runtime.js, loaded by the loader on every page.
 * - loader+runtime: both, what every page pays.
 * - validator: the validate chunk and what it imports (loaded only when the rules file changed).
 * - consent-signals: the Consent Mode / TCF reader (loaded only with data-consent="auto").
 * - datalayer-ga4, datalayer-ua: the chunk that maps GA4 events, and the one that maps Enhanced Ecommerce
 *   (Yandex Metrica) objects, loaded only on a page whose dataLayer holds one.
 * - customer-card: the customer card's facts, guards and loader, loaded only for a visitor with a card, an
 *   order, or a token to identify with.
 * - occasional-calls: identify, consent, forget and registerWidget (loaded on the first such call).
 * - argument-messages: the warning texts of rejected calls (loaded with the first wrong call).
 * - profile-adopt: the profile's switch from memory to real storage (loaded when consent to store is granted after start).
 * - modal-lock: the cross-tab modal lock (loaded with the first modal about to show).
 * - one row per built-in widget (each folder of widgets/ but shared): its chunk, the renderer and show-path
 *   chunks (loaded with the first widget) and everything they import (Preact…): what the page downloads when
 *   that widget is the first to show. The runtime is already loaded, so not counted.
 * - `<widget>+<chunk>` for each chunk a widget loads itself with import() (the popup's lead form, its countdown
 *   and coupon): the widget's row plus that chunk and what it imports, what a widget that uses it downloads;
 *   and `<widget>+<chunk>+<chunk>…` with all of them (a popup with a form and a coupon).
 */
export function measure(dist = join(ROOT, "dist")) {
  const loader = "nudge.js";
  const runtime = "nudge.runtime.js";
  const validator = chunk(dist, "chunks", "check-rules-");
  const renderer = chunk(dist, "chunks", "renderer-");
  // The show path rides in the renderer chunk (rollup.config.mjs); a build that splits it out counts it here.
  const showPath = readdirSync(join(dist, "chunks")).some((name) => name.startsWith("show-path-")) ? [chunk(dist, "chunks", "show-path-")] : [];
  const widgets = {};
  for (const type of widgetTypes()) {
    const main = chunk(dist, "chunks", `${type}-`);
    const files = closure(dist, [main, renderer, ...showPath], [runtime]);
    widgets[type] = group(dist, files);
    const lazy = dynamicImports(readFileSync(join(dist, main), "utf8")).map((specifier) => posix.normalize(posix.join(posix.dirname(main), specifier)));
    for (const file of lazy) widgets[`${type}+${chunkName(file)}`] = group(dist, [...files, ...closure(dist, [file], [runtime, ...files])]);
    if (lazy.length > 1) widgets[[type, ...lazy.map(chunkName)].join("+")] = group(dist, [...files, ...closure(dist, lazy, [runtime, ...files])]);
  }
  return {
    loader: group(dist, [loader]),
    runtime: group(dist, [runtime]),
    "loader+runtime": group(dist, [loader, runtime]),
    validator: group(dist, closure(dist, [validator], [runtime])),
    "occasional-calls": group(dist, closure(dist, [chunk(dist, "chunks", "occasional-calls-")], [runtime])),
    "argument-messages": group(dist, closure(dist, [chunk(dist, "chunks", "argument-messages-")], [runtime])),
    "profile-adopt": group(dist, closure(dist, [chunk(dist, "chunks", "profile-adopt-")], [runtime])),
    "modal-lock": group(dist, closure(dist, [chunk(dist, "chunks", "modal-lock-")], [runtime])),
    "consent-signals": group(dist, closure(dist, [chunk(dist, "chunks", "consent-signals-")], [runtime])),
    "datalayer-ga4": group(dist, closure(dist, [chunk(dist, "chunks", "ga4-")], [runtime])),
    "datalayer-ua": group(dist, closure(dist, [chunk(dist, "chunks", "ecommerce-ua-")], [runtime])),
    "customer-card": group(dist, closure(dist, [chunk(dist, "chunks", "customer-chunk-")], [runtime])),
    ...widgets,
  };
}

/** A chunk's name without its directory and content hash: "chunks/form-block-DEC6j8Ms.js" → "form-block". */
function chunkName(file) {
  return posix.basename(file).replace(/-[\w-]{8}\.js$/, "");
}

/** The built-in widget types: the folders of widgets/ (but shared). Each one's chunk is named after it. */
export function widgetTypes() {
  return readdirSync(join(ROOT, "widgets"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "shared")
    .map((entry) => entry.name)
    .sort();
}

/** The README's size table (between the `sizes:start` / `sizes:end` markers), made from a measurement. */
export function readmeTable(results) {
  const rows = Object.entries(results).map(([name, r]) => `| ${name} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
  return ["| bundle | minified | gzip | brotli |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}

const README_BLOCK = /(<!-- sizes:start -->\n)[\s\S]*?(\n<!-- sizes:end -->)/;

/** The table the README shows now, or undefined when the markers are missing. */
export function readmeSizes(readme) {
  const match = README_BLOCK.exec(readme);
  return match ? match[0].slice(match[1].length, match[0].length - match[2].length) : undefined;
}

function printTable(results) {
  const rows = Object.entries(results).map(([name, r]) => [name, r.raw, r.gzip, r.brotli, r.files.join(" + ")]);
  const head = ["bundle", "raw", "gzip", "brotli", "files"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i > 0 && i < 4 ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = process.argv[2] && !process.argv[2].startsWith("--") ? resolve(process.argv[2]) : join(ROOT, "dist");
  try {
    const results = measure(dist);
    printTable(results);
    if (process.argv.includes("--readme")) {
      const file = join(ROOT, "README.md");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(README_BLOCK, (_, start, end) => `${start}${readmeTable(results)}${end}`),
      );
      console.log("README.md size table updated");
    }
  } catch (error) {
    console.error(`sizes: ${error.message} (run \`npm run build\` first, in ${relative(process.cwd(), ROOT) || "."})`);
    process.exitCode = 1;
  }
}
