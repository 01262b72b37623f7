import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { dynamicImports, measure, readmeSizes, readmeTable, sizesOf, staticImports } from "../../scripts/sizes.mjs";

interface Sizes {
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

const ROOT = resolve(import.meta.dirname, "../..");

/** Budgets in brotli bytes, until package.json has a top-level "budgets" field (which then wins). */
const FALLBACK_BUDGETS: Record<string, number> = {
  loader: 600,
  runtime: 10_000,
  "loader+runtime": 10_240,
  validator: 11_000,
  popup: 9_500, // popup chunk + Preact + renderer: what the page downloads when the first popup shows
};

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { budgets?: Record<string, number> };
const budgets = pkg.budgets ?? FALLBACK_BUDGETS;

describe("scripts/sizes.mjs", () => {
  it("finds static imports in minified code, not dynamic ones", () => {
    const code = 'import{a as b}from"./jsx-1.js";import"./side.js";export{c}from"../up.js";const d=()=>import("./lazy.js");const e="from ./x.js";';
    expect(staticImports(code)).toEqual(["./jsx-1.js", "./side.js", "../up.js"]);
    expect(dynamicImports(code)).toEqual(["./lazy.js"]);
  });

  it("compresses: brotli ≤ gzip ≤ raw for real code", () => {
    const bytes = readFileSync(join(ROOT, "dist/nudge.runtime.js"));
    const sizes = sizesOf(bytes);
    expect(sizes.raw).toBe(bytes.length);
    expect(sizes.gzip).toBeLessThan(sizes.raw);
    expect(sizes.brotli).toBeLessThanOrEqual(sizes.gzip);
  });

  it("the popup group holds the popup, the renderer and Preact, and not the runtime already on the page", () => {
    const { popup } = measure() as Record<string, Sizes>;
    const names = popup.files.join(" ");
    expect(names).toMatch(/chunks\/popup-[^ ]+\.js/);
    expect(names).toMatch(/chunks\/renderer-[^ ]+\.js/);
    expect(popup.files.length).toBeGreaterThanOrEqual(3); // + the shared Preact chunk
    expect(popup.files).not.toContain("nudge.runtime.js");
    for (const file of popup.files) expect(existsSync(join(ROOT, "dist", file)), file).toBe(true);
  });

  it("the runtime imports no chunk statically: the renderer, widgets and the rest load only when used", () => {
    // A module shared with a lazy chunk can make the bundler move it there and import it back eagerly.
    expect(staticImports(readFileSync(join(ROOT, "dist/nudge.runtime.js"), "utf8"))).toEqual([]);
  });

  it("the popup's blocks loaded on demand have rows of their own: the popup's row plus what each adds, none in the popup's row", () => {
    const results = measure() as Record<string, Sizes>;
    const { popup } = results;
    for (const [name, block] of [
      ["popup+form-block", /chunks\/form-block-/],
      ["popup+offer-block", /chunks\/offer-block-/],
      ["popup+cart-block", /chunks\/cart-block-/],
      ["popup+layout-block", /chunks\/layout-block-/],
    ] as const) {
      const row = results[name];
      expect(row, name).toBeDefined();
      expect(row.files.slice(0, popup.files.length)).toEqual(popup.files);
      expect(
        row.files.some((file) => block.test(file)),
        name,
      ).toBe(true);
      expect(
        popup.files.some((file) => block.test(file)),
        `${name}: in the plain popup's row`,
      ).toBe(false);
      expect(row.brotli).toBeGreaterThan(popup.brotli);
    }
    // The row with every chunk the popup loads itself (its blocks, and the coupon claim for a `coupon.pool`).
    const singles = Object.keys(results).filter((name) => /^popup\+[\w-]+$/.test(name));
    const all = results[Object.keys(results).find((name) => name.startsWith("popup+") && name.split("+").length === singles.length + 1)!];
    expect(all.brotli).toBe(singles.reduce((sum, name) => sum + results[name].brotli, 0) - (singles.length - 1) * popup.brotli);
  });
});

describe("byte budgets (brotli)", () => {
  const results = measure() as Record<string, Sizes>;

  it("every budget names a measured bundle, and every bundle has a budget", () => {
    expect(Object.keys(budgets).sort()).toEqual(Object.keys(results).sort());
  });

  it.each(Object.keys(results))("%s is within its budget", (name) => {
    const result = results[name];
    const budget = budgets[name];
    expect(result, `no measurement for ${name}`).toBeDefined();
    expect(typeof budget).toBe("number");
    expect(result.brotli, `${name} (${result.files.join(" + ")}): ${result.brotli} B brotli > budget ${budget} B`).toBeLessThanOrEqual(budget);
  });
});

describe("the README's size table", () => {
  it("shows what the build measures now (update it with `npm run sizes -- --readme`)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readmeSizes(readme)).toBe(readmeTable(measure()));
  });
});
