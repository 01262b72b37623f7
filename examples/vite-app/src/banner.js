// A custom widget: a Preact component that gets its content and callbacks, nothing else.
// Written with `h` (no JSX step needed); with JSX it is the README's `Banner`.
import { h } from "preact";

function Banner({ content, close, click }) {
  return h("div", { class: "banner", role: "status" }, [
    h("span", null, content.text),
    h("button", { type: "button", "aria-label": "Close", onClick: () => close("button") }, "×"),
    h("a", { href: "#cart", onClick: () => click({ href: "#cart" }) }, "See cart"),
  ]);
}

export const banner = {
  component: Banner,
  // Adopted into Nudge's shadow root: it styles the banner, never the page.
  styles:
    ".banner{position:fixed;left:16px;bottom:16px;display:flex;gap:12px;align-items:center;padding:12px 16px;border-radius:10px;background:#2f4a3a;color:#fff;font:15px system-ui}.banner button{all:unset;cursor:pointer;font-size:18px}.banner a{color:#fff}",
};
