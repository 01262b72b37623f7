/** A box's horizontal extent, as `getBoundingClientRect()` gives it. */
export interface Span {
  left: number;
  right: number;
}

/**
 * The first and last slides at least half inside the track's visible width (`port`): the slides
 * whose links and buttons Tab reaches, so that Tab after "Next" lands on what the visitor now sees
 * instead of scrolling back to the first product. When no slide is (a track narrower than half a
 * slide, or no layout at all), all of them.
 *
 * @example
 * slidesInView({ left: 0, right: 500 }, [{ left: 0, right: 200 }, { left: 216, right: 416 }, { left: 432, right: 632 }]); // [0, 1]
 */
export function slidesInView(port: Span, slides: Span[]): [number, number] {
  let first = -1;
  let last = -1;
  slides.forEach((s, i) => {
    if (Math.min(s.right, port.right) - Math.max(s.left, port.left) >= (s.right - s.left) / 2) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? [0, slides.length - 1] : [first, last];
}

/**
 * Where a key moves focus among `count` slides from the one at `at`: ← and → the previous and the
 * next (stopping at the ends), Home and End the first and the last. Any other key (↑ and ↓ too:
 * they scroll the page) gives `undefined`.
 *
 * @example
 * slideKey("ArrowRight", 2, 8); // 3
 * slideKey("End", 2, 8); // 7
 * slideKey("ArrowDown", 2, 8); // undefined
 */
export function slideKey(key: string, at: number, count: number): number | undefined {
  switch (key) {
    case "ArrowLeft":
      return Math.max(at - 1, 0);
    case "ArrowRight":
      return Math.min(at + 1, count - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
  }
}
