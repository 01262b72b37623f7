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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The notification permission of this browser; never throws (a locked-down `Notification` reads as unsupported). */
export function pushPermission(win: { Notification?: { permission?: unknown } } | undefined): PushPermission {
  try {
    const permission = win?.Notification?.permission;
    return permission === "granted" || permission === "denied" || permission === "default" ? permission : "unsupported";
  } catch {
    return "unsupported";
  }
}

/**
 * `push.*` facts: the permission read from the browser now, and the asks recorded by every
 * `push-ask` widget (in their state, so they survive reloads, follow tabs and go with `forget()`).
 *
 * @example
 * pushFacts({ ask: { ...history, state: { push: { asked: 1767225600000, answer: "no" } } } }, window);
 * // { permission: "default", asked: true, lastAsked: 1767225600000, declined: 1767225600000 }
 */
export function pushFacts(widgets: Record<string, WidgetHistory>, win: Parameters<typeof pushPermission>[0]): PushFacts {
  let lastAsked: number | null = null;
  let declined: number | null = null;
  for (const history of Object.values(widgets)) {
    const push = history.state?.push as Partial<PushAskState> | undefined;
    if (!isObject(push) || typeof push.asked !== "number") continue;
    lastAsked = Math.max(lastAsked ?? 0, push.asked);
    if (push.answer === "no") declined = Math.max(declined ?? 0, push.asked);
  }
  return { permission: pushPermission(win), asked: lastAsked !== null, lastAsked, declined };
}

/** `survey.<widget id>.<question id>`: the answers each `survey` widget kept in its state. */
export function surveyFacts(widgets: Record<string, WidgetHistory>): Record<string, SurveyState["answers"]> {
  // fromEntries defines own keys: a widget id such as "__proto__" cannot reach the prototype.
  return Object.fromEntries(
    Object.entries(widgets).flatMap(([id, history]) => {
      const survey = history.state?.survey as Partial<SurveyState> | undefined;
      return isObject(survey) && isObject(survey.answers) ? [[id, survey.answers]] : [];
    }),
  );
}
