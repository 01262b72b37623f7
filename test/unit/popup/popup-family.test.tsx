import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import popup from "../../../widgets/popup/index.js";
import { loadPopupBlocks } from "../../../widgets/popup/blocks.js";
import countdownCoupon from "../../../widgets/countdown-coupon/index.js";
import type { PopupContent } from "../../../widgets/popup/schema.js";
import type { Facts } from "../../../src/profile/facts.js";
import { nextFrame } from "../next-frame.js";

const mounted: Element[] = [];

function callbacks(state: Record<string, unknown> = {}) {
  return {
    close: vi.fn(),
    click: vi.fn(),
    convert: vi.fn(),
    track: vi.fn(),
    minimize: vi.fn(),
    restore: vi.fn(),
    answer: vi.fn(),
    lead: vi.fn(),
    saveState: vi.fn(),
    action: vi.fn(),
    catalog: vi.fn(async () => []),
    state,
  };
}

/** Mounts a widget the way the runtime does: in a shadow root on a host in <body>. */
async function mount(Component: any, content: unknown, { locale = "en", state = {} as Record<string, unknown> } = {}) {
  const pageButton = document.createElement("button");
  const host = document.createElement("div");
  document.body.append(pageButton, host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  mounted.push(root);
  pageButton.focus();
  const props = callbacks(state);
  await act(() => {
    render(<Component id="w" content={content} facts={{} as Facts} locale={locale} currency="USD" {...props} />, root);
  });
  // A popup with a form, countdown or coupon shows once that block's code has loaded (blocks.test.tsx).
  if (Component === popup.component) await act(() => loadPopupBlocks(content as PopupContent));
  await nextFrame(); // a modal's initial focus moves in the next frame
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel);
  return { ...props, shadow, pageButton, $, unmount: () => act(() => render(null, root)) };
}

const type = (input: HTMLInputElement, value: string) =>
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

afterEach(async () => {
  for (const root of mounted.splice(0)) await act(() => render(null, root));
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe("popup layouts", () => {
  it("slide-in and bars are not modal: no aria-modal, focus stays on the page, Esc inside closes", async () => {
    for (const layout of ["slide-in", "top-bar", "bottom-bar"] as const) {
      const { $, shadow, close, unmount } = await mount(popup.component, { title: "Hi", layout, cta: { label: "Go" } });
      const card = $(".nudge-popup__card")!;
      expect(card.getAttribute("role")).toBe(layout === "slide-in" ? "dialog" : "region");
      expect(card.hasAttribute("aria-modal")).toBe(false);
      expect(shadow.activeElement).toBeNull();
      await act(() => {
        $(".nudge-popup__cta")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true, cancelable: true }));
      });
      expect(close).toHaveBeenCalledWith("escape");
      await unmount();
    }
  });

  it("fullscreen is a modal dialog", async () => {
    const { $ } = await mount(popup.component, { title: "Hi", layout: "fullscreen" });
    expect($(".nudge-popup--full [role=dialog]")!.getAttribute("aria-modal")).toBe("true");
  });
});

describe("teaser", () => {
  it("× minimizes to a tab that restores the popup; its own × closes for good", async () => {
    const { $, close, minimize, restore } = await mount(popup.component, { title: "Get 10%", teaser: { label: "-10% ↑" } } satisfies PopupContent);
    await act(() => $(".nudge-popup__close")!.click());
    expect(minimize).toHaveBeenCalledOnce();
    expect(close).not.toHaveBeenCalled();
    expect($("[role=dialog]")).toBeNull();
    const open = $(".nudge-teaser__open")!;
    expect(open.textContent).toBe("-10% ↑ Get 10%");
    await act(() => open.click());
    expect(restore).toHaveBeenCalledOnce();
    expect($("[role=dialog]")).not.toBeNull();
    await act(() => $(".nudge-popup__close")!.click());
    await act(() => $(".nudge-teaser__close")!.click());
    expect(close).toHaveBeenCalledExactlyOnceWith("button");
  });

  it("'no thanks' closes for real even with a teaser", async () => {
    const { $, close, minimize } = await mount(popup.component, { title: "Hi", teaser: { label: "↑" }, dismiss: "No thanks" });
    await act(() => $(".nudge-popup__dismiss")!.click());
    expect(close).toHaveBeenCalledExactlyOnceWith("dismiss");
    expect(minimize).not.toHaveBeenCalled();
  });
});

describe("lead form", () => {
  const form: PopupContent["form"] = {
    fields: [{ name: "email" }, { name: "phone", required: false }],
    consent: { label: "I agree to the processing of my data", policy: { label: "Privacy policy", href: "/privacy" } },
    success: { title: "You are in" },
  };

  it("shows inline errors tied to the fields, focuses the first, then sends and shows success with the coupon", async () => {
    const { $, shadow, lead } = await mount(popup.component, { title: "Join", form, coupon: { code: "HELLO10" } });
    expect($(".nudge-coupon")).toBeNull(); // revealed after sending
    const email = $<HTMLInputElement>("input[name=email]")!;
    await type(email, "ada@");
    await act(() => $("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
    expect(email.getAttribute("aria-invalid")).toBe("true");
    const error = shadow.getElementById(email.getAttribute("aria-describedby")!)!;
    expect(error.textContent).toBe("Enter an email like name@example.com");
    const consent = $<HTMLInputElement>("input[type=checkbox]")!;
    expect(shadow.getElementById(consent.getAttribute("aria-describedby")!)!.textContent).toBe("Please tick the box to continue");
    expect(shadow.activeElement).toBe(email);
    expect($<HTMLAnchorElement>(".nudge-consent__policy")!.getAttribute("href")).toBe("/privacy");
    expect(lead).not.toHaveBeenCalled();

    await type(email, "ada@example.com");
    expect(email.hasAttribute("aria-invalid")).toBe(false); // the error follows the typing
    await act(() => consent.click());
    await act(() => $("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
    // The consent goes with the answers, as the visitor saw it (a collector stores it with the lead).
    expect(lead).toHaveBeenCalledExactlyOnceWith({ email: "ada@example.com" }, "I agree to the processing of my data");
    expect($("form")).toBeNull();
    expect($(".nudge-lead__title")!.textContent).toBe("You are in");
    expect(shadow.activeElement).toBe($(".nudge-lead__title"));
    expect($<HTMLInputElement>(".nudge-coupon__code")!.value).toBe("HELLO10");
  });

  it("speaks Russian", async () => {
    const { $ } = await mount(popup.component, { title: "Подписка", form: { fields: [{ name: "name" }], consent: { label: "Согласен" } } }, { locale: "ru-RU" });
    await act(() => $("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
    expect($(".nudge-field__error")!.textContent).toBe("Заполните поле «Имя»");
    expect($(".nudge-lead__submit")!.textContent).toBe("Отправить");
  });
});

describe("countdown and coupon blocks", () => {
  it("an evergreen countdown stores its deadline on first show and ticks", async () => {
    vi.useFakeTimers({ now: new Date(2026, 0, 1, 12, 0, 0), toFake: ["Date", "setTimeout", "clearTimeout"] });
    const { $, saveState, close } = await mount(popup.component, { title: "Hi", countdown: { evergreen: "2h" } });
    expect(saveState).toHaveBeenCalledExactlyOnceWith({ deadline: new Date(2026, 0, 1, 14, 0, 0).getTime() });
    expect($(".nudge-cd__digits")!.textContent).toBe("02hrs00min00sec");
    expect($("time")!.textContent).toBe("Offer ends in 2 hours 0 minutes");
    await act(() => vi.advanceTimersByTime(61_100)); // ticks land just after each whole second
    expect($(".nudge-cd__digits")!.textContent).toBe("01hrs58min59sec");
    expect(close).not.toHaveBeenCalled();
  });

  it("an offer whose time is up closes at once and renders nothing", async () => {
    const { shadow, close, saveState } = await mount(popup.component, { title: "Hi", countdown: { evergreen: "2h" } }, { state: { deadline: Date.now() - 1000 } });
    expect(close).toHaveBeenCalledWith("api");
    expect(saveState).not.toHaveBeenCalled();
    expect(shadow.querySelector("[role]")).toBeNull();
  });

  it("copies the code and says so; when the clipboard is denied it selects the code", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const content = { title: "15% off", countdown: { evergreen: "30m" }, coupon: { code: "SAVE15" } };
    const { $, click } = await mount(countdownCoupon.component, content);
    await act(async () => $(".nudge-coupon__copy")!.click());
    expect(writeText).toHaveBeenCalledWith("SAVE15");
    expect($("[role=status]")!.textContent).toBe("Code SAVE15 copied");
    expect($(".nudge-coupon__copy")!.textContent).toBe("Copied");
    expect(click).toHaveBeenCalledWith({ coupon: "SAVE15", copy: "clipboard" });

    writeText.mockRejectedValueOnce(new DOMException("denied", "NotAllowedError"));
    await act(async () => $(".nudge-coupon__copy")!.click());
    expect($("[role=status]")!.textContent).toContain("press Ctrl+C");
    const input = $<HTMLInputElement>(".nudge-coupon__code")!;
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 6]);
    expect(click).toHaveBeenLastCalledWith({ coupon: "SAVE15", copy: "selected" });
  });

  it("countdown-coupon is a labelled region with a Russian timer", async () => {
    const { $ } = await mount(countdownCoupon.component, { title: "Скидка 15%", countdown: { until: "2999-01-01" }, coupon: { code: "SAVE15" } }, { locale: "ru" });
    const region = $("[role=region]")!;
    expect($(`#${CSS.escape(region.getAttribute("aria-labelledby")!)}`)!.textContent).toBe("Скидка 15%");
    expect($(".nudge-cd__label")!.textContent).toBe("До конца акции");
    expect($(".nudge-coupon__copy")!.textContent).toBe("Копировать");
    expect($(".nudge-cc__close")!.getAttribute("aria-label")).toBe("Закрыть");
  });
});
