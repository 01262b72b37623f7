import type { Strings } from "../shared/i18n.js";

/** The chatbot's own words, in English and Russian; the dialogue itself comes from the rules. */
export const chatStrings: Strings<
  "open" | "minimize" | "close" | "dismiss" | "send" | "typing" | "you" | "log" | "text" | "email" | "phone" | "empty" | "badEmail" | "badPhone" | "ended" | "done"
> = {
  en: {
    open: "Open chat with {name}",
    minimize: "Minimize chat",
    close: "End chat",
    dismiss: "Dismiss",
    send: "Send",
    typing: "{name} is typing",
    you: "You",
    log: "Conversation with {name}",
    text: "Your message",
    email: "Your email",
    phone: "Your phone number",
    empty: "Please type an answer first.",
    badEmail: "That doesn't look like an email address. Try name@example.com.",
    badPhone: "That doesn't look like a phone number. Use 7 to 15 digits, e.g. +1 555 123 4567.",
    ended: "Conversation ended",
    done: "Close chat",
  },
  ru: {
    open: "Открыть чат: {name}",
    minimize: "Свернуть чат",
    close: "Завершить чат",
    dismiss: "Скрыть",
    send: "Отправить",
    typing: "{name} печатает",
    you: "Вы",
    log: "Переписка: {name}",
    text: "Ваше сообщение",
    email: "Ваш email",
    phone: "Ваш номер телефона",
    empty: "Сначала напишите ответ.",
    badEmail: "Похоже, это не email. Пример: name@example.com.",
    badPhone: "Похоже, это не номер телефона. Нужно от 7 до 15 цифр, например +7 912 345-67-89.",
    ended: "Диалог завершён",
    done: "Закрыть чат",
  },
};

/** "{n} new message(s)" for the launcher, picked with `plural()` (`Intl.PluralRules`). */
export const unreadForms: Strings<"one" | "few" | "many" | "other"> = {
  en: { one: "{n} new message", few: "{n} new messages", many: "{n} new messages", other: "{n} new messages" },
  ru: { one: "{n} новое сообщение", few: "{n} новых сообщения", many: "{n} новых сообщений", other: "{n} нового сообщения" },
};
