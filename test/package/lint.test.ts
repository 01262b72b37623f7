import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * One tool lints and formats the repository: Biome, configured once in biome.jsonc (`npm run lint`,
 * `npm run format`). This test makes `npm test` and CI fail on a lint finding or unformatted code.
 */
const ROOT = resolve(import.meta.dirname, "../..");

function biome(args: string[], input?: string) {
  const child = spawnSync("npx", ["--no-install", "biome", ...args], { cwd: ROOT, encoding: "utf8", input, timeout: 120_000 });
  return { status: child.status, output: `${child.stdout}\n${child.stderr}` };
}

describe("lint and format (Biome)", () => {
  it("biome check passes on the whole repository", () => {
    const result = biome(["check", "--max-diagnostics=50", "."]);
    expect(result.status, result.output).toBe(0);
  });

  it("the check can fail: loose equality in a source file is reported with biome.jsonc's rules", () => {
    // A scratch project with this repository's biome.jsonc, so the probe never lands in src/.
    const dir = mkdtempSync(join(tmpdir(), "nudge-lint-"));
    try {
      copyFileSync(join(ROOT, "biome.jsonc"), join(dir, "biome.jsonc"));
      mkdirSync(join(dir, "src"));
      writeFileSync(join(dir, "src/probe.ts"), "export const same = (a: unknown, b: unknown): boolean => a == b;\n");
      const child = spawnSync(join(ROOT, "node_modules/.bin/biome"), ["lint", "--vcs-enabled=false", "."], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      const output = `${child.stdout}\n${child.stderr}`;
      expect(child.status, output).not.toBe(0);
      expect(output).toContain("noDoubleEquals");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the check can fail: code not in the configured format is reported", () => {
    const result = biome(["check", "--stdin-file-path=src/probe.ts"], "export const quote = 'single';\n");
    expect(result.status, result.output).not.toBe(0);
  });
});
