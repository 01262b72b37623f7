import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchExitIntent } from "../../../src/track/signals/exit-intent.js";
import { fakeEnv, mouse, pageHeight, scrollTo, setVisibility, touchDevice } from "./fake-env.js";

let fake: ReturnType<typeof fakeEnv>;
let stop: () => void = () => {};
const onExit = vi.fn();

beforeEach(() => {
  fake = fakeEnv();
  onExit.mockReset();
});
afterEach(() => {
  stop();
  vi.restoreAllMocks();
  setVisibility("visible");
  scrollTo(0);
});

/** The pointer moves through these heights, `gap` ms apart, then leaves the document at `exitY`. */
function pointerPath(ys: number[], exitY: number, gap = 16, init: MouseEventInit = {}) {
  for (const y of ys) {
    mouse("mousemove", y);
    fake.advance(gap);
  }
  mouse("mouseout", exitY, init);
}

describe("watchExitIntent on a desktop (pointer)", () => {
  beforeEach(() => {
    stop = watchExitIntent(fake.env, {}, onExit);
  });

  it("fires when the pointer leaves fast through the top edge", () => {
    pointerPath([300, 200, 100, 5], -10);
    expect(onExit).toHaveBeenCalledExactlyOnceWith("pointer left through the top");
  });

  it("does not fire when the pointer leaves through a side or the bottom", () => {
    pointerPath([400, 420, 440], 440); // the side: relatedTarget null, but far from the top
    pointerPath([600, 700, 760], 775); // the bottom
    expect(onExit).not.toHaveBeenCalled();
  });

  it("does not fire on a slow drift out through the top", () => {
    pointerPath([18, 15, 12, 9, 6, 3], 0, 200);
    expect(onExit).not.toHaveBeenCalled();
  });

  it("does not fire when the pointer only moves onto another element", () => {
    pointerPath([300, 150, 5], 2, 16, { relatedTarget: document.body });
    expect(onExit).not.toHaveBeenCalled();
  });

  it("does not fire for a pointer that moves down to the edge", () => {
    mouse("mousemove", 0);
    fake.advance(16);
    mouse("mouseout", 2);
    expect(onExit).not.toHaveBeenCalled();
  });

  it("does not fire without a touch signal on a desktop: scrolling up fast or coming back to the tab", () => {
    pageHeight(5000);
    scrollTo(2000);
    for (const y of [1800, 1600, 1400]) {
      fake.advance(20);
      scrollTo(y);
    }
    setVisibility("hidden");
    fake.advance(60_000);
    setVisibility("visible");
    expect(onExit).not.toHaveBeenCalled();
  });

  it("stops listening when stopped", () => {
    stop();
    pointerPath([300, 200, 100, 5], -10);
    expect(onExit).not.toHaveBeenCalled();
  });
});

describe("watchExitIntent options", () => {
  it("waits for minTimeOnPage", () => {
    stop = watchExitIntent(fake.env, { minTimeOnPage: 3000 }, onExit);
    fake.advance(1000);
    pointerPath([300, 150, 5], -10);
    expect(onExit).not.toHaveBeenCalled();
    fake.advance(2500);
    pointerPath([300, 150, 5], -10);
    expect(onExit).toHaveBeenCalledOnce();
  });

  it("sensitivity: how close to the top edge the pointer must leave", () => {
    stop = watchExitIntent(fake.env, { sensitivity: 5 }, onExit);
    pointerPath([300, 150, 40], 15);
    expect(onExit).not.toHaveBeenCalled();
    pointerPath([300, 150, 40], 4);
    expect(onExit).toHaveBeenCalledOnce();
  });
});

describe("watchExitIntent on a touch device", () => {
  beforeEach(() => {
    touchDevice();
    pageHeight(5000);
    scrollTo(2000);
  });

  /** Scrolls through these positions, `gap` ms apart. */
  function scrollPath(ys: number[], gap: number) {
    for (const y of ys) {
      fake.advance(gap);
      scrollTo(y);
    }
  }

  it("fires on a fast scroll up toward the top", () => {
    stop = watchExitIntent(fake.env, {}, onExit);
    scrollPath([1950, 1880, 1800, 1700], 30);
    expect(onExit).toHaveBeenCalledExactlyOnceWith("fast scroll up");
  });

  it("does not fire on a slow scroll up, a short flick up or a scroll down", () => {
    stop = watchExitIntent(fake.env, {}, onExit);
    scrollPath([1980, 1960, 1940, 1920, 1900, 1880, 1860], 100); // 0.2 px/ms
    scrollPath([1900, 2200, 2600], 20); // down
    scrollPath([2560, 2530], 20); // 70 px up, fast but short
    expect(onExit).not.toHaveBeenCalled();
  });

  it("a pause ends a gesture: two slow halves are not one fast scroll", () => {
    stop = watchExitIntent(fake.env, {}, onExit);
    scrollPath([1940], 30);
    scrollPath([1880], 1000);
    expect(onExit).not.toHaveBeenCalled();
  });

  it("fires when the tab comes back after 30 s or more away, not after a short switch", () => {
    stop = watchExitIntent(fake.env, {}, onExit);
    setVisibility("hidden");
    fake.advance(10_000);
    setVisibility("visible");
    expect(onExit).not.toHaveBeenCalled();
    setVisibility("hidden");
    fake.advance(31_000);
    setVisibility("visible");
    expect(onExit).toHaveBeenCalledExactlyOnceWith("came back to the tab after 30s away");
  });

  it("ignores the pointer on touch devices, and everything with mobile: false", () => {
    stop = watchExitIntent(fake.env, { mobile: false }, onExit);
    pointerPath([300, 150, 5], -10);
    scrollPath([1950, 1880, 1800, 1700], 30);
    setVisibility("hidden");
    fake.advance(60_000);
    setVisibility("visible");
    expect(onExit).not.toHaveBeenCalled();
  });

  it("respects minTimeOnPage for touch signals too", () => {
    stop = watchExitIntent(fake.env, { minTimeOnPage: 5000 }, onExit);
    scrollPath([1950, 1880, 1800, 1700], 30);
    expect(onExit).not.toHaveBeenCalled();
    fake.advance(5000);
    scrollPath([1650, 1550, 1450, 1350], 30);
    expect(onExit).toHaveBeenCalledOnce();
  });

  it("removes its listeners when stopped", () => {
    const removed = vi.spyOn(window, "removeEventListener");
    const removedDoc = vi.spyOn(document, "removeEventListener");
    stop = watchExitIntent(fake.env, {}, onExit);
    stop();
    expect(removed.mock.calls.map((c) => c[0])).toContain("scroll");
    expect(removedDoc.mock.calls.map((c) => c[0])).toContain("visibilitychange");
    scrollPath([1950, 1880, 1800, 1700], 30);
    expect(onExit).not.toHaveBeenCalled();
  });
});
