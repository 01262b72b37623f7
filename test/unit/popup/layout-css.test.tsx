import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import popup from "../../../widgets/popup/index.js";
import { loadPopupBlocks } from "../../../widgets/popup/blocks.js";
import type { PopupContent } from "../../../widgets/popup/schema.js";
import type { Facts } from "../../../src/profile/facts.js";

const roots: Element[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await act(() => render(null, root));
  document.body.innerHTML = "";
});

async function mount(content: PopupContent) {
  const root = document.createElement("div");
  document.body.append(root);
  roots.push(root);
  const addStyles = vi.fn();
  const props = { close: vi.fn(), click: vi.fn(), convert: vi.fn(), track: vi.fn(), lead: vi.fn(), state: {}, saveState: vi.fn(), addStyles };
  await act(() => {
    render(<popup.component {...(props as never)} id="p" content={content} facts={{} as Facts} locale="en" currency="EUR" />, root);
  });
  return { root, addStyles };
}

const adopted = (addStyles: ReturnType<typeof vi.fn>) => addStyles.mock.calls.map((call) => String(call[0])).join("\n");

describe("the popup's CSS by layout", () => {
  it("a plain modal popup carries no CSS of the other layouts or the teaser", async () => {
    expect(popup.styles).toContain(".nudge-popup__card");
    expect(popup.styles).not.toContain("--slide-in");
    expect(popup.styles).not.toContain(".nudge-teaser");
    const { addStyles } = await mount({ title: "Plain" });
    expect(addStyles).not.toHaveBeenCalled();
  });

  it("a slide-in, or a popup with a teaser, adopts the layouts' CSS before it shows", async () => {
    await loadPopupBlocks({ title: "x", layout: "slide-in" });
    const slide = await mount({ title: "Slide", layout: "slide-in" });
    expect(slide.root.querySelector(".nudge-popup__card--slide-in")).not.toBeNull();
    expect(adopted(slide.addStyles)).toContain(".nudge-popup__card--slide-in{");
    const teaser = await mount({ title: "Tease", teaser: { label: "Offer" } });
    expect(adopted(teaser.addStyles)).toContain(".nudge-teaser{");
  });
});
