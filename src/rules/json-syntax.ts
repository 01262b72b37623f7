/*
 * Where a JSON text stops being JSON, in words: line, column, what is wrong and the line quoted
 * with a caret. Engines word JSON.parse errors differently (V8 gives a position, Firefox a line,
 * some neither), so a small scanner of our own finds the first mistake. Run only after
 * JSON.parse has failed: it is not a parser.
 */

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** What is wrong, e.g. `a comma is missing before "type"`. */
  reason: string;
  /** `line 3, column 5: …` and the line quoted with a caret under the place. */
  message: string;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const describe = (c: string | undefined) => (c === undefined ? "the end of the file" : `"${c}"`);

/** The first syntax mistake in `text`, or undefined when the scanner finds none. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const space = () => {
    for (;;) {
      while (i < text.length && " \t\n\r\ufeff".includes(text[i])) i++;
      if (text.startsWith("//", i) || text.startsWith("/*", i)) fail("comments are not allowed in JSON");
      return;
    }
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") fail("this text is never closed: a double quote is missing at the end of the line", start);
      if (text[i] === "\\") {
        if (!/["\\/bfnrtu]/.test(text[i + 1] ?? "")) fail(`"\\${text[i + 1] ?? ""}" is not a valid escape: write "\\\\" for a backslash`);
        i += text[i + 1] === "u" ? 6 : 2;
      } else if (text.charCodeAt(i) < 0x20) fail("a tab or control character must be escaped in text (\\t)");
      else i++;
    }
    if (i >= text.length) fail("this text is never closed: a double quote is missing", start);
    i++;
  };
  const value = (depth: number): void => {
    space();
    const c = text[i];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    if (c === "'") fail("text must be in double quotes, not single quotes");
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m && m[0] !== "-") {
      i += m[0].length;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "}" || c === "]") fail(`a value is missing before ${describe(c)}`);
    if (c === undefined) fail("the file ends where a value should be");
    const bare = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
    fail(bare ? `${bare[0]} is not a JSON value: text needs double quotes ("${bare[0]}")` : `${describe(c)} cannot start a value`);
  };
  const object = (depth: number) => {
    const open = i++;
    space();
    if (text[i] === "}") return void i++;
    for (;;) {
      space();
      if (text[i] === "}") fail("a comma before } is not allowed in JSON: remove it", lastComma);
      if (text[i] === "'") fail("a key must be in double quotes, not single quotes");
      if (text[i] !== '"')
        fail(text[i] === undefined ? `the file ends inside an object: a } is missing (the object opens at ${where(text, open)})` : "a key in double quotes is expected here");
      string();
      space();
      if (text[i] !== ":") fail(`a colon is missing after the key`);
      i++;
      value(depth + 1);
      space();
      if (text[i] === ",") {
        lastComma = i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      if (text[i] === undefined) fail(`the file ends inside an object: a } is missing (the object opens at ${where(text, open)})`);
      fail(text[i] === '"' ? "a comma is missing before this key" : `${describe(text[i])} is not allowed here: a comma or } is expected`);
    }
  };
  let lastComma = 0;
  const array = (depth: number) => {
    const open = i++;
    space();
    if (text[i] === "]") return void i++;
    for (;;) {
      space();
      if (text[i] === "]") fail("a comma before ] is not allowed in JSON: remove it", lastComma);
      value(depth + 1);
      space();
      if (text[i] === ",") {
        lastComma = i++;
        continue;
      }
      if (text[i] === "]") return void i++;
      if (text[i] === undefined) fail(`the file ends inside a list: a ] is missing (the list opens at ${where(text, open)})`);
      fail(`${describe(text[i])} is not allowed here: a comma or ] is expected`);
    }
  };
  try {
    space();
    if (i >= text.length) fail("the file is empty");
    value(0);
    space();
    if (i < text.length) fail(`${describe(text[i])} after the end of the JSON: only one value (the rules object) is allowed`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) return { line: 1, column: 1, reason: "the JSON could not be read", message: "the JSON could not be read" };
    return located(text, error.at, error.reason);
  }
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - (before.lastIndexOf("\n") + 1) + 1 };
}

function where(text: string, at: number): string {
  const { line, column } = lineAndColumn(text, at);
  return `line ${line}, column ${column}`;
}

function located(text: string, at: number, reason: string): JsonSyntaxProblem {
  const { line, column } = lineAndColumn(text, at);
  const source = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  // Long lines (a minified file) are cut around the place.
  const from = source.length > 120 ? Math.max(0, column - 60) : 0;
  const shown = (from ? "…" : "") + source.slice(from, from + 100) + (source.length > from + 100 ? "…" : "");
  const caret = " ".repeat(column - 1 - from + (from ? 1 : 0)) + "^";
  const gutter = `${line} | `;
  return {
    line,
    column,
    reason,
    message: `line ${line}, column ${column}: ${reason}\n  ${gutter}${shown}\n  ${" ".repeat(gutter.length)}${caret}`,
  };
}
