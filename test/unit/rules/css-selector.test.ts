import { describe, expect, it } from "vitest";
import { selectorSyntaxProblem } from "../../../src/rules/lint/css-selector.js";

// The CLI has no DOM: its own selector check must accept what browsers accept and refuse what they refuse.
describe("selectorSyntaxProblem", () => {
  it.each([
    "#buy",
    ".cart .total",
    "button.add-to-cart[data-sku]",
    'a[href^="/shop/"]',
    "a[href$='.pdf' i]",
    "form#signup > input[type=email]",
    "ul li:nth-child(2n+1)",
    "li:nth-of-type(odd), li:last-child",
    ":is(h1, h2) + p ~ span",
    "div:not(.hidden):has(> img)",
    "input:focus-visible::placeholder",
    "p::first-line",
    "*",
    "[data-nudge]",
    "section:where(.a, .b) a:hover",
    "#\\31 23",
    "main :-webkit-autofill",
    "li:nth-child(2 of .item)",
    // What is open at the end is closed by the end, in CSS as in browsers.
    "form[name=signup",
    ":not(.a",
    'a[title="x]',
  ])("accepts %s", (selector) => {
    expect(selectorSyntaxProblem(selector)).toBeUndefined();
  });

  it.each([
    ["", "the selector is empty"],
    ["button..buy", "a class name is missing"],
    ["#123", 'an id cannot start with a digit in a selector: write [id="123"]'],
    [".2col", 'a class cannot start with a digit in a selector: write [class~="2col"]'],
    ["a:hovr", 'unknown pseudo-class ":hovr" (did you mean ":hover"?)'],
    ["p::befor", 'unknown pseudo-element "::befor" (did you mean "::before"?)'],
    ["form[name=signup]]", 'unexpected "]"'],
    ["a[href=]", "the attribute's value is missing"],
    ["a[data-x=1a]", "a value starting with a digit needs quotes"],
    ["div >", '">" must be followed by a selector'],
    ["div,", "a selector is missing here"],
    [":not(.a b c>)", '">" must be followed by a selector'],
    ["li:nth-child(x)", "needs a formula such as 2, odd, even or 2n+1"],
    ["li:first-child()", '":first-child" takes no parentheses'],
    ["a:not", '":not" needs parentheses'],
    ["div {", 'unexpected "{"'],
  ])("refuses %j: %s", (selector, reason) => {
    expect(selectorSyntaxProblem(selector)).toContain(reason);
  });

  it("says where the problem is", () => {
    expect(selectorSyntaxProblem("button..buy")).toBe("a class name is missing (at character 8)");
  });
});
