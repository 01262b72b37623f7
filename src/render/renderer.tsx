import { Component, render, type ComponentChildren } from "preact";
import type { Env } from "../env/env.js";
import { HOST_STYLES, INLINE_HOST_STYLES } from "./host-styles.js";
import type { AnyWidgetDefinition, MountedWidgetDefinition, Placement, WidgetProps } from "./widget-api.js";

export interface RendererOptions {
  nonce?: string;
  /** A widget threw while rendering: it is removed, the others stay. */
  onError(key: string, error: unknown): void;
  /** At least half of a widget was on screen (once per mount). */
  onViewable(key: string): void;
}

/** One shadow root: Nudge's overlay layer, or the host element of one inline widget. */
interface Layer {
  host: HTMLElement;
  shadow: ShadowRoot;
  hostStyles: string;
}

interface Mounted {
  layer: Layer;
  container: HTMLElement;
  /** The definition's `styles`, then what the widget added with `addStyles`. */
  styles: string[];
  stop(): void;
  /** Takes the widget out of its container: Preact's, or what a `mount` definition returned. */
  dispose(): void;
}

/**
 * The render step: Preact inside shadow roots, styles adopted as constructable
 * stylesheets (CSP-safe, invisible to the host page). Overlay widgets (popups,
 * bars, launchers) share one fixed, zero-size layer; an inline widget gets its
 * own host element at its place in the page. It mounts what the decide step
 * chose, several at once, and never decides.
 */
export function createRenderer(env: Env, options: RendererOptions) {
  const doc = env.document!;
  const sheets = new Map<string, CSSStyleSheet | HTMLStyleElement>();
  const mounted = new Map<string, Mounted>();
  let keys = 0;

  function newLayer(tag: string, hostStyles: string): Layer {
    const host = doc.createElement(tag);
    return { host, shadow: host.attachShadow({ mode: "open" }), hostStyles };
  }
  const overlay = newLayer("nudge-root", HOST_STYLES);

  function sheet(css: string, layer: Layer): CSSStyleSheet | HTMLStyleElement {
    if (canAdopt(layer.shadow)) {
      let made = sheets.get(css) as CSSStyleSheet | undefined;
      if (!made) {
        made = new CSSStyleSheet();
        made.replaceSync(css);
        sheets.set(css, made);
      }
      return made;
    }
    // Older browsers: a <style> per shadow root, carrying the page's CSP nonce.
    const style = doc.createElement("style");
    if (options.nonce) style.nonce = options.nonce;
    style.textContent = css;
    return style;
  }

  /** A layer's stylesheets: its host's, then each mounted widget's, once each. */
  function applyStyles(layer: Layer) {
    const css = [layer.hostStyles, ...new Set([...mounted.values()].filter((m) => m.layer === layer).flatMap((m) => m.styles))];
    if (canAdopt(layer.shadow)) layer.shadow.adoptedStyleSheets = css.map((c) => sheet(c, layer) as CSSStyleSheet);
    else {
      for (const old of layer.shadow.querySelectorAll(":scope > style")) old.remove();
      layer.shadow.prepend(...css.map((c) => sheet(c, layer) as HTMLStyleElement));
    }
  }

  /** Puts an inline widget's host element at its placement; undefined when the selector matches nothing. */
  function placeInline(placement: Placement): { layer: Layer; anchor: Element } | undefined {
    let anchor: Element | null = null;
    try {
      anchor = doc.querySelector(placement.selector);
    } catch {
      // an invalid selector is reported by the caller like one that matches nothing
    }
    if (!anchor) return undefined;
    const layer = newLayer("nudge-inline", INLINE_HOST_STYLES);
    const position = placement.position ?? "append";
    if (position === "before") anchor.before(layer.host);
    else if (position === "after") anchor.after(layer.host);
    else if (position === "prepend") anchor.prepend(layer.host);
    else anchor.append(layer.host);
    return { layer, anchor };
  }

  let stopViewport = () => {};
  const overlayCount = () => [...mounted.values()].filter((m) => m.layer === overlay).length;

  function unmount(key: string): void {
    const m = mounted.get(key);
    if (!m) return;
    mounted.delete(key);
    m.stop();
    try {
      m.dispose();
    } catch (error) {
      options.onError(key, error); // a mount() that returned no function, or one that threw
    }
    m.container.remove();
    if (m.layer !== overlay) m.layer.host.remove();
    else if (!overlayCount()) stopViewport();
  }

  return {
    /**
     * Mounts a widget under `key`, replacing what was mounted under it. Returns the page element an
     * inline widget was placed at, `null` for the overlay, or `undefined` when its placement matched nothing.
     */
    mount(key: string, definition: AnyWidgetDefinition, props: WidgetProps, placement?: Placement): Element | null | undefined {
      unmount(key);
      let layer = overlay;
      let target: Element | undefined;
      if (placement) {
        const inline = placeInline(placement);
        if (!inline) return undefined;
        ({ layer, anchor: target } = inline);
      } else {
        // On <html>, after <body>: a transformed or filtered body would make our fixed layer scroll away with
        // it, and an SPA that replaces <body> leaves it in place (re-attached if the page removed it anyway).
        if (!overlay.host.isConnected) doc.documentElement.appendChild(overlay.host);
        if (!overlayCount()) stopViewport = followVisualViewport(env, overlay.host);
      }
      const container = doc.createElement("div");
      layer.shadow.appendChild(container);
      const stop = watchViewable(env, container, () => options.onViewable(key));
      const entry: Mounted = { layer, container, styles: [definition.styles ?? ""], stop, dispose: () => render(null, container) };
      mounted.set(key, entry);
      applyStyles(layer);
      // CSS of parts whose code the widget loads later (WidgetProps.addStyles), kept while it is mounted.
      const addStyles = (css: string) => {
        if (mounted.get(key) !== entry || entry.styles.includes(css)) return;
        entry.styles.push(css);
        applyStyles(layer);
      };
      const fail = (error: unknown) => mounted.get(key) === entry && options.onError(key, error);
      const widgetProps = { ...props, target, addStyles };
      if (isMounted(definition)) {
        // Another renderer (React): it draws into the container and hands back how to take it out.
        try {
          entry.dispose = definition.mount(container, widgetProps, fail);
        } catch (error) {
          fail(error);
        }
      } else {
        // A fresh key per mount: a boundary that caught an error must not hide the next widget.
        render(
          <Boundary key={++keys} onError={fail}>
            <definition.component {...widgetProps} />
          </Boundary>,
          container,
        );
      }
      return target ?? null;
    },
    unmount,
    /** Whether the widget under `key` has drawn anything: an element, or text that is not only white space. */
    drewSomething(key: string): boolean {
      const m = mounted.get(key);
      return !!m && (!!m.container.firstElementChild || !!m.container.textContent!.trim());
    },
    destroy(): void {
      for (const key of [...mounted.keys()]) unmount(key);
      stopViewport();
      overlay.host.remove();
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;

/**
 * Calls `onViewable` once when at least half of the widget's first element is on screen
 * (the usual "viewable impression"). Without IntersectionObserver it never fires.
 */
function watchViewable(env: Env, container: HTMLElement, onViewable: () => void): () => void {
  const win = env.window;
  if (!win || typeof win.IntersectionObserver !== "function" || typeof win.MutationObserver !== "function") return () => {};
  let seen: Element | null = null;
  const intersection = new win.IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.intersectionRatio >= 0.5)) return;
      stop();
      onViewable();
    },
    { threshold: 0.5 },
  );
  // The widget may render its element later (after loading the catalog): watch for it.
  const observe = () => {
    const first = container.firstElementChild;
    if (!first || first === seen) return;
    if (seen) intersection.unobserve(seen);
    intersection.observe((seen = first));
  };
  const mutation = new win.MutationObserver(observe);
  mutation.observe(container, { childList: true });
  queueMicrotask(observe);
  function stop() {
    intersection.disconnect();
    mutation.disconnect();
  }
  return stop;
}

/**
 * Keeps `--nudge-vx/vy/vw/vh` on the host equal to the visible part of the page. Fixed
 * overlays sized with them stay on screen even when the host page overflows sideways on a
 * phone (its layout viewport is then wider and taller than what the visitor sees) or is zoomed.
 */
function followVisualViewport(env: Env, host: HTMLElement): () => void {
  const viewport = env.window?.visualViewport;
  if (!viewport) return () => {};
  const update = () => {
    host.style.setProperty("--nudge-vx", `${viewport.offsetLeft}px`);
    host.style.setProperty("--nudge-vy", `${viewport.offsetTop}px`);
    host.style.setProperty("--nudge-vw", `${viewport.width}px`);
    host.style.setProperty("--nudge-vh", `${viewport.height}px`);
  };
  // Read in the next frame: read before the first render, the viewport forced a layout of its own
  // (the layer's CSS falls back to the whole viewport until then).
  const win = env.window!;
  const frame = typeof win.requestAnimationFrame === "function" ? win.requestAnimationFrame(update) : (update(), 0);
  viewport.addEventListener("resize", update);
  viewport.addEventListener("scroll", update);
  return () => {
    if (frame) win.cancelAnimationFrame(frame);
    viewport.removeEventListener("resize", update);
    viewport.removeEventListener("scroll", update);
  };
}

/** A widget drawn by other code than Preact (React, plain DOM). */
function isMounted(definition: AnyWidgetDefinition): definition is MountedWidgetDefinition {
  return typeof (definition as Partial<MountedWidgetDefinition>).mount === "function";
}

function canAdopt(root: ShadowRoot): boolean {
  return "adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype;
}

/** A widget that throws while rendering is removed and reported; the page and the runtime carry on. */
class Boundary extends Component<{ onError(error: unknown): void; children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(error: unknown) {
    this.setState({ failed: true });
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
