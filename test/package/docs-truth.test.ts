import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTimeline } from "../../src/cli/timeline.js";
import { feedProblems } from "../../src/catalog/check-feed.js";
import { parseOffers } from "../../src/collector/coupons/offers.js";
import { builtinWidgets } from "../../src/core/builtin-widgets.js";
import { rulesJsonSchema } from "../../src/rules/schema/json-schema.js";
import { isError } from "../../src/rules/problems.js";
import { validateRules } from "../../src/rules/validate.js";
import { parseCard } from "../../src/profile/customer-card.js";
import { conditionPaths, isObject, knownNames, templatePaths, type KnownNames } from "./docs-truth/facts.js";
import { codeTexts, lineOf, markdownFiles, prose, read as text, ROOT, snippets, type Snippet } from "./docs-truth/markdown.js";

// Docs that are true: every JSON snippet in README.md and docs/ (fenced ```json blocks and inline
// `{…}` spans that parse as JSON) is checked by the code that reads it (the rules validator, the
// timeline parser, the catalog checker; a fragment is wrapped into a minimal file), and every name
// the docs use exists: widget types, fact paths in conditions, templates and prose (against a real
// facts document), `nudge <command>`, `npm run <script>`, `nudge.<method>()`, push commands.
// The facts reference is generated from the catalog, whose own tests check its examples against real facts.
const FILES = ["README.md", ...markdownFiles("docs").filter((file) => file !== "docs/facts-reference.md")];
let known: KnownNames;

// ── What exists, read from the code ─────────────────────────────────────────────────────────────

const WIDGET_TYPES = Object.keys(builtinWidgets);
const schema = rulesJsonSchema() as Record<string, unknown>;
const widgetSchema = (schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>).widgets.items;
const WIDGET_KEYS = Object.keys(widgetSchema.properties);

/** Every `type` a schema object can take (triggers, chatbot steps, popup blocks…): `properties.type.const/enum`. */
function schemaTypeValues(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => schemaTypeValues(n, found));
  else if (isObject(node)) {
    const type = isObject(node.properties) && isObject(node.properties.type) ? node.properties.type : undefined;
    if (typeof type?.const === "string") found.add(type.const);
    if (Array.isArray(type?.enum)) type.enum.forEach((v) => typeof v === "string" && found.add(v));
    Object.values(node).forEach((n) => schemaTypeValues(n, found));
  }
  return found;
}
const TRIGGER_TYPES = [...schemaTypeValues(widgetSchema.properties.trigger)];
const OTHER_TYPE_VALUES = schemaTypeValues(schema);

const packageJson = JSON.parse(text("package.json"));
const SCRIPTS = Object.keys(packageJson.scripts);
/** The CLI's commands, as its dispatcher tells them apart. */
const COMMANDS = [...text("src/cli/main.ts").matchAll(/command === "([\w-]+)"|case "([\w-]+)":/g)].map((m) => m[1] ?? m[2]);

/** Widget types a doc file declares itself (`registerWidget("banner", …)`, `widgets: { banner: … }`). */
function customTypes(file: string): string[] {
  const source = text(file);
  return [...source.matchAll(/registerWidget\(\s*"([\w-]+)"/g), ...source.matchAll(/widgets:\s*\{\s*"?([\w-]+)"?\s*:/g)].map((m) => m[1]);
}

/** Conditions over the facts anywhere in a widget: `when`, and `when` inside its content (the chatbot's branches). */
function widgetConditions(widget: Record<string, unknown>): unknown[] {
  const nested = (value: unknown): unknown[] =>
    Array.isArray(value) ? value.flatMap(nested) : isObject(value) ? Object.entries(value).flatMap(([k, v]) => (k === "when" ? [v, ...nested(v)] : nested(v))) : [];
  return [widget.when, ...nested(widget.content), ...nested(widget.variants)];
}

// ── Classifying a snippet ───────────────────────────────────────────────────────────────────────

type Kind = "rules" | "widgets" | "widget" | "widget part" | "trigger" | "condition" | "timeline" | "catalog" | "trigger list" | "customer card" | "offers";

/** A condition's key: an operator, or a dotted path from a root of the facts document. */
const isConditionKey = (key: string) => key.startsWith("$") || known.isFactRoot(key.split(".")[0]);

function kindOf(value: unknown): Kind | undefined {
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => isObject(v) && "id" in v && "type" in v)) return "widgets";
    if (value.length && value.every((v) => isObject(v) && "id" in v && ("price" in v || "url" in v))) return "catalog";
    if (value.length && value.every((v) => typeof v === "string" && TRIGGER_TYPES.includes(v))) return "trigger list";
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if ("steps" in value) return "timeline";
  if ("orderIds" in value && "orders" in value) return "customer card";
  if ("pools" in value || "wheels" in value) return "offers"; // the collector's offers file (docs/coupons.md)
  if (keys.length && keys.every(isConditionKey) && !(isObject(value.segments) && Object.keys(value.segments).some((k) => !k.startsWith("$")))) return "condition";
  if ("widgets" in value || "version" in value || "settings" in value || "segments" in value) return "rules";
  if ("id" in value && "type" in value) return "widget";
  if (typeof value.type === "string" && TRIGGER_TYPES.includes(value.type) && !WIDGET_TYPES.includes(value.type)) return "trigger";
  if (keys.length && keys.every((k) => WIDGET_KEYS.includes(k))) return "widget part";
  return undefined;
}

/** Segment names a fragment uses (`$segment`, `segments: { $in }`): defined as empty, since the fragment cannot show them. */
function segmentsUsed(value: unknown): Record<string, unknown> {
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      for (const [key, inner] of Object.entries(node)) {
        if (key === "$segment" && typeof inner === "string") names.push(inner);
        else if (key === "segments" && isObject(inner))
          Object.values(inner)
            .flat()
            .forEach((v) => typeof v === "string" && names.push(v));
        walk(inner);
      }
    }
  };
  walk(value);
  return Object.fromEntries(names.map((name) => [name, {}]));
}

const BASE_WIDGET = { id: "doc-snippet", type: "popup", content: { title: "t" } };

/** The snippet as a rules file the validator can read, or null when it is not rules. */
function asRules(kind: Kind, value: unknown): Record<string, unknown> | null {
  const segments = segmentsUsed(value);
  switch (kind) {
    case "rules":
      // A whole file stands as it is; a part of one (settings, segments) gets the rest.
      return isObject(value) && "version" in value ? value : { version: 1, widgets: [], ...(value as object) };
    case "widgets":
      return { version: 1, segments, widgets: value };
    case "widget":
      return { version: 1, segments, widgets: [value] };
    case "widget part":
      return { version: 1, segments, widgets: [{ ...BASE_WIDGET, ...(value as object) }] };
    case "trigger":
      return { version: 1, segments, widgets: [{ ...BASE_WIDGET, trigger: value }] };
    case "condition":
      return { version: 1, segments, widgets: [{ ...BASE_WIDGET, when: value }] };
    default:
      return null;
  }
}

/** Widget ids of the rules snippets in a file: what a timeline on the same page may name. */
function widgetIdsOf(file: string): string[] {
  return snippets(file).flatMap((s) => {
    const kind = kindOf(s.value);
    const rules = kind && kind !== "timeline" && kind !== "offers" ? asRules(kind, s.value) : null;
    return Array.isArray(rules?.widgets)
      ? rules.widgets
          .filter(isObject)
          .map((w) => String(w.id))
          .filter((id) => id !== BASE_WIDGET.id)
      : [];
  });
}

/** Everything wrong with one snippet: its problems as its reader reports them, and names that do not exist. */
function snippetProblems(snippet: Snippet): string[] {
  const { value } = snippet;
  if (value instanceof Error) return [value.message];
  const kind = kindOf(value);
  if (!kind) return snippet.inline ? [] : ["a JSON block this test cannot classify: teach kindOf() what it is"];
  if (kind === "timeline") {
    // Checked against the rules on the same page; a page with none shows a timeline for any rules (its shape is checked).
    const ids = widgetIdsOf(snippet.file);
    return parseTimeline(value, ids.length ? ids : timelineIds(value)).problems.map((p) => `timeline ${p.path}: ${p.message}`);
  }
  if (kind === "catalog") return feedProblems(value).problems.map((p) => `${p.path}: ${p.message}`);
  if (kind === "offers") {
    const offers = parseOffers(value);
    return "problems" in offers ? offers.problems.map((p) => `offers ${p}`) : [];
  }
  if (kind === "trigger list") return [];
  if (kind === "customer card") {
    const card = parseCard(value);
    return typeof card === "string" ? [`customer card: ${card}`] : [];
  }
  const file = asRules(kind, value)!;
  // A snippet is often one widget of a larger file: the validator's warnings (an undeclared trait, a
  // widget id elsewhere in the file) are about that file, and the facts and templates are checked below
  // against the real facts. Its errors count, but a type this page registers in code is not one.
  const custom = customTypes(snippet.file);
  const registered = (path: string) => {
    const widget = Array.isArray(file.widgets) ? file.widgets[Number(/^widgets\[(\d+)\]\.type$/.exec(path)?.[1])] : undefined;
    return isObject(widget) && typeof widget.type === "string" && custom.includes(widget.type);
  };
  const problems = validateRules(file)
    .problems.filter((p) => isError(p) && !registered(p.path))
    .map((p) => `${kind} ${p.path}: ${p.message}`);
  for (const widget of (Array.isArray(file.widgets) ? file.widgets : []).filter(isObject)) {
    for (const path of widgetConditions(widget).flatMap(conditionPaths)) if (!known.factExists(path)) problems.push(`widget "${widget.id}": no fact "${path}"`);
    for (const path of templatePaths([widget.content, widget.variants])) if (!known.factExists(path)) problems.push(`widget "${widget.id}": template {{${path}}} reads no fact`);
  }
  for (const [name, condition] of Object.entries(isObject(file.segments) ? file.segments : {})) {
    for (const path of conditionPaths(condition)) if (!known.factExists(path)) problems.push(`segment "${name}": no fact "${path}"`);
  }
  return problems;
}

/** The widget ids a timeline's `expect` steps name. */
function timelineIds(value: unknown): string[] {
  const steps = isObject(value) && Array.isArray(value.steps) ? value.steps : [];
  return steps.flatMap((step: unknown) => {
    const expectation = isObject(step) && isObject(step.expect) ? step.expect : {};
    return Object.values(expectation).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : isObject(v) ? Object.keys(v) : []));
  });
}

// ── Names in prose and code ─────────────────────────────────────────────────────────────────────

function nameProblems(file: string): string[] {
  const problems: string[] = [];
  const custom = customTypes(file);
  const source = prose(file);
  for (const m of source.matchAll(/`([a-z][\w-]*)` widget\b/g)) {
    if (!WIDGET_TYPES.includes(m[1]) && !custom.includes(m[1])) problems.push(`${file}:${lineOf(source, m.index)}: "the \`${m[1]}\` widget": no such widget type`);
  }
  for (const { line, code } of codeTexts(file)) {
    const at = `${file}:${line}`;
    for (const m of code.matchAll(/"type":\s*"([^"]+)"/g)) {
      if (!WIDGET_TYPES.includes(m[1]) && !custom.includes(m[1]) && !OTHER_TYPE_VALUES.has(m[1])) problems.push(`${at}: "type": "${m[1]}" is no widget, trigger or content type`);
    }
    const commands = [...code.matchAll(/(?:^|npx\s+)nudge(?:-sdk)?\s+([a-z][\w-]*)/g)].map((m) => m[1]);
    for (const command of commands) if (!COMMANDS.includes(command)) problems.push(`${at}: \`nudge ${command}\`: no such command (${COMMANDS.join(", ")})`);
    for (const m of code.matchAll(/\bnpm run ([\w:-]+)|\bnpm (start|test)\b/g)) {
      const script = m[1] ?? m[2];
      if (!SCRIPTS.includes(script)) problems.push(`${at}: \`npm run ${script}\`: no such script in package.json`);
    }
    for (const m of code.matchAll(/\bnudge\.(\w+(?:\.\w+)?)\(/g)) {
      if (!known.methods.has(m[1])) problems.push(`${at}: \`nudge.${m[1]}()\`: the instance has no such method`);
    }
    for (const m of code.matchAll(/push\(\[\s*"([\w.]+)"/g)) {
      if (!known.methods.has(m[1])) problems.push(`${at}: \`push(["${m[1]}", …])\`: the instance has no such method`);
    }
    // A code span that is a dotted path from a root of the facts (`visitor.pagesThisSession`) names a fact, unless it is a method (`cart.add`).
    if (/^[a-z]+\.[a-zA-Z][\w.-]*$/.test(code) && known.isFactRoot(code.split(".")[0]) && !known.methods.has(code.replace(/\(.*$/, "")) && !known.factExists(code))
      problems.push(`${at}: \`${code}\`: no such fact`);
  }
  return problems;
}

beforeAll(async () => {
  known = await knownNames();
});

describe("docs that are true", () => {
  it("finds the docs, their snippets and what exists", () => {
    expect(FILES).toContain("docs/recipes.md");
    expect(FILES.flatMap(snippets).filter((s) => !s.inline).length).toBeGreaterThan(25);
    expect(WIDGET_TYPES).toContain("carousel");
    expect(TRIGGER_TYPES).toEqual(expect.arrayContaining(["exit_intent", "scroll", "event"]));
    expect(COMMANDS).toEqual(expect.arrayContaining(["validate", "simulate", "schema"]));
    expect(known.factExists("visitor.pagesThisSession")).toBe(true);
    expect(known.factExists("cart.items.category")).toBe(true);
    expect(known.factExists("events.add_to_cart.count")).toBe(true);
    expect(known.factExists("attributes.anything.below")).toBe(true);
    expect(known.factExists("visitor.pagesThisVisit")).toBe(false);
    expect(known.factExists("cart.itemz")).toBe(false);
  });

  it("flags what is wrong (the checks themselves)", () => {
    const snippet = (value: unknown): Snippet => ({ where: "test", file: "docs/recipes.md", value, inline: false });
    expect(snippetProblems(snippet({ id: "a", type: "social_proof" }))).toEqual([expect.stringContaining('"social_proof" is not a widget type; did you mean "social-proof"?')]);
    expect(snippetProblems(snippet({ id: "a", type: "popup", trigerr: "page_view", content: { title: "t" } }))).toEqual([expect.stringContaining("trigerr")]);
    expect(snippetProblems(snippet({ "visitor.pagesThisVisit": { $gte: 2 } }))).toEqual([expect.stringContaining('no fact "visitor.pagesThisVisit"')]);
    expect(snippetProblems(snippet({ id: "a", type: "popup", content: { title: "Hi {{attributes.name}} {{visitr.id}} {{cart.cout}}" } }))).toEqual([
      expect.stringContaining("{{visitr.id}}"),
      expect.stringContaining("{{cart.cout}}"),
    ]);
    expect(snippetProblems(snippet({ start: "2026-12-01", steps: [{ page: "/" }, { fly: 1 }] })).length).toBe(1);
    expect(snippetProblems(snippet({ name: "not rules" }))).toEqual([expect.stringContaining("cannot classify")]);
  });

  it("flags each wrong name on a page of them, and none of the right ones", () => {
    const lines = nameProblems("test/package/docs-truth/wrong-names.md").map((p) => p.replace("test/package/docs-truth/wrong-names.md:", ""));
    expect(lines).toEqual([
      expect.stringMatching(/^6: "the `social_proof` widget": no such widget type/),
      expect.stringMatching(/^6: `nudge deploy`: no such command/),
      expect.stringMatching(/^6: `npm run deploy`: no such script/),
      expect.stringMatching(/^6: `visitor.pagesThisVisit`: no such fact/),
      expect.stringMatching(/^10: `nudge.trak\(\)`: the instance has no such method/),
      expect.stringMatching(/^11: `push\(\["cart.ad", …\]\)`: the instance has no such method/),
      expect.stringMatching(/^12: "type": "banner" is no widget, trigger or content type/),
    ]);
  });

  it.each(FILES)("every JSON snippet in %s is valid and names what exists", (file) => {
    const problems = snippets(file).flatMap((s) => snippetProblems(s).map((p) => `${s.where}: ${p}`));
    expect(problems).toEqual([]);
  });

  it.each(FILES)("every widget type, fact, command, script and method that %s names exists", (file) => {
    expect(nameProblems(file)).toEqual([]);
  });

  it.each(["README.md", "docs/rules-reference.md"])("%s names every built-in widget type and every trigger", (file) => {
    // The converse of the checks above: what ships is not left out of the docs.
    expect([...WIDGET_TYPES, ...TRIGGER_TYPES].filter((type) => !text(file).includes(`\`${type}\``) && !text(file).includes(`"${type}"`))).toEqual([]);
  });

  it("the docs' relative paths to code exist", () => {
    // Recipes and examples are named by path in the docs; a renamed folder must not leave them behind.
    const missing = FILES.flatMap((file) =>
      [...prose(file).matchAll(/`((?:examples|test|src|widgets|scripts|bench)\/[\w./-]+)`/g)].map((m) => m[1]).filter((path) => !existsSync(join(ROOT, path))),
    );
    expect(missing).toEqual([]);
  });
});
