import { Component, render, type ComponentChildren } from "preact";
import type { Env } from "../env/env.js";
import { HOST_STYLES } from "./host-styles.js";
import type { WidgetDefinition, WidgetProps } from "./widget-api.js";

/**
 * The render step: one shadow root for all of Nudge, Preact inside it, styles
 * adopted as constructable stylesheets (CSP-safe, invisible to the host page).
 * It mounts what the decide step chose; it never decides.
 */
export function createRenderer(env: Env, options: { nonce?: string; onError(error: unknown): void }) {
  const doc = env.document!;
  const host = doc.createElement("nudge-root");
  const shadow = host.attachShadow({ mode: "open" });
  const container = doc.createElement("div");
  shadow.appendChild(container);
  const sheets = new Map<string, CSSStyleSheet | HTMLStyleElement>();
  let mounts = 0;

  function sheet(css: string): CSSStyleSheet | HTMLStyleElement {
    let made = sheets.get(css);
    if (made) return made;
    if (canAdopt(shadow)) {
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(css);
      made = constructed;
    } else {
      // Older browsers: a <style> inside the shadow root, carrying the page's CSP nonce.
      const style = doc.createElement("style");
      if (options.nonce) style.nonce = options.nonce;
      style.textContent = css;
      made = style;
    }
    sheets.set(css, made);
    return made;
  }

  function applyStyles(cssList: string[]) {
    const all = cssList.map(sheet);
    if (canAdopt(shadow)) shadow.adoptedStyleSheets = all as CSSStyleSheet[];
    else for (const style of all as HTMLStyleElement[]) if (!style.isConnected) shadow.insertBefore(style, container);
  }

  function attach() {
    // On <html>, after <body>: a transformed or filtered body would make our fixed layer scroll away with
    // it, and an SPA that replaces <body> leaves it in place (re-attached if the page removed it anyway).
    if (!host.isConnected) doc.documentElement.appendChild(host);
  }

  let stopViewport = () => {};

  return {
    host,
    mount(definition: WidgetDefinition, props: WidgetProps): void {
      attach();
      stopViewport();
      stopViewport = followVisualViewport(env, host);
      applyStyles([HOST_STYLES, definition.styles ?? ""]);
      // A fresh key per mount: a boundary that caught an error must not hide the next widget.
      render(
        <Boundary key={++mounts} onError={options.onError}>
          <definition.component {...props} />
        </Boundary>,
        container,
      );
    },
    unmount(): void {
      stopViewport();
      render(null, container);
    },
    destroy(): void {
      stopViewport();
      render(null, container);
      host.remove();
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;

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
  update();
  viewport.addEventListener("resize", update);
  viewport.addEventListener("scroll", update);
  return () => {
    viewport.removeEventListener("resize", update);
    viewport.removeEventListener("scroll", update);
  };
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
