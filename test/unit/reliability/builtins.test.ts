import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { toJson } from "../../../src/env/json.js";
import { localStorageStore, memoryStore } from "../../../src/profile/storage.js";
import { watchDataLayer } from "../../../src/track/datalayer.js";
import { watchNavigation } from "../../../src/track/page.js";

const arrayProto = Array.prototype as { toJSON?: unknown };
afterEach(() => {
  delete arrayProto.toJSON;
  localStorage.clear();
});

/** Prototype.js's Array.prototype.toJSON: JSON.stringify([1]) becomes '"[1]"'. */
function prototypeJs() {
  arrayProto.toJSON = function (this: unknown[]) {
    return `[${this.map(String).join(",")}]`;
  };
}

// Found by the reliability suite: on such a page the stored cart came back as a string, the
// profile was set aside as unreadable and the visitor's data was lost.
describe("a page with Array.prototype.toJSON", () => {
  it("toJson keeps arrays, nested ones too", () => {
    prototypeJs();
    expect(JSON.stringify([1])).toBe('"[1]"'); // the page's damage is real
    const value = { cart: [{ id: "a", tags: ["x", ["y"]] }], empty: [], n: 1 };
    expect(JSON.parse(toJson(value))).toEqual(value);
    expect(JSON.parse(toJson([1, [2]]))).toEqual([1, [2]]);
  });

  it("localStorage and memory stores hand arrays back as arrays", async () => {
    prototypeJs();
    for (const store of [localStorageStore(localStorage), memoryStore()]) {
      await store.set("profile", { cart: [{ id: "a" }] });
      await store.update!("profile", (old) => ({ ...(old as object), more: [1, 2] }));
      expect(await store.get("profile")).toEqual({ cart: [{ id: "a" }], more: [1, 2] });
    }
  });
});

/** An object whose inherited `method` is read-only, as on a page that froze its prototypes. */
function withFrozenMethod<T extends object>(target: T, method: string, proto: object): T {
  const frozen = Object.freeze(Object.create(proto, { [method]: { value: (proto as Record<string, unknown>)[method], writable: false } }));
  return Object.setPrototypeOf(target, frozen);
}

// Found by the reliability suite: `layer.push = …` threw "Cannot assign to read only property 'push'" and start() failed.
describe("a page that froze Array.prototype and History.prototype", () => {
  it("the dataLayer is still followed", async () => {
    const layer = withFrozenMethod([] as unknown[], "push", Array.prototype);
    expect(() => {
      (layer as { push: unknown }).push = () => 0;
    }).toThrow(TypeError);
    const commands: unknown[] = [];
    const watch = watchDataLayer({ dataLayer: layer } as unknown as Window, (command) => commands.push(command));
    layer.push({ event: "add_to_cart", ecommerce: { items: [{ item_id: "sku-1", price: 2 }] } });
    // The GA4 mapping is its own chunk, loaded on the first ecommerce event.
    await vi.waitFor(() => expect(commands).toEqual([["cart.add", expect.objectContaining({ id: "sku-1" })]]));
    watch.stop();
    expect(layer.push).toBe(Array.prototype.push);
  });

  it("single-page-app navigations are still seen", () => {
    const history = withFrozenMethod({ pushState: () => {}, replaceState: () => {} }, "pushState", { pushState() {}, replaceState() {} });
    delete (history as { pushState?: unknown }).pushState;
    const location = { href: "https://shop.test/a" };
    const win = { history, location, addEventListener() {}, removeEventListener() {} };
    const seen: string[] = [];
    const stop = watchNavigation({ window: win } as unknown as Env, (previous) => seen.push(previous));
    location.href = "https://shop.test/b";
    history.pushState({}, "", "/b");
    expect(seen).toEqual(["https://shop.test/a"]);
    stop();
  });
});
