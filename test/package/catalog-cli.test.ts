import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-catalog-cli-"));
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

const RULES = "examples/shop/rules.json";
/** The shop's rules gain widgets as the product grows: count them rather than fix a number. */
const shopWidgets = JSON.parse(readFileSync(join(ROOT, RULES), "utf8")).widgets.length;
const FEED = "examples/shop/products.json";
const shopFeed = JSON.parse(readFileSync(join(ROOT, FEED), "utf8")) as Array<Record<string, unknown>>;

describe("nudge validate --catalog", () => {
  it("the shop's rules and feed: exit 0, one line for each", () => {
    const { status, stdout, stderr } = nudge("validate", RULES, "--catalog", FEED);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([`${RULES}: valid, ${shopWidgets} widget(s)`, `${FEED}: valid, ${shopFeed.length} product(s)`]);
  });

  it("a feed with bad products: exit 1, every problem with its path, and how many products are still usable", () => {
    const feed = [...shopFeed.slice(0, 3), { ...shopFeed[3], price: "cheap" }, { ...shopFeed[4], url: "javascript:alert(1)" }, { ...shopFeed[5], id: shopFeed[0].id }, 42];
    const file = writeJson("feed.json", feed);
    const { status, stdout, stderr } = nudge("validate", RULES, "--catalog", file);
    expect(status).toBe(1);
    expect(stdout).toContain(`${RULES}: valid, ${shopWidgets} widget(s)`);
    expect(stderr).toContain(`${file}: 4 problem(s)`);
    expect(stderr).toContain("  catalog[3].price: ");
    expect(stderr).toContain("  catalog[4].url: must be an http(s) or relative URL; this product is skipped");
    expect(stderr).toContain(`  catalog[5].id: "${shopFeed[0].id}" appears twice; the first is kept`);
    expect(stderr).toContain("  catalog[6]: ");
    expect(stderr).toContain("3 product(s) are still usable.");
  });

  it("carousel content naming a product or category the feed lacks is a problem", () => {
    const rules = writeJson("rules.json", {
      version: 1,
      widgets: [{ id: "x", type: "carousel", content: { strategy: "bought_together", product: "sku-999", layout: "popup" } }],
    });
    const { status, stderr } = nudge("validate", rules, "--catalog", FEED);
    expect(status).toBe(1);
    expect(stderr).toContain('  widgets[0].content.product: "sku-999" is not a product of the catalog');
  });

  it("--json: the feed's result beside the rules'", () => {
    const file = writeJson("feed-json.json", [shopFeed[0], { id: "x" }]);
    const { status, stdout } = nudge("validate", RULES, "--catalog", file, "--json");
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ valid: true, widgets: shopWidgets, catalog: { file, valid: false, products: 1 } });
    expect(report.catalog.problems.map((p: { path: string }) => p.path)).toEqual(["catalog[1].name"]);
  });

  it("a feed that is missing or not JSON: exit 2 naming the file; no file after --catalog: exit 2", () => {
    const missing = join(tmp, "nope.json");
    expect(nudge("validate", RULES, "--catalog", missing)).toMatchObject({ status: 2, stderr: expect.stringContaining(missing) });
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, "[{");
    expect(nudge("validate", RULES, "--catalog", bad)).toMatchObject({ status: 2, stderr: expect.stringMatching(/bad\.json: .*JSON/) });
    expect(nudge("validate", RULES, "--catalog")).toMatchObject({ status: 2, stderr: expect.stringContaining("--catalog: expected a file name") });
  });
});
