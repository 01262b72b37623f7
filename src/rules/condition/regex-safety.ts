/*
 * Refuses `$regex` patterns that backtrack catastrophically, before they reach a page: the
 * tests of such a pattern on a crafted URL can hang the tab for seconds. A compact, conservative
 * check (it may refuse a safe pattern, with a suggestion; it must not pass the known bad shapes):
 * - a repeated group that itself contains a repeat of variable length: "(a+)+", "(a|b?)*", "(\w+\.){3}";
 * - a repeated alternation whose branches can start with the same character: "(a|ab)+", "(\w|\d)*";
 * - two unbounded repeats that can eat the same characters, in a row or across what lies between
 *   them: "\d+\d+", ".*a.*b" (polynomial, but seconds on a 2,000-character URL). A repeat that ends
 *   the pattern is not counted: it matches at once and never backtracks.
 * Patterns are read the way `new RegExp(pattern, flags)` reads them ("i" for `$regexi`); call it on valid ones only.
 */

type CharTest = (char: string) => boolean;
interface Repeat {
  t: "rep";
  body: Node;
  min: number;
  max: number;
}
interface Alternation {
  t: "alt";
  branches: Node[][];
}
type Node =
  | { t: "char"; test: CharTest }
  | { t: "any" } // a backreference: any length, any characters
  | { t: "zero"; alt?: Alternation } // an assertion: ^ $ \b, or a lookaround (its content is still checked)
  | { t: "group"; alt: Alternation }
  | Repeat;

/** Why a pattern could backtrack for seconds, with what to write instead; undefined when it looks safe. */
export function regexHazard(pattern: string, flags = ""): string | undefined {
  // Two classes that share a character share one of these: ASCII, a few others, or a character (or range end) of the pattern.
  const escaped = [...pattern.matchAll(/\\u([\da-fA-F]{4})|\\x([\da-fA-F]{2})/g)].map((m) => String.fromCharCode(parseInt(m[1] ?? m[2], 16)));
  const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
  const context: Context = { alphabet: [...new Set([...ascii, ...SAMPLES, ...pattern, ...escaped])], hits: new Map() };
  if (pattern.length > MAX_PATTERN) return `is longer than ${MAX_PATTERN} characters: test a shorter pattern, or several in "$or"`;
  return checkAlt(parse(pattern, flags), context, false, true);
}

/** Longer patterns are refused: checking one costs up to the square of its length. */
const MAX_PATTERN = 1000;

interface Context {
  alphabet: string[];
  /** Per test, which characters of the alphabet pass it: each test runs once per character. */
  hits: Map<CharTest | undefined, boolean[]>;
}

const HAZARDS = {
  nested:
    'repeats a group that itself contains a repeat (like "(a+)+"), so a crafted URL makes it backtrack for seconds; repeat single characters or fixed text instead, e.g. "a+" or "(?:ab)+"',
  overlap:
    'repeats alternatives that can start with the same character (like "(a|ab)+"), so a crafted URL makes it backtrack for seconds; give each alternative a different first character, or drop the repeat',
  chain:
    'has two repeats that can match the same characters one after the other (like "\\d+\\d+" or ".*a.*b"), which is slow on long URLs; drop a leading ".*" ($regex matches anywhere already) or repeat a class that excludes what follows, e.g. "[^&]*"',
};

function parse(source: string, flags: string): Alternation {
  let i = 0;
  const alt = (): Alternation => {
    const branches = [seq()];
    while (source[i] === "|") {
      i++;
      branches.push(seq());
    }
    return { t: "alt", branches };
  };
  const seq = (): Node[] => {
    const items: Node[] = [];
    while (i < source.length && source[i] !== "|" && source[i] !== ")") items.push(quantified(atom()));
    return items;
  };
  const quantified = (node: Node): Node => {
    const rest = source.slice(i);
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    const sign = "*+?".indexOf(rest[0]);
    if (!braces && sign < 0) return node;
    i += braces ? braces[0].length : 1;
    if (source[i] === "?") i++; // lazy: the same search space
    const [min, max] = braces ? [+braces[1], braces[2] ? (braces[3] ? +braces[3] : Infinity) : +braces[1]] : [[0, 1, 0][sign], [Infinity, Infinity, 1][sign]];
    return quantified({ t: "rep", body: node, min, max });
  };
  const atom = (): Node => {
    const char = source[i];
    if (char === "(") {
      const head = /^\(\?(?::|=|!|<=|<!|<[^>]*>)?/.exec(source.slice(i))?.[0] ?? "(";
      i += head.length;
      const inner = alt();
      i++; // ")"
      return /[=!]$/.test(head) ? { t: "zero", alt: inner } : { t: "group", alt: inner };
    }
    if (char === "^" || char === "$") return (i++, { t: "zero" });
    const escaped = char === "\\" ? /^\\(?:[1-9]\d*|k<[^>]*>|[bB]|u[\da-fA-F]{4}|x[\da-fA-F]{2}|c[a-zA-Z]|[\s\S])/.exec(source.slice(i))![0] : undefined;
    if (escaped && /^\\[1-9k]/.test(escaped)) return ((i += escaped.length), { t: "any" });
    if (escaped && /^\\[bB]$/.test(escaped)) return ((i += 2), { t: "zero" });
    const token = escaped ?? (char === "[" ? /^\[(?:\\[\s\S]|[^\]\\])*\]/.exec(source.slice(i))![0] : char);
    i += token.length;
    const regex = new RegExp(`^(?:${/^[\]{}]$/.test(token) ? "\\" + token : token})$`, flags); // "i" for $regexi: [a-z] then also takes A-Z
    return { t: "char", test: (c) => regex.test(c) };
  };
  return alt();
}

/** Whether a node can match the empty string. */
function nullable(node: Node): boolean {
  if (node.t === "char") return false;
  if (node.t === "group") return node.alt.branches.some((branch) => branch.every(nullable));
  if (node.t === "rep") return node.min === 0 || nullable(node.body);
  return true;
}

/** The tests a node's first character must pass; `undefined` in the list means "any character". */
function first(node: Node): (CharTest | undefined)[] {
  if (node.t === "char") return [node.test];
  if (node.t === "any") return [undefined];
  if (node.t === "rep") return first(node.body);
  if (node.t === "group") return node.alt.branches.flatMap(firstOfSequence);
  return [];
}

function firstOfSequence(items: Node[]): (CharTest | undefined)[] {
  const tests: (CharTest | undefined)[] = [];
  for (const item of items) {
    tests.push(...first(item));
    if (!nullable(item)) break;
  }
  return tests;
}

/** Whether some character passes a test of each list. */
function overlaps(a: (CharTest | undefined)[], b: (CharTest | undefined)[], { alphabet, hits }: Context): boolean {
  const passes = (test: CharTest | undefined) => {
    let row = hits.get(test);
    if (!row) hits.set(test, (row = alphabet.map((char) => !test || test(char))));
    return row;
  };
  const [rowsA, rowsB] = [a.map(passes), b.map(passes)];
  return alphabet.some((_, i) => rowsA.some((row) => row[i]) && rowsB.some((row) => row[i]));
}

/** Non-ASCII characters a class can hold: letters, spaces, a line separator, an emoji half, the last code unit. */
const SAMPLES = ["\u00a0", "\u00e9", "\u0436", "\u2028", "\u3000", "\u4e00", "\ud83d", "\uffff"];

/** Whether a node holds a repeat of variable length (or a backreference): a choice a repeat around it multiplies. */
function variable(node: Node): boolean {
  if (node.t === "any") return true;
  if (node.t === "rep") return node.min !== node.max || variable(node.body);
  return node.t !== "char" && !!node.alt?.branches.some((branch) => branch.some(variable));
}

/** Single-branch groups are read as their items, so repeats inside "(.*)" still count in a row. */
function flatten(items: Node[]): Node[] {
  return items.flatMap((node) => (node.t === "group" && node.alt.branches.length === 1 ? flatten(node.alt.branches[0]) : [node]));
}

function checkAlt(alt: Alternation, context: Context, repeated: boolean, top: boolean): string | undefined {
  if (repeated && alt.branches.length > 1) {
    if (alt.branches.some((branch) => branch.every(nullable))) return HAZARDS.overlap;
    const starts = alt.branches.map(firstOfSequence);
    for (let a = 0; a < starts.length; a++) for (let b = a + 1; b < starts.length; b++) if (overlaps(starts[a], starts[b], context)) return HAZARDS.overlap;
  }
  for (const branch of alt.branches) {
    const hazard = checkSequence(branch, context, repeated, top);
    if (hazard) return hazard;
  }
}

function checkSequence(items: Node[], context: Context, repeated: boolean, top: boolean): string | undefined {
  for (const item of items) {
    const hazard = checkNode(item, context, repeated);
    if (hazard) return hazard;
  }
  // The first characters of the unbounded repeats met so far that could still eat what comes next.
  let runs: (CharTest | undefined)[][] = [];
  const flat = flatten(items);
  for (const [index, item] of flat.entries()) {
    const starts = first(item);
    const touching = runs.filter((run) => overlaps(run, starts, context));
    const kept = nullable(item) ? runs : touching;
    if (item.t === "rep" && item.max === Infinity) {
      if (top && index === flat.length - 1) break;
      if (touching.length) return HAZARDS.chain;
      runs = [...kept, starts];
    } else runs = kept;
  }
}

function checkNode(node: Node, context: Context, repeated: boolean): string | undefined {
  if (node.t === "rep") {
    const loops = node.max > 1;
    if (loops && variable(node.body)) return HAZARDS.nested;
    return checkNode(node.body, context, repeated || loops);
  }
  if (node.t !== "char" && node.t !== "any" && node.alt) return checkAlt(node.alt, context, repeated, false);
}
