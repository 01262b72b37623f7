import { describe, expect, it } from "vitest";
import { describeProblem } from "../../../src/core/argument-messages.js";
import * as args from "../../../src/core/arguments.js";
import { runCommand } from "../../../src/core/commands.js";

/** The warning text a check's rejection turns into, once the texts' chunk is there. */
function textOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    if (error instanceof args.ArgumentProblem) return describeProblem(error);
    throw error;
  }
  throw new Error("the check accepted its input");
}

describe("the texts of rejected calls (a lazy chunk) are the texts the checks always gave", () => {
  const TYPES = ["home", "product"];
  it.each([
    [() => args.eventName(42, "track()"), "track(): the event name must be a non-empty string, got number"],
    [() => args.eventName(" ", "on()"), 'on(): the event name must be a non-empty string, got " "'],
    [() => args.eventName("x".repeat(101), "track()"), "track(): the event name is longer than 100 characters"],
    [() => args.eventName("__proto__", "track()"), 'track(): "__proto__" is not allowed as an event name'],
    [() => args.plainObject([1], "track() props"), "track() props: expected an object, got an array"],
    [() => args.cartItem(null, "cart.add()"), "cart.add(): expected an item object { id, price, quantity? }, got null"],
    [() => args.cartItem({ id: "" }, "cart.add()"), 'cart.add(): item.id must be a non-empty string or number, got ""'],
    [() => args.cartItem({ id: "a", price: "x" }, "cart.add()"), 'cart.add(): item.price must be a number ≥ 0, got "x"'],
    [() => args.cartItem({ id: "a", quantity: 0 }, "cart.add()"), "cart.add(): item.quantity must be a whole number ≥ 1, got number"],
    [() => args.cartItems({}, "cart.set()"), "cart.set(): expected an array of items"],
    [() => args.cartItems([{ id: "a" }, 5], "cart.set()"), "cart.set() items[1]: expected an item object { id, price, quantity? }, got number"],
    [() => args.identifier({}, "show()"), "show(): expected a non-empty string id, got object"],
    [() => args.order("o", "purchase()"), 'purchase(): expected an order object { id, value, items? }, got "o"'],
    [() => args.order({ id: "o", value: -1 }, "purchase()"), "purchase(): order.value must be a number ≥ 0, got number"],
    [() => args.order({ id: "o", value: 1, coupon: 5 }, "purchase()"), "purchase(): order.coupon must be a string (the code used), got number"],
    [() => args.order({ value: 1 }, "purchase()"), "purchase(): order.id: expected a non-empty string id, got undefined"],
    [() => args.order({ id: "o", value: 1, items: [{}] }, "purchase()"), "purchase(): order.items[0]: item.id must be a non-empty string or number, got undefined"],
    [() => args.product(true, "viewItem()"), "viewItem(): expected a product object { id, name?, price?, category? }, got boolean"],
    [() => args.product({ id: "a", price: -2 }, "viewItem()"), "viewItem(): product.price must be a number ≥ 0, got number"],
    [() => args.product({ id: "a", name: 5 }, "viewItem()"), "viewItem(): product.name must be a string, got number"],
    [() => args.searchQuery("", "search()"), 'search(): expected a non-empty search string, got ""'],
    [() => args.pageProps({ type: "blog" }, "page()", TYPES), 'page(): type must be one of home, product, got "blog"'],
    [() => args.handler(5, "shown"), 'on("shown"): the handler must be a function'],
    [() => runCommand({}, "nope"), 'push(): expected ["method", ...arguments] or a function'],
    [() => runCommand({}, ["nope"]), 'push(): unknown command "nope"'],
  ] as const)("%#: %s", (check, text) => {
    expect(textOf(check)).toBe(text);
  });

  it("a problem that carries its own text (a lazy chunk's check) is said as it is", () => {
    expect(describeProblem(new args.ArgumentProblem("consent(): expected true"))).toBe("consent(): expected true");
  });
});
