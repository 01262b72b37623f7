import axe from "axe-core";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import popup from "../../../widgets/popup/index.js";
import type { PopupContent } from "../../../widgets/popup/schema.js";
import type { Facts } from "../../../src/profile/facts.js";
import { nextFrame } from "../next-frame.js";

const Popup = popup.component;
const mounted: Element[] = [];

/** Mounts the popup the way the runtime does: inside a shadow root on a host in <body>. */
async function mount(content: PopupContent, { frame = true } = {}) {
  const pageButton = document.createElement("button");
  pageButton.textContent = "Page button";
  const host = document.createElement("div");
  document.body.append(pageButton, host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  mounted.push(root);
  pageButton.focus();

  const props = {
    close: vi.fn(),
    click: vi.fn(),
    convert: vi.fn(),
    track: vi.fn(),
  };
  await act(() => {
    render(<Popup id="p1" content={content} facts={{} as Facts} locale="en" currency="EUR" {...props} />, root);
  });
  if (frame) await nextFrame(); // the initial focus moves in the next frame
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel);
  const unmount = () => act(() => render(null, root));
  return { ...props, shadow, host, pageButton, $, unmount };
}

const key = (target: Element, init: KeyboardEventInit) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, composed: true, cancelable: true, ...init }));
  });

const full: PopupContent = {
  eyebrow: "Members only",
  title: "Get 10% off",
  text: "Join the club for early access.",
  image: { src: "/img/gift.jpg", alt: "A gift box" },
  cta: { label: "Claim", action: "convert" },
  dismiss: "No thanks",
  closeLabel: "Close offer",
};

afterEach(async () => {
  // Unmount (not just detach) so effects clean up their document listeners.
  for (const root of mounted.splice(0)) await act(() => render(null, root));
  document.body.replaceChildren();
});

describe("popup widget", () => {
  it("is a modal widget definition with base and popup styles", () => {
    // Modal by layout: only "modal" (the default) and "fullscreen" block the page.
    const modal = popup.modal as (c: Partial<PopupContent>) => boolean;
    expect([undefined, "modal", "fullscreen", "slide-in", "top-bar", "bottom-bar", "inline"].map((layout) => modal({ title: "x", layout: layout as never }))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(popup.styles).toContain(".nudge-w");
    expect(popup.styles).toContain(".nudge-popup__card");
    expect(popup.styles).toContain("prefers-reduced-motion");
  });

  it("renders an accessible dialog labelled by the title and described by the text", async () => {
    const { $ } = await mount(full);
    const dialog = $('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const title = $(`#${CSS.escape(dialog.getAttribute("aria-labelledby")!)}`)!;
    const text = $(`#${CSS.escape(dialog.getAttribute("aria-describedby")!)}`)!;
    expect(title.textContent).toBe("Get 10% off");
    expect(text.textContent).toBe("Join the club for early access.");
    expect($(".nudge-popup__eyebrow")!.textContent).toBe("Members only");
    const img = $<HTMLImageElement>("img")!;
    expect(img.getAttribute("alt")).toBe("A gift box");
    expect(img.getAttribute("src")).toBe("/img/gift.jpg");
    expect($(".nudge-popup__close")!.getAttribute("aria-label")).toBe("Close offer");
  });

  it("renders markup in every string as literal text", async () => {
    const payload = '<img src=x onerror="alert(1)">';
    const { $, shadow } = await mount({
      eyebrow: payload,
      title: payload,
      text: payload,
      image: { src: "/a.png", alt: payload },
      cta: { label: payload },
      dismiss: payload,
    });
    expect($(".nudge-popup__title")!.textContent).toBe(payload);
    expect($(".nudge-popup__text")!.textContent).toBe(payload);
    expect($(".nudge-popup__cta")!.textContent).toBe(payload);
    // The only <img> is the content image; no element came from the payload.
    expect(shadow.querySelectorAll("img")).toHaveLength(1);
    expect(shadow.querySelector("[onerror]")).toBeNull();
  });

  it("leaves out optional parts and omits aria-describedby without text", async () => {
    const { $ } = await mount({ title: "Hello" });
    expect($("img")).toBeNull();
    expect($(".nudge-popup__eyebrow")).toBeNull();
    expect($(".nudge-popup__cta")).toBeNull();
    expect($(".nudge-popup__dismiss")).toBeNull();
    expect($('[role="dialog"]')!.hasAttribute("aria-describedby")).toBe(false);
    expect($(".nudge-popup__close")!.getAttribute("aria-label")).toBe("Close");
  });

  it("closes with reason escape on Esc", async () => {
    const { $, close } = await mount(full);
    await key($(".nudge-popup__cta")!, { key: "Escape" });
    expect(close).toHaveBeenCalledExactlyOnceWith("escape");
  });

  it("closes on a backdrop click but not on a click inside the card", async () => {
    const { $, close } = await mount(full);
    await act(() => $(".nudge-popup__text")!.click());
    await act(() => $(".nudge-popup__card")!.click());
    expect(close).not.toHaveBeenCalled();
    await act(() => $(".nudge-popup")!.click());
    expect(close).toHaveBeenCalledExactlyOnceWith("backdrop");
  });

  it("does not close when a press starts in the card and ends on the backdrop", async () => {
    const { $, close } = await mount(full);
    await act(() => {
      $(".nudge-popup__text")!.dispatchEvent(new Event("pointerdown", { bubbles: true }));
      $(".nudge-popup")!.click();
    });
    expect(close).not.toHaveBeenCalled();
  });

  it("closes with reason button from × and dismiss from the no-thanks link", async () => {
    const { $, close } = await mount(full);
    await act(() => $(".nudge-popup__close")!.click());
    await act(() => $(".nudge-popup__dismiss")!.click());
    expect(close.mock.calls).toEqual([["button"], ["dismiss"]]);
  });

  it("CTA with action convert: click, then convert, then close('cta')", async () => {
    const { $, click, convert, close } = await mount(full);
    const cta = $(".nudge-popup__cta")!;
    expect(cta.tagName).toBe("BUTTON");
    await act(() => cta.click());
    expect(click).toHaveBeenCalledOnce();
    expect(convert).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledExactlyOnceWith("cta");
    expect(click.mock.invocationCallOrder[0]).toBeLessThan(convert.mock.invocationCallOrder[0]);
    expect(convert.mock.invocationCallOrder[0]).toBeLessThan(close.mock.invocationCallOrder[0]);
  });

  it("CTA without action (or action close) closes without converting", async () => {
    const { $, convert, close } = await mount({ title: "Hi", cta: { label: "OK", action: "close" } });
    await act(() => $(".nudge-popup__cta")!.click());
    expect(convert).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledExactlyOnceWith("cta");
  });

  it("CTA with href is a real link that reports the click and lets the browser navigate", async () => {
    const { $, click, close } = await mount({ title: "Sale", cta: { label: "Shop now", href: "/sale?utm=popup" } });
    const cta = $<HTMLAnchorElement>(".nudge-popup__cta")!;
    expect(cta.tagName).toBe("A");
    expect(cta.getAttribute("href")).toBe("/sale?utm=popup");
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    await act(() => {
      cta.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(false);
    expect(click).toHaveBeenCalledExactlyOnceWith({ href: "/sale?utm=popup" });
    expect(close).not.toHaveBeenCalled();
  });

  it("never renders an unsafe href that bypassed the schema", async () => {
    const { $, shadow } = await mount({ title: "x", cta: { label: "Go", href: "javascript:alert(1)" } });
    expect(shadow.querySelector("a")).toBeNull();
    expect($(".nudge-popup__cta")!.tagName).toBe("BUTTON");
  });

  it("moves focus to the CTA on mount and back to the page button on unmount", async () => {
    const { $, shadow, host, pageButton, unmount } = await mount(full);
    expect(document.activeElement).toBe(host);
    expect(shadow.activeElement).toBe($(".nudge-popup__cta"));
    await unmount();
    expect(document.activeElement).toBe(pageButton);
  });

  // Focus forces a style and layout pass: in the render's task it made a cold show's longest task longer (issue 17).
  it("moves the initial focus in the next frame, before the paint, and not at all when closed before it", async () => {
    const first = await mount(full, { frame: false });
    expect(document.activeElement).toBe(first.pageButton);
    await nextFrame();
    expect(first.shadow.activeElement).toBe(first.$(".nudge-popup__cta"));
    await first.unmount();

    const second = await mount(full, { frame: false });
    await second.unmount();
    await nextFrame();
    expect(document.activeElement).toBe(second.pageButton);
  });

  it("focuses the first focusable element when there is no CTA", async () => {
    const { $, shadow } = await mount({ title: "Hi", dismiss: "Later" });
    expect(shadow.activeElement).toBe($(".nudge-popup__dismiss"));
  });

  it("traps Tab and Shift+Tab inside the dialog", async () => {
    const { $, shadow } = await mount(full);
    const cta = $(".nudge-popup__cta")!;
    const dismiss = $(".nudge-popup__dismiss")!;
    const closeButton = $(".nudge-popup__close")!;

    await key(cta, { key: "Tab" });
    expect(shadow.activeElement).toBe(dismiss);
    await key(dismiss, { key: "Tab" });
    expect(shadow.activeElement).toBe(closeButton);
    await key(closeButton, { key: "Tab" }); // last → wraps to first
    expect(shadow.activeElement).toBe(cta);
    await key(cta, { key: "Tab", shiftKey: true }); // first → wraps to last
    expect(shadow.activeElement).toBe(closeButton);
  });

  it("brings focus back into the dialog on Tab when focus fell onto the body", async () => {
    const { $, shadow } = await mount(full);
    (shadow.activeElement as HTMLElement).blur();
    await key(document.body, { key: "Tab" });
    expect(shadow.activeElement).toBe($(".nudge-popup__cta"));
  });

  // Regression: a Tab or Escape in the page's own dialog (opened over the popup) was taken by the popup.
  it("leaves the keys pressed in the page's own UI to the page", async () => {
    const { shadow, pageButton, close } = await mount(full);
    pageButton.focus();
    const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, composed: true, cancelable: true });
    await act(() => void pageButton.dispatchEvent(tab));
    expect(tab.defaultPrevented).toBe(false);
    expect(shadow.activeElement).toBe(null);
    await key(pageButton, { key: "Escape" });
    expect(close).not.toHaveBeenCalled();
  });

  it("stops listening for keys after unmount", async () => {
    const { close, unmount, pageButton } = await mount(full);
    await unmount();
    await key(pageButton, { key: "Escape" });
    expect(close).not.toHaveBeenCalled();
  });

  it("has no axe-core violations (colour contrast is checked in a real browser, not here)", async () => {
    await mount({ ...full, cta: { label: "Shop", href: "/sale" } });
    const result = await axe.run(document.body, {
      rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
    });
    expect(result.violations.map((v) => v.id)).toEqual([]);
    expect(result.passes.map((p) => p.id)).toContain("aria-dialog-name");
  });
});
