import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import popup from "../../../widgets/popup/index.js";
import { loadPopupBlocks } from "../../../widgets/popup/blocks.js";
import type { PopupContent } from "../../../widgets/popup/schema.js";
import type { Facts } from "../../../src/profile/facts.js";
import { nextFrame } from "../next-frame.js";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";

// The popup's lead form, countdown and coupon are chunks of their own, loaded by the popups that
// show them. Here the countdown-and-coupon chunk cannot be fetched (as when offline): popups that
// need it fail, the others do not.
vi.mock("../../../widgets/popup/offer-block.js", () => {
  throw new Error("offline: the offer chunk did not load");
});

const roots: Element[] = [];

/** A fresh copy of the popup's modules: none of its blocks has loaded yet. */
async function fresh() {
  vi.resetModules();
  const [{ default: definition }, blocks] = await Promise.all([import("../../../widgets/popup/index.js"), import("../../../widgets/popup/blocks.js")]);
  return { Popup: definition.component, load: blocks.loadPopupBlocks };
}

/** Renders the popup's component into a shadow root, like the renderer, without waiting for anything. */
async function mount(content: PopupContent, Popup = popup.component) {
  const pageButton = document.createElement("button");
  const host = document.createElement("div");
  document.body.append(pageButton, host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  roots.push(root);
  pageButton.focus();
  const props = { close: vi.fn(), click: vi.fn(), convert: vi.fn(), track: vi.fn(), lead: vi.fn(), state: {}, saveState: vi.fn() };
  await act(() => {
    render(<Popup {...(props as never)} id="p" content={content} facts={{} as Facts} locale="en" currency="EUR" />, root);
  });
  return { root, shadow, ...props };
}

const form: PopupContent["form"] = { fields: [{ name: "email" }], consent: { label: "I agree" } };

afterEach(async () => {
  for (const root of roots.splice(0)) await act(() => render(null, root));
  cleanup();
});

describe("the popup's lazily loaded blocks", () => {
  it("a plain popup renders whole in the render that mounts it", async () => {
    const { shadow } = await mount({ title: "Hello", cta: { label: "Shop", href: "/sale" } });
    expect(shadow.querySelector(".nudge-popup__title")?.textContent).toBe("Hello");
    await nextFrame(); // the initial focus moves in the next frame
    expect(shadow.activeElement?.className).toBe("nudge-popup__cta");
  });

  it("a popup with a lead form shows nothing until the form's code is here, then all of it at once, focus on the first field", async () => {
    const { Popup, load } = await fresh();
    const content: PopupContent = { title: "Join", form };
    const { root, shadow } = await mount(content, Popup);
    expect(root.childNodes.length).toBe(0); // no backdrop, no empty card: nothing to flash or move
    await act(() => load(content));
    expect(shadow.querySelector("[role=dialog] .nudge-popup__title")?.textContent).toBe("Join");
    expect(shadow.querySelector("form input[name=email]")).not.toBeNull();
    await nextFrame();
    expect(shadow.activeElement?.getAttribute("name")).toBe("email");
  });

  it("an inline popup is rendered at once without its blocks, out of sight (to check its place has room), then shown whole", async () => {
    const content: PopupContent = { title: "Inline join", layout: "inline", inline: { selector: "#slot" }, form: { ...form, submit: "Join inline" } };
    const { Popup, load } = await fresh();
    const { shadow } = await mount(content, Popup);
    const wrap = shadow.querySelector<HTMLElement>(".nudge-inline")!;
    expect(wrap.style.display).toBe("none");
    expect(shadow.querySelector("form")).toBeNull();
    await act(() => load(content));
    expect(wrap.style.display).toBe("");
    expect(shadow.querySelector(".nudge-inline form .nudge-lead__submit")?.textContent).toBe("Join inline");
  });

  it("once the code has loaded, the next popup with a form renders at once", async () => {
    // A slide-in's CSS is a chunk of its own too (a plain modal popup never loads it).
    await loadPopupBlocks({ title: "Warm", form, layout: "slide-in" });
    const { shadow } = await mount({ title: "Join again", form, layout: "slide-in" });
    expect(shadow.querySelector(".nudge-popup__card--slide-in form")).not.toBeNull();
  });

  it("through the runtime: a popup with a form is on screen once its code has loaded", async () => {
    const h = start(rulesOf([{ id: "join", type: "popup", trigger: "manual", content: { title: "Join", form } }]), { widgets: {} });
    await h.nudge.ready;
    expect(await h.nudge.show("join", { force: true })).toBe(true);
    const root = document.querySelector("nudge-root")!.shadowRoot!;
    await vi.waitFor(() => expect(root.querySelector("form")).not.toBeNull());
    // The form's CSS came with its code and was adopted next to the popup's.
    const css = root.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join("\n"));
    expect(css.filter((text) => text.includes(".nudge-field__input"))).toHaveLength(1);
    expect(css.filter((text) => text.includes(".nudge-popup__title"))).toHaveLength(1);
    expect(h.problems).toEqual([]);
  });

  it("through the runtime: a popup whose block's code fails to load is reported and never counted as shown, and the runtime carries on", async () => {
    const h = start(
      rulesOf([
        { id: "deal", type: "popup", trigger: "manual", content: { title: "Deal", coupon: { code: "SAVE10" } } },
        { id: "plain", type: "popup", trigger: "manual", content: { title: "Plain" } },
      ]),
      { widgets: {} },
    );
    await h.nudge.ready;
    expect(await h.nudge.show("deal", { force: true })).toBe(false); // its prepare step loads the blocks, which fails
    // (vitest words the failed import its own way); show() then says it did not show
    await vi.waitFor(() => expect(h.problems.map((p) => p.where)).toEqual(['widget "deal"', 'show("deal")']));
    expect(h.shown).toEqual([]);
    expect(await h.nudge.show("plain", { force: true })).toBe(true);
    await settle();
    expect(document.querySelector("nudge-root")?.shadowRoot?.querySelector(".nudge-popup__title")?.textContent).toBe("Plain");
  });
});
