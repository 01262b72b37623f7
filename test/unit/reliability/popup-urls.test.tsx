import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, expect, it, vi } from "vitest";
import popup from "../../../widgets/popup/index.js";
import type { Facts } from "../../../src/profile/facts.js";

const root = document.createElement("div");
afterEach(() => act(() => render(null, root)));

// Found by the reliability suite: an image src filled from a template ({{attributes.avatar}})
// bypasses the schema's URL check, and was rendered as <img src="javascript:…">.
it.each(["javascript:alert(1)", "java\tscript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:x"])(
  "an image src of %j left by a template is not rendered",
  async (src) => {
    document.body.append(root);
    const Popup = popup.component;
    const noop = vi.fn();
    await act(() =>
      render(
        <Popup
          id="p"
          content={{ title: "t", image: { src, alt: "a" }, cta: { label: "go", href: src } }}
          facts={{} as Facts}
          locale="en"
          currency="EUR"
          close={noop}
          click={noop}
          convert={noop}
          track={noop}
        />,
        root,
      ),
    );
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toContain("go");
  },
);
