import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

// Reading the docs as the docs test needs them: JSON snippets, code spans and code lines, each
// with the line it is on.

export const ROOT = resolve(import.meta.dirname, "../../..");
export const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** `.md` files under a folder, relative to the repository, sub-folders included (docs/platforms/…). */
export function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

export interface Snippet {
  /** `file:line` */
  where: string;
  file: string;
  /** The parsed JSON, or the Error a fenced block that does not parse gives. */
  value: unknown;
  inline: boolean;
}

/** Fenced code blocks: language, body and the line the body starts on. */
export function fences(file: string) {
  const source = read(file);
  return [...source.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1], body: m[2], line: lineOf(source, m.index) + 1 }));
}

/** Markdown without its fenced blocks (blanked, so line numbers stay), for inline code spans and prose. */
export function prose(file: string) {
  return read(file).replace(/^```[^\n]*\n[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, " "));
}

export const lineOf = (source: string, index: number) => source.slice(0, index).split("\n").length;

/** Fenced ```json blocks and inline `{…}` / `[…]` spans that parse as JSON. */
export function snippets(file: string): Snippet[] {
  const out: Snippet[] = [];
  for (const block of fences(file)) {
    // A fenced JSON block must parse: a reader copies it as it is.
    if (block.lang === "json") out.push({ where: `${file}:${block.line}`, file, value: parseOrError(block.body), inline: false });
  }
  const source = prose(file);
  for (const m of source.matchAll(/`(\{[^`]*\}|\[[^`]*\])`/g)) {
    // An inline span is JSON only when it parses: `{ id, price }` is shorthand in prose, not a snippet.
    try {
      out.push({ where: `${file}:${lineOf(source, m.index)}`, file, value: JSON.parse(m[1]), inline: true });
    } catch {
      // not JSON
    }
  }
  return out;
}

function parseOrError(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    return new Error(`not valid JSON: ${(error as Error).message}`);
  }
}

/** Inline code spans and the lines of code blocks (not JSON blocks: those are checked as snippets). */
export function codeTexts(file: string): Array<{ line: number; code: string }> {
  const source = prose(file);
  const spans = [...source.matchAll(/`([^`\n]+)`/g)].map((m) => ({ line: lineOf(source, m.index), code: m[1] }));
  const blocks = fences(file)
    .filter((b) => b.lang !== "json")
    .flatMap((b) => b.body.split("\n").map((code, i) => ({ line: b.line + i, code })));
  return [...spans, ...blocks];
}
