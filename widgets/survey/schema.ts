import * as z from "zod/mini";
import { questionProblems } from "./route.js";

/*
 * Content of a `survey` widget in the rules file: questions in order, each going on to the next
 * one unless it says otherwise (`next`, an option's `next`, a rating's `branches`). Every `next`
 * is checked to name a question (or "end") and every question to be reachable from the first;
 * each problem is reported at its JSON path (`content.questions[2].options[0].next`).
 */

const text = () => z.string().check(z.minLength(1));
/** A question id: also the fact's last part, `survey.<widget id>.<question id>`. */
const questionId = () => z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a name of letters, digits, "_" and "-", starting with a letter, e.g. "found"'));
/** Where to go: a question id, or "end" to finish the survey. */
const next = () => z.optional(z.string().check(z.minLength(1)));

function option() {
  return z.strictObject({
    label: text(),
    /** Saved (and sent) instead of the label, e.g. a stable code: "search". */
    value: z.optional(z.string().check(z.minLength(1))),
    /** Where this answer leads (single choice; for multiple choice, the first chosen option that has one). */
    next: next(),
  });
}

const common = {
  id: questionId(),
  /** The question. */
  text: text(),
  /** A hint under the question. */
  hint: z.optional(z.string()),
  /** May be skipped (default false: an answer is needed to go on). */
  optional: z.optional(z.boolean()),
  /** The question after this one (default: the next in the list; "end" finishes). */
  next: next(),
};

function questionSchema() {
  return z.discriminatedUnion("type", [
    /** One answer of several (radio buttons). */
    z.strictObject({ ...common, type: z.literal("single"), options: z.array(option()).check(z.minLength(2), z.maxLength(10)) }),
    /** Any number of answers (checkboxes). */
    z.strictObject({ ...common, type: z.literal("multiple"), options: z.array(option()).check(z.minLength(2), z.maxLength(10)) }),
    /** A rating 1–5: "csat" numbered boxes from very unsatisfied to very satisfied (default), "faces" (five faces, each named under it: very unhappy … very happy), or "stars". */
    z.strictObject({
      ...common,
      type: z.literal("rating"),
      scale: z.optional(z.enum(["csat", "faces", "stars"])),
      /** Labels of 1 and 5 (default "Very unsatisfied" / "Very satisfied"; with faces, "Very unhappy" / "Very happy"). */
      lowLabel: z.optional(text()),
      highLabel: z.optional(text()),
      /** Branching by the rating: the first branch whose range holds the rating, e.g. `{ "max": 2, "next": "why" }`. */
      branches: z.optional(
        z.array(z.strictObject({ min: z.optional(z.int().check(z.gte(1), z.lte(5))), max: z.optional(z.int().check(z.gte(1), z.lte(5))), next: text() })).check(z.minLength(1)),
      ),
    }),
    /** A short text answer. */
    z.strictObject({ ...common, type: z.literal("text"), placeholder: z.optional(z.string()), maxLength: z.optional(z.int().check(z.gte(1), z.lte(1000))) }),
  ]);
}

/** Content of a `survey` widget in the rules file. */
export function surveyContentSchema() {
  return z
    .strictObject({
      /** A heading above the questions, e.g. "Two quick questions". */
      title: z.optional(text()),
      questions: z.array(questionSchema()).check(z.minLength(1), z.maxLength(30)),
      /** The last screen. */
      thanks: z.optional(z.strictObject({ title: text(), text: z.optional(z.string()) })),
      /** "slide-in" (default): a card in a corner that leaves the page usable; "modal": centred, over a backdrop. */
      layout: z.optional(z.enum(["slide-in", "modal"])),
      /** Corner of a slide-in (default "bottom-right"). */
      position: z.optional(z.enum(["bottom-right", "bottom-left"])),
      nextLabel: z.optional(text()),
      backLabel: z.optional(text()),
      submitLabel: z.optional(text()),
      skipLabel: z.optional(text()),
      closeLabel: z.optional(z.string()),
    })
    .check(
      z.superRefine((value, ctx) => {
        for (const problem of questionProblems(value.questions)) ctx.addIssue({ code: "custom", message: problem.message, input: value, path: problem.path });
      }),
    );
}

export type SurveyContent = z.infer<ReturnType<typeof surveyContentSchema>>;
export type Question = SurveyContent["questions"][number];
export type Answer = string | number | string[];
