/// <reference types="node" />
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { PUBLISHED_RULES_FILE, RULES_FILE, SCRIPT_DIR, SNIPPET_FILE, snippet, starterRules } from "./starter-files.js";
import { publishRules } from "../rules/publish.js";
import { validateRules } from "../rules/validate.js";

type Print = (text: string) => void;

/**
 * `nudge init [folder] [--keep-rules]`: copies the package's own built script-tag files (loader,
 * runtime, chunks) into `<folder>/nudge/`, and writes a starter `nudge-rules.json` and a
 * `snippet.html` to paste. Nothing is built. A rules file the owner changed is never overwritten:
 * init then writes nothing and exits 1, unless `--keep-rules` says to update only the script files.
 */
export async function initCommand(args: string[], out: Print, err: Print): Promise<number> {
  const unknown = args.filter((a) => a.startsWith("-") && a !== "--keep-rules");
  const folders = args.filter((a) => !a.startsWith("-"));
  if (unknown.length || folders.length > 1) {
    err(`nudge init: ${unknown.length ? `unknown option ${unknown[0]}` : "expected one folder"}. Usage: nudge init [folder] [--keep-rules]`);
    return 2;
  }
  const keepRules = args.includes("--keep-rules");
  const site = folders[0] ?? ".";
  const shown = (file: string) => relative(process.cwd(), file) || ".";
  const pkg = packageRoot();
  const dist = join(pkg.root, "dist");
  const runtimeFiles = ["nudge.js", "nudge.runtime.js", "chunks"];
  const missing = runtimeFiles.find((name) => !existsSync(join(dist, name)));
  if (missing) {
    err(`nudge init: ${join(dist, missing)} is missing: this copy of nudge-sdk has no built script files (in its repository, run npm run build first).`);
    return 2;
  }

  const rulesFile = join(site, RULES_FILE);
  const starter = starterRules(pkg.version);
  const rules = await rulesState(rulesFile, starter);
  if (rules === "changed" && !keepRules) {
    err(`nudge init: ${shown(rulesFile)} has changes of yours, so init does not overwrite it, and wrote nothing.
  To update the script files and keep your rules: npx nudge-sdk init ${shellWord(site)} --keep-rules
  To start again from the starter rules: rename or delete ${shown(rulesFile)}, then run init again.`);
    return 1;
  }

  const scriptDir = join(site, SCRIPT_DIR);
  const hadScripts = existsSync(join(scriptDir, "nudge.js"));
  try {
    await mkdir(scriptDir, { recursive: true });
    // Chunk names carry a content hash: old ones stay, so a page already open keeps loading its own.
    for (const name of runtimeFiles) await cp(join(dist, name), join(scriptDir, name), { recursive: true, force: true });
    if (rules !== "changed") {
      await writeFile(rulesFile, `${JSON.stringify(starter, null, 2)}\n`);
      // Published as `nudge build` does (validated, then stamped): what the snippet loads. The starter is valid (a test keeps it so).
      const { rules: valid } = validateRules(starter);
      if (valid) await writeFile(join(site, PUBLISHED_RULES_FILE), `${JSON.stringify(publishRules(valid), null, 2)}\n`);
    }
    await writeFile(join(site, SNIPPET_FILE), snippet(pkg.version));
  } catch (error) {
    err(`nudge init: could not write into ${shown(site)}: ${(error as Error).message}`);
    return 1;
  }

  const chunks = (await readdir(join(dist, "chunks"))).length;
  const rulesNote = rules === "changed" ? "yours, kept as it is" : rules === "missing" ? "starter rules: an exit-intent coupon" : "starter rules, unchanged by you (refreshed)";
  out(`Nudge ${pkg.version} ${hadScripts ? "updated" : "set up"} in ${shown(site)}:
  ${join(shown(scriptDir), "nudge.js")}, nudge.runtime.js and chunks/ (${chunks} files)   the script, served from /${SCRIPT_DIR}/
  ${shown(rulesFile)}   ${rulesNote}${rules === "changed" ? "" : `\n  ${shown(join(site, PUBLISHED_RULES_FILE))}   the same, published: what the snippet loads`}
  ${shown(join(site, SNIPPET_FILE))}   paste it into the <head> of every page${
    rules === "changed"
      ? ""
      : `
Next: serve ${shown(site)} as your site's root, open a page with the snippet, wait 3 seconds and move
the pointer quickly out through the top of the window: the coupon shows.`
  }
After editing the rules, publish them (checked, then written to ${PUBLISHED_RULES_FILE}): npx nudge build ${shellWord(shown(rulesFile))}`);
  return 0;
}

/** "missing", "starter" (what init wrote, whatever version's `$schema`), or "changed" (edited, or not even JSON). */
async function rulesState(file: string, starter: Record<string, unknown>): Promise<"missing" | "starter" | "changed"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return "missing";
  }
  try {
    const { $schema: _ignored, ...rest } = JSON.parse(text) as Record<string, unknown>;
    const { $schema: _ours, ...ours } = starter;
    return isDeepStrictEqual(rest, ours) ? "starter" : "changed";
  } catch {
    return "changed";
  }
}

/** This package's folder and version: the nearest package.json named nudge-sdk above this module (dist/esm/… or src/cli/). */
function packageRoot(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "nudge-sdk") return { root: dir, version: manifest.version ?? "0.0.0" };
    } catch {
      // no package.json here: keep going up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("nudge init: cannot find the nudge-sdk package folder");
    dir = parent;
  }
}

/** Quotes a path for the shell when it needs it, so the printed command can be pasted. */
const shellWord = (word: string) => (/^[\w./@:-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
