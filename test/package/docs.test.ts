import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/rules/validate.js";
// @ts-expect-error: plain .mjs scripts without type declarations
import { generatedDocs, operatorNames } from "../../scripts/docs.mjs";
// @ts-expect-error: plain .mjs script without type declarations
import { CAPS, OPERATORS, TRIGGERS, WIDGET_TYPES } from "../../scripts/docs/rules-text.mjs";

// The generated references (docs/rules-reference.md from the JSON Schema, docs/api.md from the
// TSDoc) must be what `npm run docs` writes now, and every example in them must be valid.
const ROOT = resolve(import.meta.dirname, "../..");

const problemsOf = (widget: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  validateRules({
    version: 1,
    // The examples test traits such as attributes.email: declared here, as a real file would.
    settings: { traits: ["*"], ...settings },
    segments: { browsing: { "visitor.pagesThisSession": { $gte: 2 } } },
    widgets: [{ id: "w", type: "popup", content: { title: "t" }, ...widget }],
  }).problems;

describe("generated docs", () => {
  const docs = generatedDocs(ROOT) as Record<string, string>;
  it.each(Object.keys(docs))("%s is up to date (regenerate with `npm run docs`)", (file) => {
    expect(readFileSync(join(ROOT, file), "utf8")).toBe(docs[file]);
  });

  it("the rules reference covers every operator the compiler knows", () => {
    expect(Object.keys(OPERATORS).sort()).toEqual([...operatorNames(ROOT)].sort());
    for (const name of operatorNames(ROOT)) expect(docs["docs/rules-reference.md"]).toContain(`| \`${name}\` |`);
  });

  it.each(Object.entries(TRIGGERS as Record<string, { example: unknown }>))("the %s trigger's example is valid", (_, doc) => {
    expect(problemsOf({ trigger: doc.example })).toEqual([]);
  });
  it.each(Object.entries(OPERATORS as Record<string, { example: unknown }>))("the %s operator's example is a valid condition", (_, doc) => {
    expect(problemsOf({ when: doc.example })).toEqual([]);
  });
  it.each(Object.entries(CAPS as Record<string, { frequency?: unknown; settings?: Record<string, unknown> }>))("the %s cap's example is valid", (_, doc) => {
    expect(problemsOf(doc.frequency ? { frequency: doc.frequency } : {}, doc.settings)).toEqual([]);
  });
  it.each(Object.entries(WIDGET_TYPES as Record<string, { content: unknown }>))("the %s widget type's example is valid", (type, doc) => {
    expect(problemsOf({ type, content: doc.content })).toEqual([]);
  });
});

describe("docs links", () => {
  const files = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  it.each(files)("every relative link in %s points to a file that exists", (file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    const links = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)\s#]+)(#[^)]*)?\)/g)].map((m) => m[1]);
    const missing = links.filter((link) => !existsSync(join(ROOT, dirname(file), link)));
    expect(missing).toEqual([]);
  });

  it("the README links each audience's guide and both references", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const doc of ["docs/shop-owner.md", "docs/developer.md", "docs/marketer.md", "docs/recipes.md", "docs/rules-reference.md", "docs/api.md"])
      expect(readme).toContain(`(${doc})`);
  });
});
