// Where things are in the rules text: the line of every key and value by its JSON path
// (`widgets[0].when.cart.value`, the form Nudge's validator names problems with), and the
// line and column of a JSON syntax error. A small scanner of our own: JSON.parse says neither.

/** Line (1-based) of each path in a JSON text that parses; `(root)` is line 1. */
export function pathLines(text) {
  const lines = new Map([["(root)", 1]]);
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === "\n") line++;
      i++;
    }
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const join = (path, key) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  const value = (path) => {
    skip();
    if (path) lines.set(path, lines.get(path) ?? line);
    const c = text[i];
    if (c === "{") {
      i++;
      for (skip(); text[i] !== "}" && i < text.length; skip()) {
        if (text[i] === ",") {
          i++;
          continue;
        }
        const keyLine = line;
        const key = string();
        lines.set(join(path, key), keyLine);
        skip();
        i++; // ":"
        value(join(path, key));
      }
      i++;
    } else if (c === "[") {
      i++;
      let index = 0;
      for (skip(); text[i] !== "]" && i < text.length; skip()) {
        if (text[i] === ",") {
          i++;
          continue;
        }
        value(join(path, index++));
      }
      i++;
    } else if (c === '"') string();
    else while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  value("");
  return lines;
}

/**
 * The line of a problem's path: the deepest part of it found in the text. An unknown key is
 * reported on its object (`widgets[0]: unknown key "frequncy"`), so its own line is tried first.
 */
export function lineOf(lines, path, message = "") {
  const key = /^unknown key "([^"]+)"/.exec(message)?.[1];
  if (key && lines.has(`${path === "(root)" ? "" : `${path}.`}${key}`)) return lines.get(`${path === "(root)" ? "" : `${path}.`}${key}`);
  for (let p = path; p; p = p.replace(/(\[\d+\]|\.[^.[\]]*|^[^.[\]]*)$/, "")) {
    if (lines.has(p)) return lines.get(p);
  }
  return 1;
}

/** JSON.parse's error as `{ line, column, message }`, reading the position V8 names. */
export function syntaxError(text) {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = String(error.message);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), message: message.replace(/\s*\(line \d+ column \d+\)/, "") };
    const position = /position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : text.length;
    const before = text.slice(0, at).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1, message };
  }
}
