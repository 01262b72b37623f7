import type { Strings } from "../shared/i18n.js";

type Key =
  | "next"
  | "back"
  | "submit"
  | "skip"
  | "thanks"
  | "thanksText"
  | "close"
  | "progress"
  | "required"
  | "low"
  | "high"
  | "stars"
  | "placeholder"
  | "survey"
  | "face1"
  | "face2"
  | "face3"
  | "face4"
  | "face5";

/** The survey's own strings; marketer text in the rules replaces any of them. `{i}`, `{n}` are filled in. */
export const STRINGS: Strings<Key> = {
  en: {
    next: "Next",
    back: "Back",
    submit: "Send",
    skip: "Skip",
    thanks: "Thank you!",
    thanksText: "Your answers help us get better.",
    close: "Close",
    progress: "Question {i} of {n}",
    required: "Please answer to go on.",
    low: "Very unsatisfied",
    high: "Very satisfied",
    stars: "{n} of 5 stars",
    placeholder: "Your answer",
    survey: "Survey",
    face1: "Very unhappy",
    face2: "Unhappy",
    face3: "Neutral",
    face4: "Happy",
    face5: "Very happy",
  },
  ru: {
    next: "Далее",
    back: "Назад",
    submit: "Отправить",
    skip: "Пропустить",
    thanks: "Спасибо!",
    thanksText: "Ваши ответы помогают нам стать лучше.",
    close: "Закрыть",
    progress: "Вопрос {i} из {n}",
    required: "Ответьте, чтобы продолжить.",
    low: "Совсем не доволен",
    high: "Очень доволен",
    stars: "{n} из 5 звёзд",
    placeholder: "Ваш ответ",
    survey: "Опрос",
    face1: "Очень недоволен",
    face2: "Недоволен",
    face3: "Нормально",
    face4: "Доволен",
    face5: "Очень доволен",
  },
};
