import type { RefObject } from "preact";
import { useLayoutEffect } from "preact/hooks";
import { deepActiveElement } from "./focusable.js";

/**
 * Focus return for a non-modal widget (a toast, a slide-in survey) that never takes focus by itself:
 * it remembers where focus came from when the visitor moves into `container`, and when the widget
 * goes away with focus inside, puts focus back there instead of losing it to `<body>`.
 *
 * @example
 * const panel = useRef<HTMLDivElement>(null);
 * useReturnFocus(panel);
 * return <div ref={panel} role="dialog" aria-label="Survey">…</div>;
 */
export function useReturnFocus(container: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const box = container.current;
    if (!box) return;
    let from: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      const previous = event.relatedTarget as HTMLElement | null;
      if (previous && !box.contains(previous)) from = previous;
    };
    box.addEventListener("focusin", onFocusIn);
    return () => {
      box.removeEventListener("focusin", onFocusIn);
      const active = deepActiveElement(box.ownerDocument);
      if (from?.isConnected && active && box.contains(active)) from.focus({ preventScroll: true });
    };
  }, []);
}
