import * as z from "zod/mini";

/** Content of an `nps` widget in the rules file: "How likely are you to recommend us?" 0–10, then a follow-up by score. */
export function npsContentSchema() {
  const text = () => z.optional(z.string().check(z.minLength(1)));
  return z.strictObject({
    /** The question (default: the standard NPS question, in the rules' locale). */
    question: text(),
    /** Labels under 0 and 10 (default "Not likely" / "Very likely"). */
    lowLabel: text(),
    highLabel: text(),
    /** The follow-up question by the score's group: 0–6 detractor, 7–8 passive, 9–10 promoter. */
    followUp: z.optional(z.strictObject({ detractor: text(), passive: text(), promoter: text() })),
    /** Ask the follow-up at all (default true); without it the survey ends with the score. */
    comment: z.optional(z.boolean()),
    placeholder: z.optional(z.string()),
    submitLabel: text(),
    skipLabel: text(),
    /** The last screen. */
    thanks: z.optional(z.strictObject({ title: z.string().check(z.minLength(1)), text: z.optional(z.string()) })),
    /** Answers become profile attributes `<attribute>_score`, `<attribute>_group` and `<attribute>_comment` (default "nps"). */
    attribute: z.optional(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and "_", starting with a letter'))),
    /** "slide-in" (default): a card in a corner that leaves the page usable; "modal": centred, over a backdrop. */
    layout: z.optional(z.enum(["slide-in", "modal"])),
    /** Corner of a slide-in (default "bottom-right"). */
    position: z.optional(z.enum(["bottom-right", "bottom-left"])),
    closeLabel: z.optional(z.string()),
  });
}

export type NpsContent = z.infer<ReturnType<typeof npsContentSchema>>;
