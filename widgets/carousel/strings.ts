import type { Strings } from "../shared/i18n.js";
import type { Strategy } from "./strategies.js";

type Key = Strategy | "add" | "added" | "addedMessage" | "previous" | "next" | "slide" | "carousel" | "slideRole" | "was" | "close";

/** The carousel's built-in strings; marketer text (title, text, labels) comes from the rules. `{name}`, `{i}`, `{n}` are filled in. */
export const carouselStrings: Strings<Key> = {
  en: {
    recently_viewed: "Recently viewed",
    similar: "You may also like",
    bought_together: "Frequently bought together",
    cart_cross_sell: "Goes well with your cart",
    popular: "Popular right now",
    upsell: "Worth the upgrade",
    personal: "Picked for you",
    add: "Add to cart",
    added: "Added",
    addedMessage: "{name} added to your cart",
    previous: "Previous products",
    next: "Next products",
    slide: "{i} of {n}",
    carousel: "carousel",
    slideRole: "slide",
    was: "was",
    close: "Close",
  },
  ru: {
    recently_viewed: "Вы недавно смотрели",
    similar: "Вам может понравиться",
    bought_together: "Часто покупают вместе",
    cart_cross_sell: "Пригодится к заказу",
    popular: "Популярное сейчас",
    upsell: "Стоит присмотреться",
    personal: "Подобрали для вас",
    add: "В корзину",
    added: "Добавлено",
    addedMessage: "{name}: добавлено в корзину",
    previous: "Предыдущие товары",
    next: "Следующие товары",
    slide: "{i} из {n}",
    carousel: "карусель",
    slideRole: "слайд",
    was: "было",
    close: "Закрыть",
  },
};

/** "{n} products" in the locale's plural forms. */
export const productCount: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: "{n} product", other: "{n} products" },
  ru: { one: "{n} товар", few: "{n} товара", many: "{n} товаров", other: "{n} товара" },
};
