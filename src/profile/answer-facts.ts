import { own } from "../env/own.js";
import type { WidgetHistory } from "./profile.js";

/** The browser's notification permission, or "unsupported" where there is no `Notification` (iOS Safari outside an installed app). */
export type PushPermission = "default" | "granted" | "denied" | "unsupported";

/** `push.*` in the facts document. */
export interface PushFacts {
  permission: PushPermission;
  /** The shop asked in its own words (a `push-ask` widget), whatever the answer. */
  asked: boolean;
  /** When it last asked, and when the visitor last said "no"; null when never. */
  lastAsked: number | null;
  declined: number | null;
}

/** What a `push-ask` widget keeps in its state (`widgets.<id>.state.push`). */
export interface PushAskState {
  asked: number;
  answer: "yes" | "no";
}

/** What a `survey` widget keeps in its state (`widgets.<id>.state.survey`): the answers, where the visitor is, done or not. */
export interface SurveyState {
  answers: Record<string, string | number | string[]>;
  /** The questions answered, in order (for Back and the progress). */
  trail: string[];
  /** The question on screen, or "end" once finished. */
  at: string;
}

/**
 * `push.*` and `survey.*` facts, read from the state every `push-ask` and `survey` widget keeps
 * (so they survive reloads, follow tabs and go with `forget()`), and the browser's permission now.
 * Runs on every decision: one pass, no allocation per widget that has neither.
 *
 * @example
 * answerFacts({ ask: { ...history, state: { push: { asked: 1767225600000, answer: "no" } } } }, window).push;
 * // { permission: "default", asked: true, lastAsked: 1767225600000, declined: 1767225600000 }
 */
export function answerFacts(widgets: Record<string, WidgetHistory>, win: { Notification?: { permission: NotificationPermission } } | undefined) {
  const push: PushFacts = { permission: win?.Notification?.permission ?? "unsupported", asked: false, lastAsked: null, declined: null };
  const survey: Record<string, SurveyState["answers"]> = {};
  for (const id in widgets) {
    const state = own(widgets, id)?.state;
    const ask = state?.push as PushAskState | undefined;
    const answers = (state?.survey as SurveyState | undefined)?.answers;
    if ((ask?.asked ?? 0) > (push.lastAsked ?? 0)) {
      push.asked = true;
      push.lastAsked = ask!.asked;
    }
    if (ask?.answer === "no" && ask.asked > (push.declined ?? 0)) push.declined = ask.asked;
    // defineProperty: a widget id such as "__proto__" stays an own key and never reaches the prototype.
    if (answers) Object.defineProperty(survey, id, { value: answers, enumerable: true });
  }
  return { push, survey };
}
