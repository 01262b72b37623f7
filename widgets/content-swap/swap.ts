import { isSafeUrl } from "../shared/safe-url.js";
import type { ContentSwapContent } from "./schema.js";

/**
 * Puts `content` into `target` and returns a function that puts the original back. Text replaces
 * the element's children as one text node (never parsed as HTML); the original children are kept
 * (the same nodes, with their listeners) and restored as they were. `href` applies to a link, `src`
 * and `alt` to an image (its `srcset` is set aside too, or it would win over `src`).
 *
 * @example
 * const restore = swapContent(document.querySelector("#hero h1")!, { selector: "#hero h1", text: "Hi, Anna's followers!" });
 * restore(); // the headline as it was
 */
export function swapContent(target: Element, content: ContentSwapContent): () => void {
  const undo: Array<() => void> = [];
  const setAttr = (name: string, value: string | null) => {
    const before = target.getAttribute(name);
    if (value === null) target.removeAttribute(name);
    else target.setAttribute(name, value);
    undo.push(() => (before === null ? target.removeAttribute(name) : target.setAttribute(name, before)));
  };
  const tag = target.localName;
  if (tag === "img") {
    if (content.src !== undefined && isSafeUrl(content.src)) {
      setAttr("srcset", null);
      setAttr("src", content.src);
    }
    if (content.alt !== undefined) setAttr("alt", content.alt);
  } else if (content.text !== undefined) {
    const original = Array.from(target.childNodes);
    target.textContent = content.text;
    const replaced = Array.from(target.childNodes);
    undo.push(() => {
      // Only put the original back if the page did not change the element since.
      if (replaced.every((node) => node.parentNode === target) && target.childNodes.length === replaced.length) target.replaceChildren(...original);
    });
  }
  if (tag === "a" && content.href !== undefined && isSafeUrl(content.href)) setAttr("href", content.href);
  return () => {
    for (const step of undo.reverse()) step();
  };
}
