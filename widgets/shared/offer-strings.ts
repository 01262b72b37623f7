import { plural, type Strings } from "./i18n.js";

/**
 * Built-in strings of the countdown and coupon blocks (popup and countdown-coupon), English and
 * Russian. Plural forms are written `one:{n} day|other:{n} days` and chosen by `Intl.PluralRules`.
 */
export const offerStrings: Strings<
  "endsIn" | "days" | "hours" | "minutes" | "seconds" | "d" | "h" | "m" | "s" | "yourCode" | "copy" | "copied" | "copiedStatus" | "selectStatus" | "close"
> = {
  en: {
    endsIn: "Offer ends in",
    days: "one:{n} day|other:{n} days",
    hours: "one:{n} hour|other:{n} hours",
    minutes: "one:{n} minute|other:{n} minutes",
    seconds: "one:{n} second|other:{n} seconds",
    d: "days",
    h: "hrs",
    m: "min",
    s: "sec",
    yourCode: "Your code",
    copy: "Copy",
    copied: "Copied",
    copiedStatus: "Code {code} copied",
    selectStatus: "Code selected: press Ctrl+C (⌘C on a Mac) to copy it",
    close: "Close",
  },
  ru: {
    endsIn: "До конца акции",
    days: "one:{n} день|few:{n} дня|many:{n} дней|other:{n} дня",
    hours: "one:{n} час|few:{n} часа|many:{n} часов|other:{n} часа",
    minutes: "one:{n} минута|few:{n} минуты|many:{n} минут|other:{n} минуты",
    seconds: "one:{n} секунда|few:{n} секунды|many:{n} секунд|other:{n} секунды",
    d: "дн",
    h: "ч",
    m: "мин",
    s: "сек",
    yourCode: "Ваш промокод",
    copy: "Копировать",
    copied: "Скопировано",
    copiedStatus: "Промокод {code} скопирован",
    selectStatus: "Промокод выделен: нажмите Ctrl+C (⌘C на Mac), чтобы скопировать",
    close: "Закрыть",
  },
};

/**
 * `plural()` with the forms packed in one string, as in {@link offerStrings}.
 *
 * @example
 * pluralOf("ru", 3, "one:{n} час|few:{n} часа|many:{n} часов|other:{n} часа") // "3 часа"
 */
export function pluralOf(locale: string, count: number, packed: string): string {
  const forms: Record<string, string> = {};
  for (const part of packed.split("|")) {
    const at = part.indexOf(":");
    forms[part.slice(0, at)] = part.slice(at + 1);
  }
  return plural(locale, count, forms);
}
