import { Window } from "happy-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { SENTINEL_KEY, watchBackButton } from "../../../src/track/signals/back-button.js";
import { watchExitIntent } from "../../../src/track/signals/exit-intent.js";

/*
 * The back-button sentinel on its own page: each test gets a fresh happy-dom window (the
 * sentinel is one per document), whose history.back() fires popstate as a browser does.
 */

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** A page at `url` with the site's own history state `{ page: 1 }`, and a manual clock. */
function page(url = "https://shop.test/product/7?ref=home") {
  const win = new Window({ url });
  win.history.replaceState({ page: 1 }, "", url);
  let now = 1_000_000;
  const env = {
    window: win as unknown as Window & typeof globalThis,
    document: win.document as unknown as Document,
    now: () => now,
    random: () => 0.5,
    setTimeout: () => 0,
    clearTimeout: () => {},
    fetch: undefined,
    console: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  } as unknown as Env;
  const history = win.history;
  return {
    win,
    env,
    history,
    advance: (ms: number) => void (now += ms),
    tap: () => win.document.dispatchEvent(new win.Event("touchend", { bubbles: true })),
    /** history.back(), then waits for its popstate (happy-dom fires it asynchronously, as browsers do). */
    back: () => navigate(() => history.back()),
    forward: () => navigate(() => history.forward()),
  };
  function navigate(go: () => void) {
    return new Promise<void>((resolve) => {
      win.addEventListener("popstate", () => setTimeout(resolve, 0), { once: true });
      go();
    });
  }
}

function watch(p: ReturnType<typeof page>, ready = () => true) {
  const onBack = vi.fn();
  stops.push(watchBackButton(p.env, ready, onBack));
  return onBack;
}

describe("watchBackButton", () => {
  it("pushes one sentinel after the first interaction: same URL, the page's state plus ours", () => {
    const p = page();
    watch(p);
    expect(p.history.length).toBe(1);
    p.tap();
    expect(p.history.length).toBe(2);
    expect(p.win.location.href).toBe("https://shop.test/product/7?ref=home");
    expect(p.history.state).toEqual({ page: 1, [SENTINEL_KEY]: true });
    p.tap();
    p.win.document.dispatchEvent(new p.win.Event("click", { bubbles: true }));
    expect(p.history.length).toBe(2);
  });

  it("back from the sentinel is the signal, once; the next back goes through", async () => {
    const p = page();
    const onBack = watch(p);
    p.tap();
    await p.back();
    expect(onBack).toHaveBeenCalledOnce();
    expect(p.history.state).toEqual({ page: 1 }); // the site's own entry, as it was
    p.tap(); // used up: no second sentinel on this page
    expect(p.history.length).toBe(2);
    await p.forward();
    await p.back();
    expect(onBack).toHaveBeenCalledOnce();
  });

  it("the site's own navigations are not the back button, and the sentinel is not pushed twice", async () => {
    const p = page();
    const onBack = watch(p);
    p.tap();
    p.history.pushState({ page: 2 }, "", "/cart"); // the site's router, from the sentinel
    p.tap();
    expect(p.history.length).toBe(3);
    await p.back(); // /cart → the sentinel (the product page again)
    expect(onBack).not.toHaveBeenCalled();
    await p.forward(); // → /cart
    expect(onBack).not.toHaveBeenCalled();
    await p.back(); // → the sentinel
    await p.back(); // → below it: the visitor is leaving
    expect(onBack).toHaveBeenCalledOnce();
  });

  it("pushes on the first tap, ready or not, and asks whether a watcher is ready when back is pressed", async () => {
    const p = page();
    let ready = false;
    const onBack = watch(p, () => ready);
    p.tap();
    expect(p.history.length).toBe(2);
    ready = true;
    await p.back();
    expect(onBack).toHaveBeenCalledOnce();
  });

  it("back with no watcher ready goes on back: the visitor leaves with one press", async () => {
    const p = page("https://shop.test/home");
    p.history.pushState({ page: 2 }, "", "https://shop.test/product/7");
    const onBack = watch(p, () => false);
    p.tap();
    expect(p.history.length).toBe(3);
    await p.back(); // off the sentinel; Nudge then goes back once more, to the page before
    await vi.waitFor(() => expect(p.win.location.href).toBe("https://shop.test/home"));
    expect(onBack).not.toHaveBeenCalled();
  });

  it("a sentinel left without watchers (the widget fired another way) still lets back leave at once", async () => {
    const p = page("https://shop.test/home");
    p.history.pushState({ page: 2 }, "", "https://shop.test/product/7");
    const onBack = vi.fn();
    const stop = watchBackButton(p.env, () => true, onBack);
    p.tap();
    stop();
    await p.back();
    await vi.waitFor(() => expect(p.win.location.href).toBe("https://shop.test/home"));
    expect(onBack).not.toHaveBeenCalled();
  });

  it("one sentinel for every watcher of the page; each hears the back button", async () => {
    const p = page();
    const one = watch(p);
    const two = watch(p);
    const three = vi.fn();
    const stopThree = watchBackButton(p.env, () => true, three);
    p.tap();
    stopThree();
    expect(p.history.length).toBe(2);
    await p.back();
    expect(one).toHaveBeenCalledOnce();
    expect(two).toHaveBeenCalledOnce();
    expect(three).not.toHaveBeenCalled();
  });

  it("a page whose history refuses the push (sandboxed frame, too many pushes) is left alone, nothing thrown", () => {
    const p = page();
    vi.spyOn(p.history, "pushState").mockImplementation(() => {
      throw new Error("SecurityError");
    });
    watch(p);
    expect(() => p.tap()).not.toThrow();
    expect(p.env.console.warn).not.toHaveBeenCalled();
  });

  it("a non-object state of the site's is kept out of ours, not spread into it", () => {
    const p = page();
    p.history.replaceState("site-string-state", "", p.win.location.href);
    watch(p);
    p.tap();
    expect(p.history.state).toEqual({ [SENTINEL_KEY]: true });
  });
});

describe("watchExitIntent on a touch device: the back button", () => {
  const touch = (p: ReturnType<typeof page>) =>
    vi.spyOn(p.win, "matchMedia").mockImplementation(((query: string) => ({ matches: query === "(hover: none)", media: query })) as never);

  it('reports "back_button", after minTimeOnPage only', async () => {
    const p = page();
    touch(p);
    const onExit = vi.fn();
    stops.push(watchExitIntent(p.env, { minTimeOnPage: 5_000 }, onExit));
    p.tap();
    expect(p.history.length).toBe(2); // the first tap places the sentinel, however early
    p.advance(5_000);
    await p.back();
    expect(onExit).toHaveBeenCalledExactlyOnceWith("back_button");
  });

  it("pushes nothing with backButton: false, with mobile: false, or on a desktop", () => {
    for (const [options, isTouch] of [
      [{ backButton: false }, true],
      [{ mobile: false }, true],
      [{}, false],
    ] as const) {
      const p = page();
      if (isTouch) touch(p);
      stops.push(watchExitIntent(p.env, options, vi.fn()));
      p.tap();
      expect(p.history.length).toBe(1);
    }
  });
});
