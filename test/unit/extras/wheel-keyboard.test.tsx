import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import wheel from "../../../widgets/wheel/index.js";
import type { WheelContent } from "../../../widgets/wheel/schema.js";
import type { Facts } from "../../../src/profile/facts.js";
import { nextFrame } from "../next-frame.js";

/*
 * The wheel by keyboard: a modal whose focus never falls out of it, from the spin to the result.
 * (It has no keys of its own: the dialog's Tab cycle and Escape, and native buttons.)
 */

const roots: Element[] = [];
let reduce = true;
beforeEach(() => {
  reduce = true;
  vi.spyOn(window, "matchMedia").mockImplementation((query: string) => ({ matches: reduce && query.includes("reduce"), media: query }) as MediaQueryList);
});
afterEach(async () => {
  for (const root of roots.splice(0)) await act(() => render(null, root));
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** Makes the next spin land on segment `index` of `weights` (equal weights: index / n of the range). */
function landOn(index: number, n: number) {
  vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T) => {
    (array as unknown as Uint32Array)[0] = Math.floor(((index + 0.5) / n) * 0x1_0000_0000);
    return array;
  });
}

async function mount(content: WheelContent, state: Record<string, unknown> = {}) {
  const opener = document.createElement("button");
  document.body.append(opener);
  opener.focus();
  const host = document.createElement("div");
  document.body.append(host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  roots.push(root);
  const props = { close: vi.fn(), click: vi.fn(), convert: vi.fn(), track: vi.fn(), answer: vi.fn(), lead: vi.fn(), saveState: vi.fn(), action: vi.fn() };
  const Wheel = wheel.component;
  await act(() => render(<Wheel id="w" content={content} facts={{} as Facts} locale="en" currency="USD" state={state} {...(props as any)} />, root));
  await nextFrame(); // the initial focus moves in the next frame
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel);
  const focused = () => {
    const el = shadow.activeElement as HTMLElement | null;
    return el ? el.className.split(" ")[0] : null;
  };
  const tab = async (shiftKey = false) => {
    await act(
      () => void (shadow.activeElement ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { key: "Tab", shiftKey, bubbles: true, composed: true, cancelable: true })),
    );
  };
  return { ...props, shadow, $, focused, tab, opener };
}

const segments = [
  { label: "10% off", code: "SPIN10", weight: 1 },
  { label: "No luck", weight: 1 },
];

describe("the wheel by keyboard", () => {
  it("opens on the spin button; Tab cycles between it and ×; Enter/Space (a submit) spins and focus moves to the copy button", async () => {
    landOn(0, 2);
    const w = await mount({ segments });
    expect(w.focused()).toBe("nudge-wheel__spin");
    await w.tab();
    expect(w.focused()).toBe("nudge-wheel__close");
    await w.tab();
    expect(w.focused()).toBe("nudge-wheel__spin");
    await w.tab(true);
    expect(w.focused()).toBe("nudge-wheel__close");
    await w.tab(true);
    await act(() => w.$<HTMLFormElement>("form")!.requestSubmit(w.$<HTMLButtonElement>(".nudge-wheel__spin")!));
    expect(w.$(".nudge-wheel__spin")).toBeNull();
    expect(w.$(".nudge-wheel__code")!.textContent).toBe("SPIN10");
    expect(w.focused()).toBe("nudge-wheel__copy"); // not lost to <body> when the spin button goes
    await w.tab();
    expect(w.focused()).toBe("nudge-wheel__close");
    await w.tab();
    expect(w.focused()).toBe("nudge-wheel__copy");
  });

  it("a losing spin puts focus on the call to action, else on ×", async () => {
    landOn(1, 2);
    const w = await mount({ segments, cta: { label: "Shop now", href: "/shop" } });
    await act(() => w.$<HTMLFormElement>("form")!.requestSubmit());
    expect(w.$(".nudge-wheel__title")!.textContent).toBe("No luck this time");
    expect(w.focused()).toBe("nudge-wheel__cta");
    await act(() => render(null, roots.pop()!));
    landOn(1, 2);
    const plain = await mount({ segments });
    await act(() => plain.$<HTMLFormElement>("form")!.requestSubmit());
    expect(plain.focused()).toBe("nudge-wheel__close");
  });

  it("while the wheel turns, focus stays on the busy spin button (aria-disabled, a second press does nothing), then moves to the result", async () => {
    reduce = false;
    landOn(0, 2);
    const w = await mount({ segments });
    const spin = w.$<HTMLButtonElement>(".nudge-wheel__spin")!;
    await act(() => w.$<HTMLFormElement>("form")!.requestSubmit());
    expect(spin.textContent).toBe("Spinning…");
    expect(spin.getAttribute("aria-disabled")).toBe("true");
    expect(w.shadow.activeElement).toBe(spin);
    await act(() => w.$<HTMLFormElement>("form")!.requestSubmit());
    expect(w.saveState).toHaveBeenCalledTimes(1);
    await act(() => void w.$(".nudge-wheel__disc")!.dispatchEvent(new Event("transitionend", { bubbles: true })));
    expect(w.focused()).toBe("nudge-wheel__copy");
  });

  it("with an email: a bad address keeps focus in the field, marked invalid; the consent box follows in the Tab order", async () => {
    const w = await mount({ segments, requireEmail: true, consent: "I agree" });
    expect(w.focused()).toBe("nudge-wheel__input");
    await w.tab();
    expect((w.shadow.activeElement as HTMLInputElement).type).toBe("checkbox");
    await w.tab();
    expect(w.focused()).toBe("nudge-wheel__spin");
    await act(() => w.$<HTMLFormElement>("form")!.requestSubmit());
    expect(w.focused()).toBe("nudge-wheel__input");
    expect(w.$(".nudge-wheel__input")!.getAttribute("aria-invalid")).toBe("true");
    expect(w.lead).not.toHaveBeenCalled();
  });

  it("shown again after a spin: focus on the saved result's first control; Escape closes", async () => {
    const w = await mount({ segments }, { result: { index: 0, label: "10% off", code: "SPIN10", at: 1 } });
    expect(w.$(".nudge-wheel__note")).not.toBeNull();
    expect(w.focused()).toBe("nudge-wheel__copy");
    await act(() => void w.shadow.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true, cancelable: true })));
    expect(w.close).toHaveBeenCalledWith("escape");
  });
});
