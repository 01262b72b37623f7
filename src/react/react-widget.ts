import { createElement, type ComponentType } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import type { MountedWidgetDefinition, WidgetHosting, WidgetProps } from "../render/widget-api.js";

/**
 * Makes a widget type of a React component: it renders with your app's React, as a React root of
 * its own inside Nudge's shadow root (your app's context providers do not reach it), and gets the
 * same props as a Preact widget (`content`, `facts`, `close`, `click`, `convert`, `lead`…).
 * `hosting` takes what a Preact widget's definition takes besides its component: `styles`,
 * `modal`, `placement`, `schema`, `prepare`. Its first render happens before Nudge counts it as
 * shown: a component that renders nothing then (null) is reported and not counted; an error it
 * throws while rendering is reported and closes it.
 *
 * @example
 * import { reactWidget } from "nudge-sdk/react";
 *
 * function CartNote({ content, close }: WidgetProps<{ text: string }>) {
 *   return <div className="note" role="status">{content.text}<button onClick={() => close("button")}>×</button></div>;
 * }
 * const cartNote = reactWidget(CartNote, { styles: ".note{position:fixed;bottom:16px;left:16px}" });
 * <NudgeProvider options={{ rules, widgets: { "cart-note": cartNote } }}>…</NudgeProvider>
 */
/* @__NO_SIDE_EFFECTS__ */
export function reactWidget<Content = Record<string, unknown>>(
  component: ComponentType<WidgetProps<Content>>,
  hosting: WidgetHosting<Content> = {},
): MountedWidgetDefinition<Content> {
  return {
    ...hosting,
    mount(container, props, fail) {
      const root = createRoot(container, {
        // useId() values stay unique beside other widgets in the same shadow root.
        identifierPrefix: `nudge-${props.id}-`,
        // React 19 reports a render error here (and renders nothing); React 18 throws it from flushSync below.
        onUncaughtError: (error) => fail(error),
      });
      try {
        // Rendered now, not on React's schedule: Nudge checks that the widget drew something before it counts it.
        flushSync(() => root.render(createElement(component, props)));
      } catch (error) {
        root.unmount();
        throw error;
      }
      return () => root.unmount();
    },
  };
}
