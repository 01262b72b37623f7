import { closest } from "../problems.js";

/*
 * A syntax check of CSS selectors (Selectors Level 4, what querySelector accepts) that needs no
 * DOM, for the CLI; in a browser the browser's own parser decides. It says what is wrong and
 * where, in plain words. It checks syntax only: whether anything on a page matches is unknowable here.
 */

const PSEUDO_CLASSES = [
  "active",
  "any-link",
  "autofill",
  "checked",
  "closed",
  "current",
  "default",
  "defined",
  "disabled",
  "empty",
  "enabled",
  "first-child",
  "first-of-type",
  "focus",
  "focus-visible",
  "focus-within",
  "fullscreen",
  "future",
  "hover",
  "in-range",
  "indeterminate",
  "invalid",
  "last-child",
  "last-of-type",
  "link",
  "local-link",
  "modal",
  "only-child",
  "only-of-type",
  "open",
  "optional",
  "out-of-range",
  "past",
  "paused",
  "picture-in-picture",
  "placeholder-shown",
  "playing",
  "popover-open",
  "read-only",
  "read-write",
  "required",
  "root",
  "scope",
  "target",
  "target-within",
  "user-invalid",
  "user-valid",
  "valid",
  "visited",
]; // prettier-ignore
const SELECTOR_FUNCTIONS = ["not", "is", "where", "has"];
const NTH_FUNCTIONS = ["nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"];
const WORD_FUNCTIONS = ["lang", "dir", "state"];
const PSEUDO_ELEMENTS = ["before", "after", "first-line", "first-letter", "placeholder", "selection", "marker", "backdrop", "file-selector-button", "cue", "part", "slotted"];
const LEGACY_ELEMENTS = ["before", "after", "first-line", "first-letter"];
const NTH = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*$/i;

class SelectorError extends Error {}

/** Undefined when `selector` is valid; else what is wrong, e.g. `unknown pseudo-class ":hovr" (did you mean ":hover"?)`. */
export function selectorSyntaxProblem(selector: string): string | undefined {
  try {
    new Parser(selector).list(false);
    return undefined;
  } catch (error) {
    if (error instanceof SelectorError) return error.message;
    throw error;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  private fail(message: string): never {
    throw new SelectorError(`${message} (at character ${this.i + 1})`);
  }

  private spaces(): boolean {
    const start = this.i;
    while (/\s/.test(this.text[this.i] ?? "")) this.i++;
    return this.i > start;
  }

  /** A comma-separated list, up to the end or, inside a function, to its ")". */
  list(nested: boolean, relative = false): void {
    for (;;) {
      this.spaces();
      this.complex(nested, relative);
      if (this.text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (nested && this.text[this.i] === ")") return;
      if (this.i < this.text.length) this.fail(`unexpected "${this.text[this.i]}"`);
      return;
    }
  }

  private complex(nested: boolean, relative: boolean): void {
    if (relative && /[>+~]/.test(this.text[this.i] ?? "")) {
      this.i++;
      this.spaces();
    }
    if (this.atEnd(nested)) this.fail(this.i === 0 && !nested ? "the selector is empty" : "a selector is missing here");
    for (;;) {
      this.compound();
      const spaced = this.spaces();
      const c = this.text[this.i];
      if (c === ">" || c === "+" || c === "~") {
        this.i++;
        this.spaces();
        if (this.atEnd(nested)) this.fail(`"${c}" must be followed by a selector`);
        continue;
      }
      if (this.atEnd(nested)) return;
      if (!spaced) this.fail(`unexpected "${c}"`);
    }
  }

  private atEnd(nested: boolean): boolean {
    const c = this.text[this.i];
    return c === undefined || c === "," || (nested && c === ")");
  }

  private compound(): void {
    const start = this.i;
    if (this.text[this.i] === "*") this.i++;
    else if (this.identStart()) this.ident("element name");
    for (;;) {
      const c = this.text[this.i];
      if (c === "#") {
        this.i++;
        if (/\d/.test(this.text[this.i] ?? "")) this.fail(`an id cannot start with a digit in a selector: write [id="${this.word()}"]`);
        this.ident("id");
      } else if (c === ".") {
        this.i++;
        if (/\d/.test(this.text[this.i] ?? "")) this.fail(`a class cannot start with a digit in a selector: write [class~="${this.word()}"]`);
        this.ident("class name");
      } else if (c === "[") this.attribute();
      else if (c === ":") this.pseudo();
      else break;
    }
    if (this.i === start) this.fail(this.text[this.i] === undefined ? "the selector ends too early" : `unexpected "${this.text[this.i]}"`);
  }

  private word(): string {
    return /^[\w-]*/.exec(this.text.slice(this.i))![0];
  }

  private identStart(): boolean {
    const rest = this.text.slice(this.i);
    return /^(-?([A-Za-z_\u00a0-\uffff]|\\.)|--)/.test(rest);
  }

  private ident(what: string): string {
    if (!this.identStart()) this.fail(`a ${what} is missing`);
    const m = /^(?:[\w\-\u00a0-\uffff]|\\.)+/.exec(this.text.slice(this.i))!;
    this.i += m[0].length;
    return m[0];
  }

  private attribute(): void {
    const open = this.i++;
    this.spaces();
    this.ident("attribute name");
    this.spaces();
    const op = /^[~|^$*]?=/.exec(this.text.slice(this.i));
    if (op) {
      this.i += op[0].length;
      this.spaces();
      const q = this.text[this.i];
      if (q === '"' || q === "'") {
        const end = this.text.indexOf(q, this.i + 1);
        if (end < 0) this.fail(`the quote ${q} is never closed`);
        this.i = end + 1;
      } else if (this.identStart() || /\d/.test(q ?? "")) {
        if (/\d/.test(q ?? "")) this.fail(`a value starting with a digit needs quotes: [${this.text.slice(open + 1, this.i).trim()}"${this.word()}"]`);
        this.ident("value");
      } else this.fail("the attribute's value is missing");
      this.spaces();
      if (/[iIsS]/.test(this.text[this.i] ?? "") && !/[\w-]/.test(this.text[this.i + 1] ?? "")) {
        this.i++;
        this.spaces();
      }
    }
    if (this.text[this.i] !== "]") this.fail(this.i >= this.text.length ? 'the "[" is never closed' : `unexpected "${this.text[this.i]}" in [...]`);
    this.i++;
  }

  private pseudo(): void {
    this.i++;
    const element = this.text[this.i] === ":";
    if (element) this.i++;
    const name = this.ident(element ? "pseudo-element name" : "pseudo-class name").toLowerCase();
    const fn = this.text[this.i] === "(";
    if (/^-(webkit|moz|ms)-/.test(name)) return fn ? this.skipArguments() : undefined;
    if (element || LEGACY_ELEMENTS.includes(name)) {
      if (!PSEUDO_ELEMENTS.includes(name)) this.fail(`unknown pseudo-element "::${name}"${hint(name, PSEUDO_ELEMENTS, "::")}`);
      return fn ? this.skipArguments() : undefined;
    }
    const known = [...PSEUDO_CLASSES, ...SELECTOR_FUNCTIONS, ...NTH_FUNCTIONS, ...WORD_FUNCTIONS];
    if (!known.includes(name)) this.fail(`unknown pseudo-class ":${name}"${hint(name, known, ":")}`);
    const takes = !PSEUDO_CLASSES.includes(name);
    if (takes !== fn) this.fail(takes ? `":${name}" needs parentheses, e.g. :${name}(…)` : `":${name}" takes no parentheses`);
    if (!fn) return;
    this.i++;
    if (SELECTOR_FUNCTIONS.includes(name)) this.list(true, name === "has");
    else {
      const close = this.matching();
      const inner = this.text.slice(this.i, close);
      if (NTH_FUNCTIONS.includes(name)) {
        const [formula, of] = inner.split(/\s+of\s+/i, 2);
        if (!NTH.test(formula)) this.fail(`":${name}(${inner})" needs a formula such as 2, odd, even or 2n+1`);
        if (of !== undefined) selectorOrFail(of, this);
      } else if (!/^\s*[\w-]+\s*$/.test(inner)) this.fail(`":${name}()" takes one word`);
      this.i = close;
    }
    if (this.text[this.i] !== ")") this.fail(`the "(" after ":${name}" is never closed`);
    this.i++;
  }

  private matching(): number {
    let depth = 0;
    for (let j = this.i; j < this.text.length; j++) {
      if (this.text[j] === "(") depth++;
      else if (this.text[j] === ")" && depth-- === 0) return j;
    }
    return this.fail('a "(" is never closed');
  }

  private skipArguments(): void {
    this.i++;
    this.i = this.matching() + 1;
  }

  failWith(message: string): never {
    return this.fail(message);
  }
}

function selectorOrFail(selector: string, parser: Parser): void {
  const problem = selectorSyntaxProblem(selector);
  if (problem) parser.failWith(problem);
}

function hint(name: string, known: string[], prefix: string): string {
  const match = closest(name, known);
  return match ? ` (did you mean "${prefix}${match}"?)` : "";
}
