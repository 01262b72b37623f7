import { useLayoutEffect } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import type { ContentSwapContent } from "./schema.js";
import { swapContent } from "./swap.js";

/**
 * Changes a page element in place (landing-page adaptation: a headline for a blogger's visitors)
 * and puts the original back when hidden. It draws nothing of its own: its host element sits next
 * to the target without a box (`display: contents`). A click on the element counts as a click.
 */
export function ContentSwap({ content, target, click }: WidgetProps<ContentSwapContent>) {
  // A layout effect: the swap happens before the browser paints the next frame.
  useLayoutEffect(() => {
    if (!target) return;
    const restore = swapContent(target, content);
    target.setAttribute("data-nudge-swapped", "");
    const onClick = () => click();
    target.addEventListener("click", onClick);
    return () => {
      target.removeEventListener("click", onClick);
      target.removeAttribute("data-nudge-swapped");
      restore();
    };
  }, []);
  return null;
}
