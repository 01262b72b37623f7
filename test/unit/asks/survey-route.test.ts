import { describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";
import { nextAfter, questionProblems, remaining } from "../../../widgets/survey/route.js";
import type { Question } from "../../../widgets/survey/schema.js";
import { resumeFrom } from "../../../widgets/survey/survey.js";

const problemsOf = (content: unknown) =>
  validateRules({ version: 1, widgets: [{ id: "w", type: "survey", trigger: "manual", content }] }).problems.map((p) => `${p.path}: ${p.message}`);

const QUESTIONS: Question[] = [
  {
    id: "found",
    type: "single",
    text: "Did you find what you were looking for?",
    options: [
      { label: "Yes", value: "yes", next: "rate" },
      { label: "No", value: "no", next: "missing" },
    ],
  },
  { id: "missing", type: "text", text: "What were you looking for?", next: "end" },
  { id: "rate", type: "rating", text: "How easy was it?", branches: [{ max: 2, next: "why" }] },
  { id: "channels", type: "multiple", text: "Where did you hear of us?", options: [{ label: "Search" }, { label: "Friends" }], next: "end" },
  { id: "why", type: "text", text: "What got in the way?", optional: true, next: "end" },
];

describe("survey branching", () => {
  it("follows the chosen option's next, a rating's branch, else the list's order", () => {
    expect(nextAfter(QUESTIONS, 0, "no")).toBe("missing");
    expect(nextAfter(QUESTIONS, 0, "yes")).toBe("rate");
    expect(nextAfter(QUESTIONS, 2, 1)).toBe("why");
    expect(nextAfter(QUESTIONS, 2, 2)).toBe("why");
    expect(nextAfter(QUESTIONS, 2, 4)).toBe("channels"); // no branch holds: the next in the list
    expect(nextAfter(QUESTIONS, 3, ["Search"])).toBe("end");
    expect(nextAfter(QUESTIONS, 4, undefined)).toBe("end"); // skipped
  });

  it("counts the questions left on the default route, for the progress", () => {
    expect(remaining(QUESTIONS, "rate")).toBe(2); // rate, channels
    expect(remaining(QUESTIONS, "missing")).toBe(1);
    expect(remaining([{ id: "a", type: "text", text: "?", next: "a" }], "a")).toBe(1); // a loop stops counting
  });

  it("validates a good tree with no problem", () => {
    expect(questionProblems(QUESTIONS)).toEqual([]);
    expect(problemsOf({ questions: QUESTIONS })).toEqual([]);
  });

  it("names branches to missing questions, with a suggestion, and unreachable questions", () => {
    const questions = [
      {
        id: "found",
        type: "single",
        text: "Found it?",
        options: [
          { label: "Yes", next: "rate" },
          { label: "No", next: "misssing" },
        ],
      },
      { id: "missing", type: "text", text: "What?", next: "end" },
      { id: "rate", type: "rating", text: "Easy?", branches: [{ max: 2, next: "whyy" }], next: "end" },
      { id: "orphan", type: "text", text: "Never asked", next: "end" },
    ];
    expect(problemsOf({ questions })).toEqual([
      'widgets[0].content.questions[0].options[1].next: no question "misssing" (did you mean "missing"?) (use "end" to finish the survey)',
      'widgets[0].content.questions[2].branches[0].next: no question "whyy" (use "end" to finish the survey)',
      'widgets[0].content.questions[1]: "missing" is never reached: no question leads here from "found"',
      'widgets[0].content.questions[3]: "orphan" is never reached: no question leads here from "found"',
    ]);
  });

  it("names duplicate ids, the reserved id and a question leading to itself", () => {
    const questions = [
      { id: "a", type: "text", text: "A", next: "a" },
      { id: "a", type: "text", text: "A again" },
      { id: "end", type: "text", text: "End?" },
    ];
    expect(problemsOf({ questions })).toEqual([
      'widgets[0].content.questions[1].id: "a" is already the id of questions[0]',
      'widgets[0].content.questions[2].id: "end" is reserved for finishing the survey: name the question otherwise',
      'widgets[0].content.questions[0].next: leads back to "a" itself: the survey would never end',
    ]);
  });

  it("checks question shapes at their paths", () => {
    expect(problemsOf({ questions: [{ id: "q", type: "single", text: "One option only", options: [{ label: "A" }] }] })).toEqual([
      expect.stringMatching(/^widgets\[0\]\.content\.questions\[0\]\.options: /),
    ]);
    expect(problemsOf({ questions: [{ id: "1st", type: "text", text: "Bad id" }] })[0]).toMatch(/^widgets\[0\]\.content\.questions\[0\]\.id: /);
  });
});

describe("resuming a survey", () => {
  const content = { questions: QUESTIONS };
  it("starts at the first question, or where the visitor was", () => {
    expect(resumeFrom(content, {})).toEqual({ answers: {}, trail: [], at: "found" });
    const saved = { answers: { found: "yes" }, trail: ["found"], at: "rate" };
    expect(resumeFrom(content, { survey: saved })).toEqual(saved);
    expect(resumeFrom(content, { survey: { ...saved, at: "end" } }).at).toBe("end");
  });

  it("starts over when the saved question no longer exists", () => {
    expect(resumeFrom(content, { survey: { answers: { gone: 1 }, trail: ["gone"], at: "gone" } })).toEqual({ answers: {}, trail: [], at: "found" });
  });
});
