/** Elements that take focus with Tab, before visibility is considered. */
const TABBABLE =
  'a[href],area[href],button:not([disabled]),input:not([disabled]):not([type="hidden"]),' +
  'select:not([disabled]),textarea:not([disabled]),iframe,summary,[contenteditable=""],' +
  '[contenteditable="true"],[tabindex]';

/**
 * The elements inside `container` that Tab reaches, in document order.
 * Skips `tabindex="-1"`, and anything under `hidden` or `inert`.
 *
 * @example
 * const [first] = tabbables(dialog);
 * first?.focus();
 */
export function tabbables(container: ParentNode): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(TABBABLE)).filter((el) => el.tabIndex >= 0 && !el.closest("[hidden],[inert]"));
}

/**
 * The element that really has focus, looking through open shadow roots:
 * `document.activeElement` is only the shadow host when focus is inside one.
 *
 * @example
 * const before = deepActiveElement(document); // save, then restore later
 */
export function deepActiveElement(root: Document | ShadowRoot): Element | null {
  let el = root.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * Runs `run` in the next animation frame of `el`'s window (at once where there is none); returns how to cancel it.
 * For the initial focus of a widget that just mounted: `focus()` right after the render forces a style and
 * layout pass inside the render's task; in the frame, that pass is the one the browser makes to paint anyway,
 * and the show's work is split over two shorter tasks. The element is focused before the first paint.
 *
 * @example
 * const cancel = inNextFrame(dialog, () => dialog.focus());
 */
export function inNextFrame(el: Element, run: () => void): () => void {
  const view = el.ownerDocument.defaultView;
  if (typeof view?.requestAnimationFrame !== "function") {
    run();
    return () => {};
  }
  const frame = view.requestAnimationFrame(() => run());
  return () => view.cancelAnimationFrame(frame);
}
