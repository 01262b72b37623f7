import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { slideKey, slidesInView } from "../../../widgets/carousel/track-focus.js";
import { tabbables } from "../../../widgets/shared/focusable.js";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";

describe("slidesInView", () => {
  // A 500 px track; 200 px slides 16 px apart after 24 px of padding, as the carousel lays them out.
  const port = { left: 0, right: 500 };
  const row = (scroll: number, n = 8) => Array.from({ length: n }, (_, i) => ({ left: 24 + i * 216 - scroll, right: 224 + i * 216 - scroll }));

  it.each([
    [0, [0, 1]], // the third slide shows 44 px of 200: not in view
    [216, [1, 2]],
    [432, [2, 3]],
    [540, [2, 4]], // half of the third and of the fifth show: both count
    [1260, [6, 7]], // the end
  ])("scrolled %i px: slides %j", (scroll, expected) => {
    expect(slidesInView(port, row(scroll))).toEqual(expected);
  });

  it("a track narrower than half a slide, or no layout at all: every slide", () => {
    expect(slidesInView({ left: 100, right: 180 }, row(0, 3))).toEqual([0, 2]);
    expect(slidesInView({ left: 0, right: 0 }, Array(4).fill({ left: 0, right: 0 }))).toEqual([0, 3]);
  });
});

describe("slideKey", () => {
  it.each([
    ["ArrowRight", 2, 3],
    ["ArrowLeft", 2, 1],
    ["Home", 5, 0],
    ["End", 2, 7],
    ["ArrowRight", 7, 7], // no wrapping round
    ["ArrowLeft", 0, 0],
  ])("%s from %i goes to %i", (key, at, to) => {
    expect(slideKey(key, at, 8)).toBe(to);
  });

  it.each(["ArrowUp", "ArrowDown", "Enter", " ", "Tab", "PageDown", "constructor"])("leaves %j to the browser (↑/↓ scroll the page)", (key) => {
    expect(slideKey(key, 3, 8)).toBeUndefined();
  });
});

/*
 * The carousel in the runtime, with a layout: happy-dom lays nothing out, so the track, its slides
 * and the arrows get the sizes Chromium gives them (a 500 px track, 200 px cards).
 */
describe("the carousel by keyboard", () => {
  const product = (n: number) => ({ id: `p${n}`, name: `Product ${n}`, url: `/p/${n}`, image: `/img/${n}.svg`, price: 10, category: "coffee", popularity: 20 - n });
  const feed = Array.from({ length: 8 }, (_, i) => product(i + 1));
  let scroll = 0;
  let arrowsShown = true;

  beforeEach(() => {
    scroll = 0;
    arrowsShown = true;
    const slideIndex = (el: Element) => Array.prototype.indexOf.call(el.parentElement!.children, el);
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
      const box = (left: number, width: number) => ({ left, right: left + width, top: 0, bottom: 300, width, height: 300, x: left, y: 0 }) as DOMRect;
      if (this.classList.contains("nudge-carousel__track")) return box(0, 500);
      if (this.classList.contains("nudge-carousel__slide")) return box(24 + slideIndex(this) * 216 - scroll, 200);
      return box(0, 0);
    });
    const measure = (name: "clientWidth" | "scrollWidth" | "scrollLeft", value: () => number) => {
      // The prototype that defines it (happy-dom puts some on Element, some on HTMLElement).
      let owner: object = HTMLElement.prototype;
      while (!Object.hasOwn(owner, name)) owner = Object.getPrototypeOf(owner);
      vi.spyOn(owner as HTMLElement, name, "get").mockImplementation(function (this: Element) {
        return this.classList.contains("nudge-carousel__track") ? value() : 0;
      });
    };
    measure("clientWidth", () => 500);
    measure("scrollWidth", () => 1760);
    measure("scrollLeft", () => scroll);
    vi.spyOn(HTMLElement.prototype, "offsetWidth", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("nudge-carousel__arrows") && arrowsShown ? 84 : 0;
    });
    Element.prototype.scrollIntoView ??= () => {};
    vi.spyOn(Element.prototype, "scrollIntoView").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup();
  });

  async function open() {
    document.body.innerHTML = `<div id="recs"></div>`;
    const h = start(rulesOf([{ id: "recs", type: "carousel", content: { strategy: "popular", category: "coffee", placement: { selector: "#recs" } } }]), { catalog: feed });
    await h.nudge.ready;
    // The widget's chunk is imported on first use: on a busy machine that takes more than a few turns.
    const track = await vi.waitFor(
      () => {
        const el = document.querySelector("nudge-inline")?.shadowRoot?.querySelector<HTMLElement>(".nudge-carousel__track");
        if (!el) throw new Error("no carousel yet");
        return el;
      },
      { timeout: 10_000 },
    );
    await settle();
    const root = track.getRootNode() as ShadowRoot;
    const slides = Array.from(track.children) as HTMLElement[];
    /** The slides ("1 of 8") whose controls Tab reaches. */
    const inTabOrder = () => [...new Set(tabbables(track).map((el) => el.closest("[role=group]")!.getAttribute("aria-label")))];
    const focused = () => root.activeElement?.closest("[role=group]")?.getAttribute("aria-label") ?? null;
    const press = (key: string, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent("keydown", { key, bubbles: true, composed: true, cancelable: true, ...init });
      root.activeElement!.dispatchEvent(event);
      return event;
    };
    const scrollTo = async (left: number) => {
      scroll = left;
      track.dispatchEvent(new Event("scroll"));
      await settle();
    };
    return { root, track, slides, inTabOrder, focused, press, scrollTo };
  }

  it("only the slides in view are in the Tab order, and that follows the scroll (a page of Next)", async () => {
    const c = await open();
    expect(c.slides).toHaveLength(8);
    expect(c.inTabOrder()).toEqual(["1 of 8", "2 of 8"]);
    expect(c.root.querySelectorAll(".nudge-carousel__arrow")).toHaveLength(2);
    // The link and the add button of a slide out of view are still there for screen readers, out of the Tab order.
    const third = c.slides[2];
    expect([...third.querySelectorAll("a,button")].map((el) => el.getAttribute("tabindex"))).toEqual(["-1", "-1"]);
    await c.scrollTo(432);
    expect(c.inTabOrder()).toEqual(["3 of 8", "4 of 8"]);
    expect([...c.slides[0].querySelectorAll("a,button")].map((el) => el.getAttribute("tabindex"))).toEqual(["-1", "-1"]);
    expect([...third.querySelectorAll("a,button")].map((el) => el.getAttribute("tabindex"))).toEqual([null, null]);
    await c.scrollTo(1260);
    expect(c.inTabOrder()).toEqual(["7 of 8", "8 of 8"]);
    expect(c.root.querySelector(".nudge-carousel__arrow:last-child")!.getAttribute("aria-disabled")).toBe("true");
  });

  it("without the arrows on screen (a phone's touch layout) every slide stays in the Tab order", async () => {
    arrowsShown = false;
    const c = await open();
    expect(c.inTabOrder()).toHaveLength(8);
  });

  it("←/→, Home and End move focus between slides, into slides out of view too, and scroll them in", async () => {
    const c = await open();
    c.slides[0].querySelector<HTMLElement>("a")!.focus();
    expect(c.focused()).toBe("1 of 8");
    const steps: Array<[string, string]> = [
      ["ArrowRight", "2 of 8"],
      ["ArrowRight", "3 of 8"], // out of view: focused all the same, and scrolled into view
      ["End", "8 of 8"],
      ["ArrowRight", "8 of 8"],
      ["ArrowLeft", "7 of 8"],
      ["Home", "1 of 8"],
      ["ArrowLeft", "1 of 8"],
    ];
    for (const [key, to] of steps) {
      const event = c.press(key);
      expect(c.focused(), key).toBe(to);
      expect(event.defaultPrevented, key).toBe(true);
    }
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledTimes(steps.length);
    expect(vi.mocked(Element.prototype.scrollIntoView).mock.contexts[2]).toBe(c.slides[7]); // End scrolled the last slide in
    // From the add button too: the next slide's first control (its link).
    c.slides[1].querySelector<HTMLElement>("button")!.focus();
    c.press("ArrowRight");
    expect(c.root.activeElement).toBe(c.slides[2].querySelector("a"));
  });

  it("leaves ↑/↓, other keys and modified arrows to the browser", async () => {
    const c = await open();
    const link = c.slides[1].querySelector<HTMLElement>("a")!;
    link.focus();
    for (const [key, init] of [
      ["ArrowDown", {}],
      ["ArrowUp", {}],
      ["Enter", {}],
      ["ArrowRight", { altKey: true }],
      ["ArrowLeft", { metaKey: true }],
      ["End", { ctrlKey: true }],
    ] as const) {
      expect(c.press(key, init).defaultPrevented, key).toBe(false);
      expect(c.root.activeElement).toBe(link);
    }
  });
});
