import { describe, expect, it } from "vitest";
import { jsonSyntaxProblem } from "../../../src/rules/json-syntax.js";

/** Where and why, for a text JSON.parse refuses. */
const at = (text: string) => {
  expect(() => JSON.parse(text)).toThrow();
  const { line, column, reason } = jsonSyntaxProblem(text)!;
  return `${line}:${column} ${reason}`;
};

describe("jsonSyntaxProblem", () => {
  it("finds nothing wrong in valid JSON", () => {
    expect(jsonSyntaxProblem('{"a": [1, 2.5e3, -0, true, null, "x\\n\\u00e9"], "b": {}}')).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', "2:9 a comma before } is not allowed in JSON: remove it"],
    ["[1, 2,]", "1:6 a comma before ] is not allowed in JSON: remove it"],
    ["{'a': 1}", "1:2 a key must be in double quotes, not single quotes"],
    ["{\"a\": 'x'}", "1:7 text must be in double quotes, not single quotes"],
    ['{\n  "a": 1\n  "b": 2\n}', "3:3 a comma is missing before this key"],
    ['{"a": yes}', '1:7 yes is not a JSON value: text needs double quotes ("yes")'],
    ['{"a": 1 // note\n}', "1:9 comments are not allowed in JSON"],
    ['{"a": [1, 2}', '1:12 "}" is not allowed here: a comma or ] is expected'],
    ['{"a": {"b": 1}', "1:15 the file ends inside an object: a } is missing (the object opens at line 1, column 1)"],
    ['{"a": "text\n"}', "1:7 this text is never closed: a double quote is missing at the end of the line"],
    ["", "1:1 the file is empty"],
    ['{"a": 1}}', '1:9 "}" after the end of the JSON: only one value (the rules object) is allowed'],
    ['{"a" 1}', "1:6 a colon is missing after the key"],
  ])("%j → %s", (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it("quotes the line with a caret under the place, cut around it when the line is long (a minified file)", () => {
    expect(jsonSyntaxProblem('{\n  "version": 1,\n  "widgets": [,]\n}')!.message).toBe(
      'line 3, column 15: "," cannot start a value\n  3 |   "widgets": [,]\n                    ^',
    );
    const long = `{"widgets": [${'{"id": "a"}, '.repeat(40)}{"id" "b"}]}`;
    const { message, column } = jsonSyntaxProblem(long)!;
    expect(column).toBeGreaterThan(400);
    const [, quoted, caret] = message.split("\n");
    expect(quoted.length).toBeLessThan(130);
    expect(quoted).toContain('{"id" "b"}');
    expect(quoted[caret.indexOf("^")]).toBe('"');
  });
});
