import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError } from "../../../src/rules/condition/index.js";
import { matchesRegex, REGEX_SUBJECT_LIMIT } from "../../../src/rules/condition/regex.js";
import { regexHazard } from "../../../src/rules/condition/regex-safety.js";

/*
 * The `$regex` hazard check. No timings here (the machine is shared): the properties say that the
 * shapes known to backtrack catastrophically are always refused, whatever they are built from, and
 * that the shapes known to run in linear time are always accepted.
 */

/** One character's worth of pattern: a literal, an escape or a class. */
const atom = fc.constantFrom("a", "b", "x", "/", "-", "\\.", "\\d", "\\w", "\\s", "\\S", ".", "[a-z]", "[^&]", "[0-9a-f]", "\\u0436", "[\\u0400-\\u04ff]");
const unbounded = fc.constantFrom("+", "*", "{1,}", "{2,}", "+?", "*?");
const variableQuantifier = fc.oneof(unbounded, fc.constantFrom("?", "{0,3}", "{1,5}"));
const repeat = fc.oneof(unbounded, fc.constantFrom("{2}", "{3,9}", "{2,}"));
const literal = fc.stringMatching(/^[a-z0-9/_=-]{1,8}$/);
const open = fc.constantFrom("(", "(?:", "(?<g>");
const around = fc.record({ before: fc.constantFrom("", "^", "^/", "[?&]q="), after: fc.constantFrom("", "$", "!", "\\b") });

/** `(x+)+`-like: a repeated group holding a variable-length repeat (star height 2). */
const nested = fc
  .tuple(around, open, literal, atom, variableQuantifier, fc.constantFrom("", "-", "\\."), repeat)
  .map(([{ before, after }, group, prefix, inner, quantifier, tail, outer]) => `${before}${group}${prefix}${inner}${quantifier}${tail})${outer}${after}`);

/** `(a|ab)+`-like: a repeated alternation whose branches start alike. */
const overlapping = fc
  .tuple(around, open, atom, literal, literal, repeat)
  .map(([{ before, after }, group, start, one, two, outer]) => `${before}${group}${start}${one}|${start}${two})${outer}${after}`);

/** `\d+\d+x`-like: two unbounded repeats of the same class in a row, something after them. */
const chained = fc
  .tuple(atom, unbounded, fc.constantFrom("", "?"), unbounded, literal)
  .map(([inner, first, between, second, tail]) => `${inner}${first}${inner}${between}${inner}${second}${tail}`);

/** Linear shapes: fixed text and classes, single repeats separated by a character they cannot eat. */
const safe = fc.oneof(
  fc.tuple(around, fc.array(literal, { minLength: 1, maxLength: 3 })).map(([{ before, after }, parts]) => `${before}${parts.join("")}${after}`),
  fc
    .tuple(fc.constantFrom("^", ""), literal, fc.constantFrom("\\d", "[a-z]", "[^&]", "\\w"), unbounded, fc.constantFrom("&", "!", " ", "$"))
    .map(([anchor, text, cls, q, end]) => `${anchor}${text}${cls}${q}${end}`),
  fc
    .tuple(fc.uniqueArray(fc.constantFrom("de", "en", "fr", "shop", "blog", "cart"), { minLength: 2, maxLength: 4, selector: (s) => s[0] }), fc.constantFrom("", "+", "*", "{2}"))
    .map(([words, q]) => `^/(?:${words.join("|")})${q}/`),
  fc.tuple(literal, literal).map(([a, b]) => `.*${a}.*${b}|${b}`.replace(/\.\*(?=[^|]*\.\*)/, "")),
  fc.tuple(fc.constantFrom("\\d{3}", "[a-z]{2}", "ab"), fc.constantFrom("-", "/"), repeat).map(([fixed, sep, q]) => `(?:${fixed}${sep})${q}`),
);

describe("regexHazard", () => {
  it("reads $regexi patterns with the i flag: classes that differ only in case then overlap", () => {
    expect(regexHazard("^x[a-z]+[A-Z]+y")).toBeUndefined();
    expect(regexHazard("^x[a-z]+[A-Z]+y", "i")).toMatch(/two repeats that can match the same characters/);
  });

  it.each([
    ["(a+)+$", "repeats a group"],
    ["(a*)*b", "repeats a group"],
    ["(.*,)+x", "repeats a group"],
    ["(?=(a+)+$)", "repeats a group"],
    ["(\\w+\\.){3}x", "repeats a group"],
    ["(a|a)+$", "alternatives"],
    ["(a|ab)*c", "alternatives"],
    ["(\\w|\\d)+$", "alternatives"],
    ["((a|ab)c)+", "alternatives"],
    ["(a|)+x", "alternatives"],
    ["(?:[\\u0400-\\u04ff]|\\u0436)+$", "alternatives"],
    ["\\d+\\d+x", "two repeats"],
    [".*utm_source.*google", "two repeats"],
    ["(.*)foo(.*)bar", "two repeats"],
    ["\\s*\\S*\\s+x", "two repeats"],
  ])("refuses %s", (pattern, kind) => {
    expect(regexHazard(pattern)).toContain(kind);
  });

  it.each([
    "^/product",
    "^https?://shop\\.example/",
    ".*sale.*",
    "^/products/.*",
    "a+x",
    "\\d+\\.\\d+",
    "[?&]utm_source=([^&]*)",
    "(?:a|b)+",
    "(\\d{3}-){2}\\d{4}",
    "^(de|en)/",
    "\\bfoo\\b",
    "(?:www\\.)?example\\.com",
    "[]]+]+",
    "a{,5}",
    "(?<x>a)\\k<x>",
    "^4\\d$",
    "^\\[?",
  ])("accepts %s", (pattern) => {
    expect(regexHazard(pattern)).toBeUndefined();
  });

  it("always refuses a repeated group holding a variable repeat", () => {
    fc.assert(
      fc.property(nested, (pattern) => regexHazard(pattern) !== undefined),
      { numRuns: 300 },
    );
  });

  it("always refuses a repeated alternation whose branches start alike", () => {
    fc.assert(
      fc.property(overlapping, (pattern) => regexHazard(pattern) !== undefined),
      { numRuns: 300 },
    );
  });

  it("always refuses two overlapping unbounded repeats in a row", () => {
    fc.assert(
      fc.property(chained, (pattern) => regexHazard(pattern) !== undefined),
      { numRuns: 300 },
    );
  });

  it("always accepts the linear shapes", () => {
    fc.assert(
      fc.property(safe, (pattern) => regexHazard(pattern) === undefined),
      { numRuns: 300 },
    );
  });

  it("never throws on a valid pattern", () => {
    const piece = fc.oneof(atom, literal, unbounded, fc.constantFrom("(", ")", "(?:", "(?=", "(?!", "|", "^", "$", "?", "\\b", "\\1", "{2}", "[", "]"));
    const valid = fc
      .array(piece, { maxLength: 12 })
      .map((parts) => parts.join(""))
      .filter((pattern) => {
        try {
          return new RegExp(pattern) instanceof RegExp;
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(valid, (pattern) => {
        const hazard = regexHazard(pattern);
        return hazard === undefined || typeof hazard === "string";
      }),
      { numRuns: 500 },
    );
  });
});

describe("$regex in conditions", () => {
  it("names the path and suggests a rewrite, in checkCondition and compileCondition", () => {
    const condition = { "page.url": { $regex: "(a+)+$" } };
    const [problem] = checkCondition(condition, "widgets[0].when");
    expect(problem.path).toBe("widgets[0].when.page.url.$regex");
    expect(problem.message).toBe(
      '$regex "(a+)+$" repeats a group that itself contains a repeat (like "(a+)+"), so a crafted URL makes it backtrack for seconds; repeat single characters or fixed text instead, e.g. "a+" or "(?:ab)+"',
    );
    expect(() => compileCondition(condition)).toThrow(ConditionError);
  });

  it(`tests at most ${REGEX_SUBJECT_LIMIT} characters of a value`, () => {
    const long = "a".repeat(REGEX_SUBJECT_LIMIT) + "x";
    expect(matchesRegex(/x$/, long)).toBe(false);
    expect(matchesRegex(/a$/, long)).toBe(true);
    expect(matchesRegex(/^null$/, null)).toBe(true);
    expect(matchesRegex(/Symbol/, Symbol("x"))).toBe(false);
  });
});

describe("regexHazard on long patterns", () => {
  it("checks a long pattern of many optional classes, and refuses one past 1,000 characters", () => {
    const classes = Array.from({ length: 100 }, (_, i) => `[\\u${(0x100 + i).toString(16).padStart(4, "0")}]*`).join("");
    expect(classes.length).toBeLessThan(1000);
    expect(regexHazard(`${classes}x`)).toBeUndefined();
    expect(regexHazard("a".repeat(1001))).toMatch(/^is longer than 1000 characters/);
  });
});
