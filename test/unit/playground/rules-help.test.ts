import { ensureSyntaxTree } from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .js modules of the playground
import { contextAt, hoverAt } from "../../../examples/playground/editor/json-tree.js";
// @ts-expect-error: plain .js modules of the playground
import { createRulesHelp } from "../../../examples/playground/editor/rules-help.js";
// @ts-expect-error: a plain .mjs module
import * as reference from "../../../scripts/docs/rules-text.mjs";
import * as catalog from "../../../src/rules/facts-catalog.js";
import { rulesJsonSchema } from "../../../src/rules/schema/json-schema.js";

const help = createRulesHelp({ schema: rulesJsonSchema(), reference, catalog });

/** The editor's state with the cursor where `|` is. */
function at(text: string) {
  const pos = text.indexOf("|");
  const doc = text.replace("|", "");
  const created = EditorState.create({ doc, extensions: [json()] });
  // Parse all of it (an editor does this in the background), then take the state that holds the full tree.
  ensureSyntaxTree(created, doc.length, 5000);
  return { state: created.update({}).state, pos };
}
const labels = (options: Array<{ label: string }>) => options.map((o) => o.label);

function offered(text: string): string[] {
  const { state, pos } = at(text);
  const where = contextAt(state, pos);
  if (!where) return [];
  return labels(where.kind === "key" ? help.keys(state, where.steps, where.object) : help.values(state, where.steps));
}

describe("the playground editor's completions (JSON Schema and facts catalog)", () => {
  it("keys of the file and of a widget, leaving out those written", () => {
    expect(offered('{ "version": 1, "|" }')).toEqual(["$schema", "settings", "segments", "widgets"]);
    const widgetKeys = offered('{ "widgets": [ { "id": "w", "fre| } ] }');
    expect(widgetKeys).toContain("frequency");
    expect(widgetKeys).not.toContain("id");
  });

  it("a widget type's own content keys (the schema's if/then on type)", () => {
    expect(offered('{ "widgets": [ { "type": "popup", "content": { "| } } ] }')).toContain("title");
    expect(offered('{ "widgets": [ { "type": "nps", "content": { "| } } ] }')).toContain("question");
  });

  it("values: triggers, widget types, a trigger object's type", () => {
    expect(offered('{ "widgets": [ { "trigger": "|" } ] }')).toEqual(expect.arrayContaining(["page_view", "manual", "exit_intent"]));
    expect(offered('{ "widgets": [ { "type": "|" } ] }')).toEqual(expect.arrayContaining(["popup", "wheel", "nps"]));
    expect(offered('{ "widgets": [ { "trigger": { "type": "|" } } ] }')).toEqual(expect.arrayContaining(["scroll", "click", "delay"]));
  });

  it("inside a condition: fact paths and operators; a fact's operators and values; segment and event names", () => {
    const keys = offered('{ "widgets": [ { "when": { "| } } ] }');
    expect(keys).toEqual(expect.arrayContaining(["$or", "$segment", "$event", "page.type", "cart.value", "rfm.segment"]));
    expect(offered('{ "segments": { "big": { "cart.value": { "| } } } }')).toEqual(expect.arrayContaining(["$gte", "$lt", "$in"]));
    expect(offered('{ "widgets": [ { "when": { "page.type": "|" } } ] }')).toEqual(expect.arrayContaining(["home", "product", "cart"]));
    expect(offered('{ "widgets": [ { "when": { "rfm.segment": { "$in": ["|"] } } } ] }')).toContain("at_risk");
    expect(offered('{ "segments": { "vip": {} }, "widgets": [ { "when": { "$segment": "|" } } ] }')).toEqual(["vip"]);
    expect(offered('{ "widgets": [ { "when": { "$event": { "name": "|" } } } ] }')).toEqual(expect.arrayContaining(["add_to_cart", "purchase"]));
  });

  it("hover: a field from the reference, a fact from the catalog, a trigger's meaning", () => {
    const describe = (text: string) => {
      const { state, pos } = at(text);
      const where = hoverAt(state, pos, 1);
      return help.describe(state, where.steps, where.on, where.value);
    };
    expect(describe('{ "widgets": [ { "hold|out": 5 } ] }').text).toContain("control group");
    expect(describe('{ "widgets": [ { "when": { "cart.va|lue": 1 } } ] }')).toMatchObject({ title: "cart.value: number" });
    expect(describe('{ "widgets": [ { "when": { "visitor.visit|": 1 } } ] }').text).toContain("Not a fact Nudge knows");
    expect(describe('{ "widgets": [ { "trigger": "exit_int|ent" } ] }').text).toContain("about to leave");
  });
});
