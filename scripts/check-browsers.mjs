// The support statement (README, "Supported browsers"; package.json "browserslist") checked on the
// files a browser downloads: their syntax with es-check, their browser and ES APIs with
// eslint-plugin-compat. `npm run build` runs it and fails naming the file and what is beyond the
// target; test/package/syntax.test.ts runs the same functions. `node scripts/check-browsers.mjs [dir]`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
// es-check exports no package.json; its main file sits beside the CLI.
const ES_CHECK = join(dirname(require.resolve("es-check")), "cli/index.js");

/**
 * What each shipped file must parse as. ES2021 is the newest syntax in them (logical assignment,
 * which a dependency may ship); the loader a shop pastes is a classic script and stays at ES2020.
 * `--checkFeatures` also rejects newer built-ins by name (`.at(`, `Object.hasOwn`, ...).
 */
export const SYNTAX_TARGETS = [
  { what: "the runtime and its chunks", version: "es2021", module: true, files: ["nudge.runtime.js", "chunks/*.js"] },
  { what: "the script-tag loader", version: "es2020", module: false, files: ["nudge.js"] },
];

/** A path as a message shows it: from the project folder when inside it. */
const shown = (path) => (relative(ROOT, path).startsWith("..") ? path : relative(ROOT, path) || ".");

/** The browserslist query in package.json, the one source of the targets. */
export function browserTargets(root = ROOT) {
  const targets = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).browserslist;
  if (!Array.isArray(targets) || targets.length === 0) throw new Error(`${join(root, "package.json")}: no "browserslist" list of target browsers`);
  return targets;
}

/**
 * APIs Nudge provides itself in place of the browser's. None: Nudge ships no polyfill. Calls it
 * makes only where the API exists are guarded at the call, which the plugin honours (`typeof X`)
 * or cannot see (reached through `env.window`): BroadcastChannel (src/profile/tabs.ts,
 * src/decide/modal-lock.ts: else the `storage` event), constructable stylesheets
 * (src/render/renderer.tsx canAdopt, src/debug/panel.ts: else `<style>`), IntersectionObserver
 * (renderer.tsx, src/track/signals/element.ts: else never fires), visualViewport (renderer.tsx),
 * crypto.randomUUID (src/measure/pipeline.ts), navigator.sendBeacon (src/measure/beacon.ts),
 * navigator.clipboard (widgets: in try, else the code is selected). test/browser/missing-apis.test.ts
 * and the engines' "older browsers" journey delete the ones a supported browser may lack.
 */
export const POLYFILLS = [];

/**
 * Runs es-check on `dir` (a build folder) for each target. Returns one line per problem, naming
 * the file and what es-check found.
 */
export function checkSyntax(dir, targets = SYNTAX_TARGETS) {
  const problems = [];
  for (const target of targets) {
    const args = [ES_CHECK, target.version, "--checkFeatures", "--noColor", ...(target.module ? ["--module"] : []), ...target.files];
    const child = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: 120_000 });
    if (child.status === 0) continue;
    const output = `${child.stdout}\n${child.stderr}`;
    const files = [...output.matchAll(/erroring file: (.+)/g)].map((m) => m[1].trim());
    const errors = [...output.matchAll(/· error: (.+)/g)].map((m) => m[1].trim());
    if (files.length === 0) problems.push(`${target.what} (${target.files.join(", ")}): es-check failed: ${output.trim().split("\n").slice(0, 5).join(" ")}`);
    files.forEach((file, i) =>
      problems.push(`${shown(join(dir, file.split(" at ")[0]))}: beyond ${target.version.toUpperCase()} (${target.what}): ${errors[i] ?? "see es-check's output"}`),
    );
  }
  return problems;
}

/** Relative imports of an ES module's text, static and dynamic. */
const importsOf = (text) => [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);

/**
 * The browser files of a build: the script tag's loader, runtime and chunks, and every module the
 * npm entries a page bundles reach (not the CLI's, which runs in Node).
 */
export function browserFiles(dir) {
  const files = new Set(["nudge.js", "nudge.runtime.js"].map((f) => join(dir, f)).filter(existsSync));
  const chunks = join(dir, "chunks");
  if (existsSync(chunks)) for (const f of readdirSync(chunks)) if (f.endsWith(".js")) files.add(join(chunks, f));
  const esm = join(dir, "esm");
  const queue = ["index.js", "rules.js", "react.js", "measure.js"].map((f) => join(esm, f));
  if (existsSync(join(esm, "widgets"))) for (const f of readdirSync(join(esm, "widgets"))) if (f.endsWith(".js")) queue.push(join(esm, "widgets", f));
  while (queue.length > 0) {
    const file = queue.pop();
    if (files.has(file) || !existsSync(file)) continue;
    files.add(file);
    for (const spec of importsOf(readFileSync(file, "utf8"))) queue.push(resolve(dirname(file), spec));
  }
  return [...files];
}

/**
 * Lints `files` with eslint-plugin-compat against the package's browserslist (ES built-ins too).
 * Returns one line per use beyond the targets: file:line:column and the plugin's message, which
 * names the API and the browsers that lack it.
 */
export async function checkApis(files, { root = ROOT, polyfills = POLYFILLS } = {}) {
  const [{ ESLint }, { default: compat }] = await Promise.all([import("eslint"), import("eslint-plugin-compat")]);
  const eslint = new ESLint({
    // Base path "/": ESLint skips files outside its base path, and a build may be in a temp folder.
    cwd: "/",
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      {
        files: ["**/*.js", "**/*.mjs"],
        languageOptions: { ecmaVersion: "latest", sourceType: "module" },
        linterOptions: { reportUnusedDisableDirectives: "off", noInlineConfig: true },
        plugins: { compat },
        rules: { "compat/compat": "error" },
        settings: { browsers: browserTargets(root), polyfills, lintAllEsApis: true },
      },
    ],
  });
  const problems = [];
  for (const result of await eslint.lintFiles(files)) {
    for (const message of result.messages) {
      const where = `${shown(result.filePath)}:${message.line}:${message.column}`;
      problems.push(message.ruleId ? `${where}: ${message.message}` : `${where}: could not be checked: ${message.message}`);
    }
  }
  return problems;
}

/** Both checks on a build folder; an empty list when everything is within the targets. */
export async function checkBrowsers(dir = join(ROOT, "dist")) {
  return [...checkSyntax(dir), ...(await checkApis(browserFiles(dir)))];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(ROOT, "dist"));
  const problems = await checkBrowsers(dir);
  if (problems.length > 0) {
    console.error(`Beyond the supported browsers (${browserTargets().join(", ")}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`browser check: syntax and APIs of ${shown(dir)} within ${browserTargets().join(", ")}`);
}
