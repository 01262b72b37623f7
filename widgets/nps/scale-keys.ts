/**
 * Where a key moves focus on a scale of `count` buttons from the one at `at` (the score buttons are
 * a toolbar: one Tab stop, the arrows move focus and nothing is picked until Enter, Space or a click).
 * ← and ↑ go to the previous button, → and ↓ to the next, stopping at the ends (it is a scale, so it
 * does not wrap round); Home and End go to the first and the last. Any other key gives `undefined`:
 * leave it to the browser.
 *
 * @example
 * scaleKey("ArrowRight", 3, 11); // 4
 * scaleKey("ArrowLeft", 0, 11); // 0
 * scaleKey("End", 3, 11); // 10
 * scaleKey("Enter", 3, 11); // undefined
 */
export function scaleKey(key: string, at: number, count: number): number | undefined {
  switch (key) {
    case "ArrowLeft":
    case "ArrowUp":
      return Math.max(at - 1, 0);
    case "ArrowRight":
    case "ArrowDown":
      return Math.min(at + 1, count - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
  }
}
