import type { Strings } from "../shared/i18n.js";

type Key =
  | "title"
  | "spin"
  | "spinning"
  | "email"
  | "emailError"
  | "consentError"
  | "prizes"
  | "win"
  | "winText"
  | "code"
  | "copy"
  | "copied"
  | "lose"
  | "loseText"
  | "close"
  | "already"
  | "announceWin"
  | "announceLose"
  | "unavailable";

/** The wheel's own strings; marketer text in the rules replaces most of them. */
export const STRINGS: Strings<Key> = {
  en: {
    title: "Spin to win",
    spin: "Spin the wheel",
    spinning: "Spinning…",
    email: "Your email",
    emailError: "Enter a valid email address, like name@example.com",
    consentError: "Tick this box to take part",
    prizes: "Prizes on the wheel: {list}.",
    win: "You won {prize}!",
    winText: "Use this code at checkout.",
    code: "Your code",
    copy: "Copy",
    copied: "Copied",
    lose: "No luck this time",
    loseText: "Thanks for playing. Our bestsellers are still worth a look.",
    close: "Close",
    unavailable: "The wheel is not available right now. Please try again later.",
    already: "You have already spun the wheel: here is your result.",
    announceWin: "You won {prize}. Your code is {code}.",
    announceLose: "No luck this time.",
  },
  ru: {
    title: "Крутите колесо",
    spin: "Крутить колесо",
    spinning: "Крутится…",
    email: "Ваш email",
    emailError: "Введите email, например name@example.com",
    consentError: "Отметьте, чтобы участвовать",
    prizes: "Призы на колесе: {list}.",
    win: "Ваш приз: {prize}!",
    winText: "Введите этот код при оформлении заказа.",
    code: "Ваш код",
    copy: "Скопировать",
    copied: "Скопировано",
    lose: "В этот раз не повезло",
    loseText: "Спасибо за игру! Загляните в наши хиты продаж.",
    close: "Закрыть",
    unavailable: "Колесо сейчас недоступно. Попробуйте позже.",
    already: "Вы уже крутили колесо — вот ваш результат.",
    announceWin: "Ваш приз: {prize}. Код: {code}.",
    announceLose: "В этот раз не повезло.",
  },
};
