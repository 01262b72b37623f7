import type { WidgetProps } from "../../src/render/widget-api.js";
import type { PushAskState } from "../../src/profile/answer-facts.js";
import { parseDuration } from "../../src/rules/duration.js";
import type { PushAskContent } from "./schema.js";

const DEFAULT_WAIT = "30d";

/**
 * Whether to ask at all (the widget's `prepare`): only where the browser has notifications and
 * has not been answered yet (permission "default"), and not within `askAgainAfter` of a "no".
 * Otherwise nothing shows and nothing is counted as shown.
 */
export function shouldAsk({ content, facts, state }: Pick<WidgetProps<PushAskContent>, "content" | "facts" | "state">): boolean {
  if (facts.push?.permission !== "default") return false;
  const last = state.push as Partial<PushAskState> | undefined;
  if (last?.answer !== "no" || typeof last.asked !== "number") return true;
  const wait = parseDuration(content.askAgainAfter ?? DEFAULT_WAIT) ?? 0;
  return facts.time.now - last.asked >= wait;
}

/** What the browser's prompt answered. Older Safari takes a callback instead of returning a promise. */
export function requestPermission(notification: typeof Notification): Promise<NotificationPermission> {
  return new Promise((resolve) => {
    try {
      const result = notification.requestPermission(resolve);
      if (result && typeof result.then === "function") result.then(resolve, () => resolve(notification.permission));
    } catch {
      resolve(notification.permission);
    }
  });
}
