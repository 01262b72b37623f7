import { describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";
import { helpChoosing } from "./fixture.js";

/** Validates one chatbot widget with this content and returns its problems as "path: message". */
function problems(content: unknown): string[] {
  const { problems } = validateRules({ version: 1, widgets: [{ id: "bot", type: "chatbot", trigger: { type: "delay", after: "60s" }, content }] });
  return problems.map((p) => `${p.path}: ${p.message}`);
}

const clone = () => structuredClone(helpChoosing) as Record<string, any>;

describe("chatbot content in the rules file", () => {
  it("accepts a dialogue with every node type", () => {
    expect(problems(helpChoosing)).toEqual([]);
  });

  it("names a `next` or `start` that points at no node, with the closest name", () => {
    const content = clone();
    content.start = "helo";
    content.nodes.taste.replies[1].next = "rout";
    content.nodes.route.else = "nowhere";
    content.nodes.name.next = "emial";
    expect(problems(content)).toEqual([
      'widgets[0].content.start: no node "helo" (did you mean "hello"?)',
      'widgets[0].content.nodes.taste.replies[1].next: no node "rout" (did you mean "route"?)',
      'widgets[0].content.nodes.route.else: no node "nowhere"',
      'widgets[0].content.nodes.name.next: no node "emial" (did you mean "email"?)',
    ]);
  });

  it("reports nodes no path from start reaches", () => {
    const content = clone();
    content.nodes.orphan = { type: "message", say: "Nobody hears me", next: "bye" };
    expect(problems(content)).toEqual(['widgets[0].content.nodes.orphan: never reached: no "next" leads here from "hello"']);
  });

  it("reports a loop that never waits for the visitor", () => {
    const content = clone();
    content.nodes.dark = { type: "message", say: "Dark", next: "route" };
    expect(problems(content)).toEqual([
      'widgets[0].content.nodes.dark: loops back (route → dark → route) without waiting for the visitor: add a "choice" or "ask" node to the loop',
    ]);
    const self = { name: "Mia", start: "a", nodes: { a: { type: "message", say: "again", next: "a" } } };
    expect(problems(self)).toEqual(['widgets[0].content.nodes.a: loops back (a → a) without waiting for the visitor: add a "choice" or "ask" node to the loop']);
  });

  it("checks branch conditions with the rules compiler's checker, at their paths", () => {
    const content = clone();
    content.nodes.route.branches[0].when = { "attributes.taste": { $eqq: "bright" } };
    expect(problems(content)).toEqual(["widgets[0].content.nodes.route.branches[0].when.attributes.taste.$eqq: $eqq: unknown operator; did you mean $eq?"]);
  });

  it("rejects unsafe URLs, unknown node types and keys, bad attribute names, href with action", () => {
    const content = clone();
    content.nodes.hello.replies[2].href = "javascript:alert(1)";
    content.nodes.hello.replies[1].href = "/x";
    content.nodes.taste.saveAs = "my taste";
    content.nodes.bye = { type: "goodbye" };
    content.nodes.name.lable = "Name";
    content.avatar = { src: "data:image/png;base64,x", alt: "Mia" };
    const found = problems(content);
    expect(found).toContain("widgets[0].content.nodes.hello.replies[2].href: must be an http(s) or relative URL");
    expect(found).toContain('widgets[0].content.nodes.hello.replies[1].action: give "href" or "action", not both');
    expect(found).toContain('widgets[0].content.nodes.taste.saveAs: expected a name of letters, digits and "_", starting with a letter, e.g. "email", found text "my taste"');
    expect(found.some((p) => p.startsWith("widgets[0].content.nodes.bye.type: expected"))).toBe(true);
    expect(found).toContain('widgets[0].content.nodes.name: unknown key "lable" (did you mean "label"?)');
    expect(found).toContain("widgets[0].content.avatar.src: must be an http(s) or relative URL");
  });

  it("requires a name, a start and nodes", () => {
    expect(problems({})).toEqual([
      "widgets[0].content.name: missing: text is required here",
      "widgets[0].content.start: missing: text is required here",
      "widgets[0].content.nodes: missing: an object is required here",
    ]);
  });
});
