import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Facts } from "../../../src/profile/facts.js";
import type { Product, WidgetProps } from "../../../src/render/widget-api.js";
import socialProof from "../../../widgets/social-proof/index.js";
import { productForPage, proofCount } from "../../../widgets/social-proof/proof.js";
import type { SocialProofContent } from "../../../widgets/social-proof/schema.js";

const feed = [
  { id: "sku-1", name: "House Blend", url: "/shop/product.html?id=sku-1", price: 18, image: "/img/1.svg", soldToday: 12, viewsLastHour: 1 },
  { id: "sku-2", name: "Sencha", url: "/shop/product.html?id=sku-2", price: 14, soldToday: 0 },
  { id: "sku-3", name: "Mug", url: "https://shop.example/mug", price: 30, soldToday: "many" },
] as unknown as Product[];

describe("productForPage", () => {
  it("finds the product whose URL is the page, ignoring extra query parameters", () => {
    expect(productForPage(feed, "https://shop.example/shop/product.html?id=sku-2&utm_source=x#reviews")?.id).toBe("sku-2");
    expect(productForPage(feed, "https://shop.example/mug/")?.id).toBe("sku-3");
    expect(productForPage(feed, "https://shop.example/shop/product.html?id=sku-9")).toBeUndefined();
    expect(productForPage(feed, "https://other.example/mug")).toBeUndefined();
  });
  it("prefers an explicit productId", () => {
    expect(productForPage(feed, "https://shop.example/", "sku-3")?.id).toBe("sku-3");
    expect(productForPage(feed, "https://shop.example/", "nope")).toBeUndefined();
  });
});

describe("proofCount", () => {
  it("reads whole, non-negative counts at or above min, and nothing else", () => {
    expect(proofCount(feed[0] as any, "soldToday")).toBe(12);
    expect(proofCount(feed[0] as any, "soldToday", 20)).toBeUndefined();
    expect(proofCount(feed[1] as any, "soldToday")).toBeUndefined(); // 0 people: say nothing
    expect(proofCount(feed[2] as any, "soldToday")).toBeUndefined(); // not a number
    expect(proofCount(feed[0] as any, "toString")).toBeUndefined(); // prototype keys never resolve
    expect(proofCount(undefined, "soldToday")).toBeUndefined();
  });
});

const roots: Element[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await act(() => render(null, root));
  document.body.replaceChildren();
  vi.useRealTimers();
});

/** Mounts the toast as the host does: its `prepare` first; null when it has nothing to show (it is then not mounted). */
async function mount(content: SocialProofContent, url: string, locale = "en-US") {
  const host = document.createElement("div");
  document.body.append(host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  roots.push(root);
  const props = { close: vi.fn(), click: vi.fn(), convert: vi.fn(), track: vi.fn(), catalog: vi.fn(async () => feed) };
  const base = { id: "s", content, facts: { page: { url } } as Facts, locale, currency: "USD", state: {}, ...props } as unknown as WidgetProps<SocialProofContent>;
  const prepared = await socialProof.prepare!(base);
  if (prepared === false) return null;
  const SocialProof = socialProof.component;
  await act(async () => {
    render(<SocialProof {...base} prepared={prepared} />, root);
  });
  await act(async () => {}); // the live region's effect
  return { ...props, shadow, $: (sel: string) => shadow.querySelector<HTMLElement>(sel) };
}

async function mountShown(...args: Parameters<typeof mount>) {
  const w = await mount(...args);
  if (!w) throw new Error("the toast had nothing to show");
  return w;
}

describe("the social-proof toast", () => {
  it("says how many people bought the product on this page, with plurals", async () => {
    const w = await mountShown({}, "https://shop.example/shop/product.html?id=sku-1");
    expect(w.$("[role=status]")!.textContent).toBe("12 people bought this today (House Blend)");
    expect(w.$(".nudge-sp__msg")!.textContent).toBe("12 people bought this today");
  });

  it("uses Russian plural forms", async () => {
    const w = await mountShown({ metric: "viewsLastHour" }, "https://shop.example/shop/product.html?id=sku-1", "ru-RU");
    expect(w.$(".nudge-sp__msg")!.textContent).toBe("1 человек смотрел этот товар за последний час");
    const w2 = await mountShown({ showProduct: false }, "https://shop.example/shop/product.html?id=sku-1", "ru-RU");
    expect(w2.$(".nudge-sp__msg")!.textContent).toBe("12 человек купили это сегодня");
  });

  it("uses the marketer's message for a custom metric", async () => {
    const w = await mountShown({ metric: "soldToday", message: { one: "{n} order today", other: "{n} orders today" } }, "https://shop.example/shop/product.html?id=sku-1");
    expect(w.$(".nudge-sp__msg")!.textContent).toBe("12 orders today");
  });

  it("has nothing to show (prepare resolves false) when the feed has no count: it never invents one", async () => {
    expect(await mount({}, "https://shop.example/shop/product.html?id=sku-2")).toBeNull(); // a count of 0
    expect(await mount({}, "https://shop.example/shop/product.html?id=sku-9")).toBeNull(); // no such product
    expect(await mount({ min: 20 }, "https://shop.example/shop/product.html?id=sku-1")).toBeNull(); // below min
  });

  it("hides by itself after its duration, not counted as a dismissal", async () => {
    vi.useFakeTimers();
    const w = await mountShown({ duration: 5 }, "https://shop.example/shop/product.html?id=sku-1");
    await act(() => vi.advanceTimersByTime(4900));
    expect(w.close).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTime(200));
    expect(w.close).toHaveBeenCalledWith("api");
  });

  it("pauses the countdown while hovered", async () => {
    vi.useFakeTimers();
    const w = await mountShown({ duration: 5 }, "https://shop.example/shop/product.html?id=sku-1");
    await act(() => w.$(".nudge-sp__card")!.dispatchEvent(new MouseEvent("mouseenter")));
    await act(() => vi.advanceTimersByTime(60_000));
    expect(w.close).not.toHaveBeenCalled();
    await act(() => w.$(".nudge-sp__card")!.dispatchEvent(new MouseEvent("mouseleave")));
    await act(() => vi.advanceTimersByTime(5_100));
    expect(w.close).toHaveBeenCalledWith("api");
  });
});
