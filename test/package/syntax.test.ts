import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The support statement (README, "Browsers"): Safari 14, Firefox 79, Chromium 85 and later. What a
 * page downloads must parse there: ES2021 at most (logical assignment, `??=`, is the
 * newest syntax in it), checked on the built files with es-check rather than a hand-written list.
 */
const ROOT = resolve(import.meta.dirname, "../..");

function esCheck(version: string, ...args: string[]) {
  const child = spawnSync("npx", ["--no-install", "es-check", version, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: child.status, output: `${child.stdout}\n${child.stderr}` };
}

describe("the script-tag build's syntax", () => {
  it("the runtime and every chunk parse as ES2021 modules", () => {
    const result = esCheck("es2021", "--module", "dist/nudge.runtime.js", "dist/chunks/*.js");
    expect(result.status, result.output).toBe(0);
  });

  it("the loader a shop pastes parses as a classic ES2020 script", () => {
    const result = esCheck("es2020", "dist/nudge.js");
    expect(result.status, result.output).toBe(0);
  });

  it("the check can fail: the runtime is not ES2019 (it would be, were the check a no-op)", () => {
    expect(esCheck("es2019", "--module", "dist/nudge.runtime.js").status).not.toBe(0);
  });
});
