import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The corpus of issue 18: broken rules files, each a real mistake, each stating what `nudge validate`
// must say about it (test/fixtures/broken-rules/expected.json). Run through the built CLI, as a user would.
const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, "test/fixtures/broken-rules");

interface Expected {
  path: string;
  severity: "error" | "warning";
  message: string;
}
interface Entry {
  kind: string;
  expect?: Expected[];
  syntax?: string;
}
interface Report {
  valid: boolean;
  errors: number;
  warnings: number;
  problems: Array<{ path: string; message: string; severity?: "warning" }>;
}

const { files } = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as { files: Record<string, Entry> };

function validate(file: string, ...flags: string[]) {
  const child = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "validate", join(DIR, file), ...flags], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Words of the validation library and of the code, which a marketer cannot act on. */
const INTERNAL =
  /too_big|too_small|invalid_type|invalid_value|invalid_union|invalid_format|unrecognized_keys|Invalid input|\bzod\b|\bcustom\b|undefined|\[object|NaN|\bissue\b|expected record|expected int\b/;

const messages: string[] = [];

describe("the broken-rules corpus", () => {
  it("has at least 40 files, each with its kind and expected message", () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(40);
    for (const [file, entry] of Object.entries(files)) expect([file, !!entry.kind, !!(entry.expect?.length || entry.syntax)]).toEqual([file, true, true]);
  });

  it.each(Object.entries(files).filter(([, e]) => e.expect))("%s: nudge validate names the path and the fix", (file, entry) => {
    const { status, stdout } = validate(file, "--json");
    const report = JSON.parse(stdout) as Report;
    for (const expected of entry.expect!) {
      const found = report.problems.find((p) => p.path === expected.path && p.message.includes(expected.message));
      expect(found, `${file}: no problem at ${expected.path} saying ${expected.message}; got ${JSON.stringify(report.problems, null, 1)}`).toBeDefined();
      expect(found!.severity ?? "error").toBe(expected.severity);
    }
    // Exit codes: 1 with an error; 0 with warnings only, and 1 for them under --strict.
    const hasError = report.errors > 0;
    expect(status).toBe(hasError ? 1 : 0);
    if (!hasError) expect(validate(file, "--strict").status).toBe(1);
    messages.push(...report.problems.map((p) => p.message));
  });

  it.each(Object.entries(files).filter(([, e]) => e.syntax))("%s: a JSON syntax error gives line, column and the line quoted", (file, entry) => {
    const { status, stderr } = validate(file);
    expect(status).toBe(1);
    expect(stderr).toContain(entry.syntax!);
    const line = Number(/line (\d+)/.exec(entry.syntax!)![1]);
    const quoted = readFileSync(join(DIR, file), "utf8").split("\n")[line - 1];
    expect(stderr).toContain(`${line} | ${quoted}`);
    messages.push(stderr);
  });

  it("no message uses the validation library's codes or internal words", () => {
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.filter((m) => INTERNAL.test(m))).toEqual([]);
  });
});
