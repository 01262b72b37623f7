import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { browserFiles, browserTargets, checkApis, checkBrowsers, checkSyntax } from "../../scripts/check-browsers.mjs";

/*
 * The support statement (README, "Supported browsers"): Safari and iOS 14, Firefox 79, Chromium 85
 * and later, as package.json's "browserslist". `npm run build` runs scripts/check-browsers.mjs on
 * dist/; these tests run the same functions on the build, and on a copy of it with a probe chunk
 * that goes beyond the targets, to show the check can fail.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const DIST = join(ROOT, "dist");
const temp = mkdtempSync(join(tmpdir(), "nudge-browsers-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the script-tag build with one extra chunk holding `source`. */
function buildWithProbe(name: string, source: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, "chunks"), { recursive: true });
  for (const file of ["nudge.js", "nudge.runtime.js"]) cpSync(join(DIST, file), join(dir, file));
  writeFileSync(join(dir, "chunks", "probe.js"), source);
  return dir;
}

describe("the build's browser check", () => {
  it("the targets are the README's support statement", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/Supported browsers:\*\* Safari and iOS 14, Firefox 79, Chromium 85/);
    expect(browserTargets()).toEqual(expect.arrayContaining(["safari >= 14", "ios_saf >= 14", "firefox >= 79", "chrome >= 85", "edge >= 85"]));
  });

  it("the built files pass: the runtime and chunks ES2021, the loader ES2020, every API within the targets", async () => {
    const files: string[] = browserFiles(DIST);
    // The script tag's files and the npm widgets a bundler ships, not the CLI's Node code.
    expect(files).toEqual(expect.arrayContaining([join(DIST, "nudge.js"), join(DIST, "nudge.runtime.js"), join(DIST, "esm/widgets/popup.js"), join(DIST, "esm/index.js")]));
    expect(files.some((f) => f.includes("/chunks/popup-"))).toBe(true);
    expect(files).not.toContain(join(DIST, "esm/cli.js"));
    expect(await checkBrowsers(DIST)).toEqual([]);
  });

  it("fails naming the file and the API when a chunk uses what Safari 14 lacks (structuredClone, Object.hasOwn, [].at)", async () => {
    const dir = buildWithProbe(
      "api",
      'export const copy = (v) => structuredClone(v);\nexport const own = (o) => Object.hasOwn(o, "k");\nexport const last = () => [1, 2].at(-1);\n',
    );
    const problems: string[] = await checkBrowsers(dir);
    const text = problems.join("\n");
    expect(text).toMatch(/chunks\/probe\.js:1:\d+: structuredClone is not supported in Safari 14/);
    expect(text).toMatch(/chunks\/probe\.js:2:\d+: Object\.hasOwn\(\) is not supported in Safari 14/);
    expect(text).toMatch(/chunks\/probe\.js:3:\d+: Array\.at\(\) is not supported in Safari 14/);
    // es-check's feature check says the same of the ES2022 built-ins, by file.
    expect(text).toMatch(/chunks\/probe\.js: beyond ES2021 .*ObjectHasOwn/);
  });

  it("fails on a browser API beyond the targets, and honours a call guarded by feature detection", async () => {
    const dir = buildWithProbe(
      "guard",
      'export function idle(f) { if (typeof requestIdleCallback === "function") requestIdleCallback(f); }\nexport const now = (f) => requestIdleCallback(f);\n',
    );
    const problems: string[] = await checkApis(browserFiles(dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/chunks\/probe\.js:2:\d+: requestIdleCallback is not supported in Safari 14/);
  });

  it("fails on syntax beyond the target: the runtime is not ES2019, a class field is not ES2020 in the loader", () => {
    expect(checkSyntax(DIST, [{ what: "the runtime", version: "es2019", module: true, files: ["nudge.runtime.js"] }]).join("\n")).toMatch(/nudge\.runtime\.js: beyond ES2019/);
    const dir = buildWithProbe("syntax", "");
    writeFileSync(join(dir, "nudge.js"), "class Loader { queue = []; }\n");
    expect(checkSyntax(dir).join("\n")).toMatch(/nudge\.js: beyond ES2020 \(the script-tag loader\)/);
  });

  it("tsc refuses ES2022 built-ins in the sources, where the receiver's type is known ((xs: T[]).at, which neither checker above can see in built code)", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const probe = join(temp, "probe.ts");
    writeFileSync(probe, 'export const last = (xs: string[]) => xs.at(-1);\nexport const own = (o: object) => Object.hasOwn(o, "k");\n');
    const program = ts.createProgram([probe], { ...config.options, noEmit: true, types: [] });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
    expect(errors.join("\n")).toMatch(/Property 'at' does not exist on type 'string\[\]'/);
    expect(errors.join("\n")).toMatch(/Property 'hasOwn' does not exist/);
  });
});
