import type { Strings } from "../shared/i18n.js";

type Key = "title" | "text" | "yes" | "no" | "granted" | "grantedText" | "notGranted" | "close" | "waiting" | "off";

/** The push ask's own strings; marketer text in the rules replaces any of them. */
export const STRINGS: Strings<Key> = {
  en: {
    title: "Be the first to know",
    text: "Turn on notifications for new arrivals and offers. You can turn them off at any time.",
    yes: "Turn on notifications",
    no: "Not now",
    granted: "Notifications are on",
    grantedText: "Thank you! We will only write when it matters.",
    notGranted: "Notifications stay off. You can turn them on later in your browser's site settings.",
    close: "Close",
    waiting: "Answer your browser's prompt…",
    off: "Notifications are off",
  },
  ru: {
    title: "Узнавайте первыми",
    text: "Включите уведомления о новинках и скидках. Отключить их можно в любой момент.",
    yes: "Включить уведомления",
    no: "Не сейчас",
    granted: "Уведомления включены",
    grantedText: "Спасибо! Будем писать только по делу.",
    notGranted: "Уведомления не включены. Их можно включить позже в настройках сайта в браузере.",
    close: "Закрыть",
    waiting: "Ответьте на запрос браузера…",
    off: "Уведомления выключены",
  },
};
