/*
 * The script-tag loader, dist/nudge.js: a tiny classic script that a shop
 * owner pastes. It keeps `window.nudge` a command queue until the runtime
 * (an ES module next to it) has loaded, then hands the queue over.
 */
(() => {
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
    const runtimeUrl = new URL("nudge.runtime.js", script.src);
    import(/* @vite-ignore */ runtimeUrl.href)
      .then(
        (runtime: { boot(script: HTMLScriptElement, queue: unknown[]): void }) => runtime.boot(script, queue),
        // A module that fails to load gives one generic error: say the likely fix. From another
        // origin (a CDN, a static host) the runtime and its chunks load only with CORS headers.
        (error: unknown) =>
          console.error(
            `[nudge] ${runtimeUrl} did not load` + (runtimeUrl.origin !== location.origin ? ": from another origin, its server must send Access-Control-Allow-Origin" : ""),
            error,
          ),
      )
      .catch((error: unknown) => console.error("[nudge] the runtime failed to start", error));
  } catch (error) {
    console.error("[nudge] the loader failed", error);
  }
})();
