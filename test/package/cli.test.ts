import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nudge(...args: string[]) {
  const child = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const shop = JSON.parse(readFileSync(join(ROOT, "examples/shop/rules.json"), "utf8"));

// One widget broken in three ways, one valid: the valid one stays usable.
const broken = {
  version: 1,
  widgets: [
    { id: "ok", type: "popup", content: { title: "Hi" } },
    { id: "bad", type: "popup", priorty: 1, trigger: { type: "delay", after: "6 secs" }, content: { title: "", cta: { label: "Go", href: "javascript:alert(1)" } } },
    { id: "ok", type: "popup", content: { title: "Again" } },
  ],
};
const brokenPaths = ["widgets[1]", "widgets[1].trigger.after", "widgets[1].content.title", "widgets[1].content.cta.href", "widgets[2].id"];

describe("nudge validate", () => {
  it("the shop example: exit 0 and a one-line summary on stdout", () => {
    const { status, stdout, stderr } = nudge("validate", "examples/shop/rules.json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const count = JSON.parse(readFileSync(join(ROOT, "examples/shop/rules.json"), "utf8")).widgets.length;
    expect(stdout.trim()).toBe(`examples/shop/rules.json: valid, ${count} widget(s)`);
  });

  it("a broken file: exit 1, every problem's path and message on stderr, and what is still usable", () => {
    const file = writeJson("broken.json", broken);
    const { status, stdout, stderr } = nudge("validate", file);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${file}: ${brokenPaths.length} problem(s), ${brokenPaths.length} error(s) and 0 warning(s)`);
    expect(stderr).toContain('  widgets[1]: unknown key "priorty" (did you mean "priority"?)');
    expect(stderr).toContain("  widgets[1].trigger.after: expected a duration");
    expect(stderr).toContain("  widgets[1].content.title: must not be empty");
    expect(stderr).toContain("  widgets[1].content.cta.href: must be an http(s) or relative URL");
    expect(stderr).toContain('  widgets[2].id: duplicate id "ok"');
    expect(stderr).toContain("1 widget(s) are still usable.");
  });

  it("a broken envelope: exit 1 and says the file cannot be used", () => {
    const file = writeJson("envelope.json", { ...shop, settings: { ...shop.settings, currency: "usd" } });
    const { status, stderr } = nudge("validate", file);
    expect(status).toBe(1);
    expect(stderr).toContain("  settings.currency: expected a 3-letter ISO 4217 code");
    expect(stderr).toContain("The file cannot be used as it is.");
  });

  it("--json: machine-readable result on stdout for a valid file", () => {
    const { status, stdout } = nudge("validate", "examples/shop/rules.json", "--json");
    expect(status).toBe(0);
    const count = JSON.parse(readFileSync(join(ROOT, "examples/shop/rules.json"), "utf8")).widgets.length;
    expect(JSON.parse(stdout)).toEqual({ file: "examples/shop/rules.json", valid: true, widgets: count, errors: 0, warnings: 0, problems: [] });
  });

  it("--json: every problem with path and message, exit 1, for a broken file", () => {
    const file = writeJson("broken-json.json", broken);
    const { status, stdout } = nudge("validate", file, "--json");
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { file: string; valid: boolean; widgets: number; problems: Array<{ path: string; message: string }> };
    expect(report.file).toBe(file);
    expect(report.valid).toBe(false);
    expect(report.widgets).toBe(1);
    expect(report.problems.map((p) => p.path).sort()).toEqual([...brokenPaths].sort());
    for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(5);
  });

  it("a missing file: exit 2 and a clear message naming the file", () => {
    const file = join(tmp, "does-not-exist.json");
    const { status, stdout, stderr } = nudge("validate", file);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/ENOENT|no such file/i);
    expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
  });

  it("a file that is not JSON: exit 1, the line and column, the line quoted and what is wrong", () => {
    const file = join(tmp, "not-json.json");
    writeFileSync(file, '{\n  "version": 1,\n  "widgets": [\n    { "id": "a", type: "popup" }\n  ]\n}\n');
    const { status, stderr } = nudge("validate", file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}: not valid JSON, line 4, column 18: a key in double quotes is expected here`);
    expect(stderr).toContain('  4 |     { "id": "a", type: "popup" }\n');
    expect(stderr).toContain(`\n      ${" ".repeat(17)}^`);
    expect(stderr).not.toMatch(/position|^\s+at /m);
  });

  it("warnings alone exit 0, and 1 with --strict; --widget declares a custom type", () => {
    const file = writeJson("warnings.json", { version: 1, widgets: [{ id: "a", type: "popup", when: { "visitor.visit": { $gte: 2 } }, content: { title: "Hi" } }] });
    const plain = nudge("validate", file);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain('  widgets[0].when.visitor.visit: unknown fact "visitor.visit" (did you mean "visitor.visits"?)');
    expect(plain.stderr).toContain("1 widget(s) are still usable.");
    expect(nudge("validate", file, "--strict").status).toBe(1);

    const custom = writeJson("custom.json", { version: 1, widgets: [{ id: "a", type: "banner", content: { text: "Hi" } }] });
    expect(nudge("validate", custom)).toMatchObject({ status: 1, stderr: expect.stringContaining('"settings": {"customWidgets": ["banner"]}') });
    expect(nudge("validate", custom, "--widget", "banner")).toMatchObject({ status: 0, stderr: "" });
  });

  it("no file or an unknown command: usage on stderr, exit 2", () => {
    for (const args of [["validate"], ["frobnicate"], []]) {
      const { status, stderr } = nudge(...args);
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain("Usage:");
      expect(stderr).toContain("nudge validate <rules.json>");
    }
  });
});

describe("nudge schema", () => {
  it("prints the JSON Schema (draft 2020-12), identical to dist/rules.schema.json", () => {
    const { status, stdout, stderr } = nudge("schema");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties).sort()).toEqual(["$schema", "segments", "settings", "version", "widgets"]);
    expect(schema.required).toEqual(expect.arrayContaining(["version", "widgets"]));
    expect(schema).toEqual(JSON.parse(readFileSync(join(ROOT, "dist/rules.schema.json"), "utf8")));
  });
});

describe("nudge help and nudge init (from this repository's build)", () => {
  it("nudge help prints the usage on stdout, init included, exit 0", () => {
    const { status, stdout } = nudge("help");
    expect(status).toBe(0);
    expect(stdout).toContain("nudge init [folder] [--keep-rules]");
  });

  it("init: a second folder or an unknown option is a usage error (exit 2), and nothing is written", () => {
    for (const args of [["a", "b"], ["--force"]]) {
      const { status, stderr } = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "init", ...args], { cwd: tmp, encoding: "utf8" });
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain("Usage: nudge init [folder] [--keep-rules]");
    }
    expect(existsSync(join(tmp, "nudge"))).toBe(false);
  });

  it("init treats a rules file that is not even JSON as changed: exit 1, the file kept, nothing written", () => {
    const site = join(tmp, "broken-site");
    mkdirSync(site);
    writeFileSync(join(site, "nudge-rules.json"), "{ my rules, half typed");
    const { status, stderr } = nudge("init", site);
    expect(status).toBe(1);
    expect(stderr).toContain("nudge-rules.json has changes of yours");
    expect(readFileSync(join(site, "nudge-rules.json"), "utf8")).toBe("{ my rules, half typed");
    expect(readdirSync(site)).toEqual(["nudge-rules.json"]);
  });

  it("init: the starter rules from an older version (another $schema pin) count as unchanged and are refreshed", () => {
    const site = join(tmp, "old-site");
    expect(nudge("init", site).status).toBe(0);
    const rules = JSON.parse(readFileSync(join(site, "nudge-rules.json"), "utf8"));
    const current = rules.$schema;
    writeFileSync(join(site, "nudge-rules.json"), JSON.stringify({ ...rules, $schema: "https://unpkg.com/nudge-sdk@0.0.9/dist/rules.schema.json" }));
    const { status, stdout } = nudge("init", site);
    expect(status).toBe(0);
    expect(stdout).toContain("refreshed");
    expect(JSON.parse(readFileSync(join(site, "nudge-rules.json"), "utf8")).$schema).toBe(current);
  });
});
