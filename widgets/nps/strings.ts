import type { Strings } from "../shared/i18n.js";

type Key = "question" | "low" | "high" | "scale" | "detractor" | "passive" | "promoter" | "placeholder" | "submit" | "skip" | "thanks" | "thanksText" | "close" | "yourScore";

/** The survey's own strings; marketer text in the rules replaces any of them. */
export const STRINGS: Strings<Key> = {
  en: {
    question: "How likely are you to recommend us to a friend?",
    low: "Not likely",
    high: "Very likely",
    scale: "0 is not likely at all, 10 is very likely",
    detractor: "Sorry to hear that. What should we do better?",
    passive: "Thanks! What would make it a 10?",
    promoter: "Wonderful! What do you like most?",
    placeholder: "Your answer (optional)",
    submit: "Send",
    skip: "Skip",
    thanks: "Thank you!",
    thanksText: "Your answer helps us get better.",
    close: "Close",
    yourScore: "Your score: {n}",
  },
  ru: {
    question: "Насколько вероятно, что вы порекомендуете нас другу?",
    low: "Маловероятно",
    high: "Очень вероятно",
    scale: "0 — совсем маловероятно, 10 — очень вероятно",
    detractor: "Жаль это слышать. Что нам стоит улучшить?",
    passive: "Спасибо! Чего не хватило до 10?",
    promoter: "Отлично! Что вам нравится больше всего?",
    placeholder: "Ваш ответ (необязательно)",
    submit: "Отправить",
    skip: "Пропустить",
    thanks: "Спасибо!",
    thanksText: "Ваш ответ помогает нам стать лучше.",
    close: "Закрыть",
    yourScore: "Ваша оценка: {n}",
  },
};
