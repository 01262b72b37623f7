import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The type tests (test/types/*.ts): right calls of the public API compile, wrong ones fail `tsc`.
// Run twice: against the published types (dist/types, through package.json "exports", as an app
// sees them), and against the source with every `@ts-expect-error` taken out, where each marked
// line must fail with the error code written on its marker and no other line may fail.
const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, "test/types");
const files = readdirSync(DIR).filter((f) => f.endsWith(".ts"));

function tsc(project: string) {
  const child = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", project, "--pretty", "false"], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  const errors = [...child.stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
    file: m[1].split("/").pop()!,
    line: Number(m[2]),
    code: m[3],
    message: m[4],
  }));
  return { status: child.status, output: child.stdout + child.stderr, errors };
}

/** `// @ts-expect-error TS2345 why` markers: the line each one covers, and the code it expects. */
function markers(text: string) {
  return text.split("\n").flatMap((line, index) => {
    const marker = /\/\/ @ts-expect-error (TS\d+) /.exec(line);
    return marker ? [{ line: index + 2, code: marker[1] }] : [];
  });
}

describe("type tests", () => {
  it("there are wrong calls to check", () => {
    expect(files).toContain("api.ts");
    expect(markers(readFileSync(join(DIR, "api.ts"), "utf8")).length).toBeGreaterThan(30);
  });

  it("compile against the published types: every right call passes, every wrong call is an error", () => {
    const run = tsc("test/types/tsconfig.json");
    expect(run.output).toBe("");
    expect(run.status).toBe(0);
  });

  it("each wrong call fails for its own reason (source types, markers removed)", () => {
    const out = join(ROOT, ".tmp/type-tests");
    mkdirSync(out, { recursive: true });
    const expected: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(DIR, file), "utf8");
      for (const { line, code } of markers(text)) expected.push(`${file}:${line} ${code}`);
      // The marker becomes a plain comment: line numbers stay, the error is no longer expected.
      writeFileSync(join(out, file), text.replaceAll("// @ts-expect-error", "// expected:"));
    }
    const config = JSON.parse(readFileSync(join(DIR, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    config.compilerOptions.paths = { "nudge-sdk": [join(ROOT, "src/index.ts")] };
    config.compilerOptions.jsx = "react-jsx";
    config.compilerOptions.jsxImportSource = "preact";
    writeFileSync(join(out, "tsconfig.json"), JSON.stringify(config, null, 2));
    const run = tsc(join(out, "tsconfig.json"));
    // One error per marked line (an object literal can raise more than one on its line).
    const found = [...new Set(run.errors.map((e) => `${e.file}:${e.line} ${e.code}`))];
    expect(found.sort()).toEqual(expected.sort());
  });
});
