import { useLayoutEffect, useState } from "preact/hooks";
import type { PopupContent } from "./schema.js";

/** A chunk fetched once, on first need; `module` is there once it has loaded. */
interface Lazy<M> {
  module?: M;
  load(): Promise<M>;
}

function lazy<M>(importer: () => Promise<M>): Lazy<M> {
  let pending: Promise<M> | undefined;
  const chunk: Lazy<M> = {
    load: () =>
      (pending ??= importer().then(
        (module) => (chunk.module = module),
        (error) => {
          pending = undefined; // the next popup tries again
          throw error;
        },
      )),
  };
  return chunk;
}

// The heavy blocks and their CSS are chunks of their own (dynamic imports): a plain popup never downloads them.
const leadForm = lazy(() => import("./form-block.js"));
const offer = lazy(() => import("./offer-block.js"));
const cart = lazy(() => import("./cart-block.js"));
// So are the CSS of the layouts other than the modal card, and the countdown's code (in the offer chunk).
const layout = lazy(() => import("./layout-block.js"));

/** The components of the blocks a popup's content uses; only those are sure to be there. */
export type PopupBlocks = Partial<
  Pick<typeof import("./form-block.js"), "LeadForm"> &
    Pick<typeof import("./offer-block.js"), "Countdown" | "Coupon" | "useDeadline"> &
    Pick<typeof import("./cart-block.js"), "CartItems">
>;

/** The chunks of the blocks a popup with this content shows: none for a plain modal one. */
function chunksFor(content: PopupContent): Array<Lazy<{ styles: string }>> {
  const otherLayout = (content.layout && content.layout !== "modal") || content.teaser;
  return [content.form && leadForm, (content.countdown || content.coupon) && offer, content.cartItems && cart, otherLayout && layout].filter((chunk) => !!chunk);
}

/**
 * Loads the code of the blocks `content` uses (lead form; countdown, coupon; cart items), at once when there are none, or they loaded before.
 *
 * @example
 * await loadPopupBlocks({ title: "Join", form }); // the next popup with a form renders it at once
 */
export function loadPopupBlocks(content: PopupContent): Promise<unknown> {
  return Promise.all(chunksFor(content).map((chunk) => chunk.load()));
}

/**
 * The code of the blocks this popup's content uses (lead form; countdown, coupon), undefined until
 * it has loaded. In the runtime the definition's `prepare` has loaded it before the first render;
 * rendered otherwise, the popup renders nothing meanwhile and then appears whole, so nothing on screen
 * moves or flashes; code loaded before (a second popup) is there at once. Their CSS is adopted with
 * `addStyles` (the renderer's) before they first render. A chunk that fails to load is thrown from
 * the render, so the runtime reports the widget and closes it.
 *
 * @example
 * const blocks = usePopupBlocks(content, true, props.addStyles);
 * if (!blocks) return null;
 */
export function usePopupBlocks(content: PopupContent, wanted: boolean, addStyles?: (css: string) => void): PopupBlocks | undefined {
  const chunks = chunksFor(content);
  const ready = chunks.every((chunk) => chunk.module);
  const adopt = () => chunks.forEach((chunk) => addStyles?.(chunk.module!.styles));
  // Loaded before: adopted in the first render, before anything in it measures itself (an inline popup does).
  useState(() => ready && adopt());
  const [failed, setFailed] = useState<{ error: unknown }>();
  const [, setLoaded] = useState(false);
  useLayoutEffect(() => {
    if (ready || !wanted) return;
    let live = true;
    loadPopupBlocks(content).then(
      () => {
        if (!live) return;
        adopt();
        setLoaded(true);
      },
      (error: unknown) => live && setFailed({ error }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) throw failed.error;
  return ready ? { ...leadForm.module, ...offer.module, ...cart.module } : undefined;
}

const ignore = () => {};

/**
 * The countdown's hook, from the offer chunk: undefined until that chunk has loaded (in the runtime,
 * `prepare` loaded it before the popup mounts). A popup without a countdown never asks.
 */
export function useCountdownCode(): PopupBlocks["useDeadline"] {
  const [, setLoaded] = useState(false);
  useLayoutEffect(() => {
    // A chunk that fails to load is reported by usePopupBlocks (the popup's other half).
    if (!offer.module) offer.load().then(() => setLoaded(true), ignore);
  }, []);
  return offer.module?.useDeadline;
}
