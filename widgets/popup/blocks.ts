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

// The heavy blocks are their own chunks (dynamic imports), so a plain popup never downloads them.
const leadForm = lazy(() => import("./lead-form.js"));
const offer = lazy(() => import("./offer-blocks.js"));

/** The components of the blocks a popup's content uses; only those are sure to be there. */
export type PopupBlocks = Partial<typeof import("./lead-form.js") & typeof import("./offer-blocks.js")>;

/** The chunks of the blocks a popup with this content shows: none for a plain one. */
function chunksFor(content: PopupContent): Array<Lazy<object>> {
  return [content.form && leadForm, (content.countdown || content.coupon) && offer].filter((chunk) => !!chunk);
}

/**
 * Loads the code of the blocks `content` uses (at once when there are none, or they loaded before).
 *
 * @example
 * await loadPopupBlocks({ title: "Join", form }); // the next popup with a form renders it at once
 */
export function loadPopupBlocks(content: PopupContent): Promise<unknown> {
  return Promise.all(chunksFor(content).map((chunk) => chunk.load()));
}

/**
 * The code of the blocks this popup's content uses (lead form; countdown, coupon), undefined until
 * it has loaded. The popup renders nothing meanwhile and then appears whole, so nothing on screen
 * moves or flashes; code loaded before (a second popup) is there at once. A chunk that fails to
 * load is thrown from the render, so the runtime reports the widget and closes it.
 *
 * @example
 * const blocks = usePopupBlocks(content, true);
 * if (!blocks) return null;
 */
export function usePopupBlocks(content: PopupContent, wanted: boolean): PopupBlocks | undefined {
  const ready = chunksFor(content).every((chunk) => chunk.module);
  const [failed, setFailed] = useState<{ error: unknown }>();
  const [, setLoaded] = useState(false);
  useLayoutEffect(() => {
    if (ready || !wanted) return;
    let live = true;
    loadPopupBlocks(content).then(
      () => live && setLoaded(true),
      (error: unknown) => live && setFailed({ error }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) throw failed.error;
  return ready ? { ...leadForm.module, ...offer.module } : undefined;
}
