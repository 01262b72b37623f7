import { act } from "preact/test-utils";

/**
 * Lets the next animation frame run, inside `act`: a modal widget moves the initial focus there
 * (widgets/shared/focusable.ts, inNextFrame), so a test that checks where focus landed waits for it.
 */
export async function nextFrame(): Promise<void> {
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}
