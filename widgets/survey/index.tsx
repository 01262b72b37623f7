import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import type { SurveyContent } from "./schema.js";
import { surveyStyles } from "./styles.js";
import { notFinished, Survey } from "./survey.js";

/**
 * The `survey` widget: single and multiple choice, 1–5 ratings (numbers or stars) and short text,
 * branching by answer, progress shown, resumed after a reload. Answers become the facts
 * `survey.<widget id>.<question id>` and `answer` events. A slide-in by default (not modal);
 * `"layout": "modal"` makes it a modal. A finished survey does not show again.
 *
 * @example
 * const { default: survey } = await import("nudge-sdk/widgets/survey");
 * nudge.registerWidget("survey", survey);
 * nudge.on("answer", ({ question, answer }) => analytics.track("survey_answer", { question, answer }));
 */
const survey: WidgetDefinition<SurveyContent> = {
  component: Survey,
  styles: baseStyles + surveyStyles,
  modal: (content) => content.layout === "modal",
  prepare: notFinished,
};

export default survey;
