import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectorSyntaxProblem } from "../../src/rules/lint/css-selector.js";
import { startHarness, type Harness } from "./harness.js";

// The CLI's selector check (no DOM) against Chromium's own parser: the same verdict on each selector.
const SELECTORS = [
  "#buy",
  ".cart .total",
  'a[href^="/shop/"]',
  "a[href$='.pdf' i]",
  "ul li:nth-child(2n+1)",
  ":is(h1, h2) + p ~ span",
  "div:not(.hidden):has(> img)",
  "input:focus-visible",
  "p::first-line",
  "#\\31 23",
  "li:nth-child(2 of .item)",
  "form > input[type=email]",
  "*",
  "section:where(.a, .b) a:hover",
  "",
  "button..buy",
  "#123",
  ".2col",
  "a:hovr",
  "form[name=signup",
  "a[href=]",
  "a[data-x=1a]",
  "div >",
  "div,",
  ":not(.a",
  "li:nth-child(x)",
  "li:first-child()",
  "a:not",
  "div {",
  'a[title="x]',
  "a:hover(",
  "[",
  "..a",
  "a b > > c",
]; // prettier-ignore

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe("the selector check agrees with Chromium", () => {
  it("on every selector of the list", async () => {
    const page = await harness.browser.newPage();
    const browser = await page.evaluate(
      (list) =>
        list.map((s) => {
          try {
            document.createDocumentFragment().querySelector(s);
            return true;
          } catch {
            return false;
          }
        }),
      SELECTORS,
    );
    await page.close();
    const disagree = SELECTORS.filter((s, i) => (selectorSyntaxProblem(s) === undefined) !== browser[i]).map(
      (s) => `${JSON.stringify(s)}: Chromium ${browser[SELECTORS.indexOf(s)] ? "accepts" : "refuses"} it`,
    );
    expect(disagree).toEqual([]);
    expect(browser.filter(Boolean).length).toBe(17); // the list holds both kinds
  });
});
