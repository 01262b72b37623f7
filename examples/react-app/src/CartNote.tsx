import { useId, useState } from "react";
import { reactWidget, type WidgetProps } from "nudge-sdk/react";

/** What a rule of type "cart-note" puts in its `content`. */
export interface CartNoteContent {
  title: string;
  code: string;
}

/**
 * A custom widget written in React: it renders with the app's React inside Nudge's shadow root
 * and gets the same props as a Preact widget (content, facts, close, click, convert…).
 */
function CartNote({ content, facts, close, click, convert }: WidgetProps<CartNoteContent>) {
  const [copied, setCopied] = useState(false);
  const titleId = useId();
  return (
    <aside className="note" role="region" aria-labelledby={titleId}>
      <strong id={titleId}>{content.title}</strong>
      <span className="count">
        {facts.cart.count} item(s) in your cart, {facts.cart.value} {facts.cart.currency}
      </span>
      <button
        type="button"
        className="copy"
        onClick={() => {
          setCopied(true);
          click({ code: content.code });
          convert({ code: content.code });
        }}
      >
        {copied ? `Code ${content.code} copied` : "Get a code"}
      </button>
      <button type="button" className="close" aria-label="Close" onClick={() => close("button")}>
        ×
      </button>
    </aside>
  );
}

export const cartNote = reactWidget(CartNote, {
  // Adopted into Nudge's shadow root: it styles the note, never the page.
  styles:
    ".note{position:fixed;right:16px;bottom:16px;display:grid;gap:8px;max-width:280px;padding:14px 32px 14px 16px;border-radius:12px;background:#1f3a5f;color:#fff;font:15px/1.4 system-ui;box-shadow:0 8px 24px #0003}" +
    ".note button{font:inherit;cursor:pointer}.copy{padding:6px 10px;border:0;border-radius:8px;background:#ffd166;color:#1f3a5f}" +
    ".close{position:absolute;top:4px;right:8px;border:0;background:none;color:#fff;font-size:18px}",
});
