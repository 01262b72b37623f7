import type { RefObject } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { deepActiveElement, inNextFrame, tabbables } from "./focusable.js";

/** Options of {@link useModalFocus}. */
export interface ModalFocusOptions {
  /** Called when Escape is pressed in the modal (or with focus nowhere, on the page's body). */
  onEscape?: (event: KeyboardEvent) => void;
  /** What to focus on open; defaults to the first tabbable element, then the container itself. */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * Modal focus management for a dialog rendered anywhere, shadow roots included:
 * on mount it remembers the focused element (looking through shadow roots) and, in the
 * next animation frame (before the first paint, see {@link inNextFrame}), moves focus into
 * `container`; while mounted, Tab and Shift+Tab cycle inside `container` and Escape calls
 * `onEscape`; on unmount focus returns to the remembered element.
 * Only keys pressed in `container` (or with focus nowhere) are handled: a key pressed in the
 * page's own dialog (a `<dialog>` opened over ours, a trapped cart drawer) is the page's.
 *
 * Give `container` `tabIndex={-1}` so it can hold focus when nothing in it is tabbable
 * and so clicks on its plain text keep focus inside.
 *
 * @example
 * const dialog = useRef<HTMLDivElement>(null);
 * useModalFocus(dialog, { onEscape: () => close("escape") });
 * return <div ref={dialog} role="dialog" aria-modal="true" tabIndex={-1}>…</div>;
 */
export function useModalFocus(container: RefObject<HTMLElement | null>, options: ModalFocusOptions = {}): void {
  // Latest options without re-running the effect (callbacks are usually inline arrows).
  const latest = useRef(options);
  latest.current = options;

  // A layout effect runs as the dialog is inserted, before the browser can paint or handle a key:
  // the element focused before it opened is recorded before a Tab could move focus elsewhere.
  useLayoutEffect(() => {
    const box = container.current;
    if (!box) return;
    const doc = box.ownerDocument;
    const root = box.getRootNode() as Document | ShadowRoot;
    const before = deepActiveElement(doc) as HTMLElement | null;

    const focus = (el: HTMLElement | null | undefined) => el?.focus({ preventScroll: true });
    // Unless a key (Tab) moved focus into the dialog first.
    const cancelFocus = inNextFrame(box, () => box.contains(deepActiveElement(doc)) || focus(latest.current.initialFocus?.current ?? tabbables(box)[0] ?? box));

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !aimedAt(box, event)) return;
      if (event.key === "Escape" || event.key === "Esc") {
        const onEscape = latest.current.onEscape;
        if (onEscape) {
          event.preventDefault();
          onEscape(event);
        }
      } else if (event.key === "Tab") {
        // Move focus ourselves rather than only at the edges: simpler, and correct
        // even when focus has fallen out of the dialog onto the body.
        event.preventDefault();
        const items = tabbables(box);
        if (!items.length) return focus(box);
        const at = items.indexOf(root.activeElement as HTMLElement);
        const step = event.shiftKey ? -1 : 1;
        const next = at < 0 ? (event.shiftKey ? items.length - 1 : 0) : (at + step + items.length) % items.length;
        focus(items[next]);
      }
    };
    doc.addEventListener("keydown", onKeyDown);

    return () => {
      cancelFocus();
      doc.removeEventListener("keydown", onKeyDown);
      if (before?.isConnected && typeof before.focus === "function") focus(before);
    };
  }, []);
}

/** Whether a key press is the modal's: pressed in it, or with focus nowhere (on the body, after the focused element went away). */
function aimedAt(box: HTMLElement, event: KeyboardEvent): boolean {
  if (event.composedPath().includes(box)) return true;
  const doc = box.ownerDocument;
  const active = deepActiveElement(doc);
  return !active || active === doc.body || active === doc.documentElement;
}
