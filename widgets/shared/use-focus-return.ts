import type { RefObject } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";

/**
 * Gives focus back when `box` goes away with focus inside it: to the page element focus came from
 * when it entered `box`, else to `fallback()` (where the visitor was when the widget first showed).
 * For widgets that do not take focus themselves (a slide-in, a bar) and for a popup reopened from
 * its teaser, whose own "focused before" is the teaser, gone by then.
 * Declare it before `useModalFocus` so it sees focus enter.
 */
export function useFocusReturn(box: RefObject<HTMLElement | null>, fallback: () => Element | null | undefined): void {
  const from = useRef<HTMLElement | null>(null);
  const latest = useRef(fallback);
  latest.current = fallback;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const onFocusIn = (event: FocusEvent) => {
      const came = event.relatedTarget as HTMLElement | null;
      if (came && !el.contains(came) && came.isConnected) from.current = came;
    };
    el.addEventListener("focusin", onFocusIn);
    return () => {
      el.removeEventListener("focusin", onFocusIn);
      const root = el.getRootNode() as ShadowRoot | Document;
      const active = root.activeElement;
      const doc = el.ownerDocument;
      if (!(active && el.contains(active)) && doc.activeElement !== doc.body && doc.activeElement !== null) return;
      const to = (from.current ?? latest.current()) as HTMLElement | null | undefined;
      if (to?.isConnected && typeof to.focus === "function") to.focus({ preventScroll: true });
    };
  }, []);
}
