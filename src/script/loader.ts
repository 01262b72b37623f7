/*
 * The script-tag loader, dist/nudge.js: a tiny classic script that a shop
 * owner pastes. It keeps `window.nudge` a command queue until the runtime
 * (an ES module next to it) has loaded, then hands the queue over.
 */
(function () {
  try {
    const win = window as unknown as { nudge?: unknown };
    const existing = win.nudge as { __nudge?: string } | unknown[] | undefined;
    // Loaded twice (two snippets, a theme plus an app): the first one wins.
    if (existing && (existing as { __nudge?: string }).__nudge) return;
    const queue: unknown[] = Array.isArray(existing) ? existing : [];
    (queue as unknown as { __nudge: string }).__nudge = "loading";
    win.nudge = queue;
    const script = (document.currentScript ?? document.querySelector('script[src*="nudge.js"]')) as HTMLScriptElement | null;
    if (!script) return;
    const runtimeUrl = new URL("nudge.runtime.js", script.src).href;
    import(/* @vite-ignore */ runtimeUrl)
      .then((runtime: { boot(script: HTMLScriptElement, queue: unknown[]): void }) => runtime.boot(script, queue))
      .catch((error: unknown) => console.error("[nudge] the runtime failed to start", error));
  } catch (error) {
    console.error("[nudge] the loader failed", error);
  }
})();
