import type { Strings } from "../shared/i18n.js";

type Key = "title" | "price" | "brand" | "tags" | "inStock" | "category" | "oldPrice" | "yes" | "no" | "add" | "added" | "addedMessage" | "lowest" | "close" | "table" | "was";

/** The comparison's own strings (row labels of the feed's standard fields); marketer text comes from the rules. */
export const STRINGS: Strings<Key> = {
  en: {
    title: "Compare the ones you viewed",
    price: "Price",
    brand: "Brand",
    tags: "Features",
    inStock: "In stock",
    category: "Category",
    oldPrice: "Old price",
    yes: "Yes",
    no: "No",
    add: "Add to cart",
    added: "Added",
    addedMessage: "{name} added to your cart",
    lowest: "Lowest price",
    close: "Close",
    table: "Products side by side",
    was: "was",
  },
  ru: {
    title: "Сравните товары, которые вы смотрели",
    price: "Цена",
    brand: "Бренд",
    tags: "Особенности",
    inStock: "В наличии",
    category: "Категория",
    oldPrice: "Старая цена",
    yes: "Да",
    no: "Нет",
    add: "В корзину",
    added: "Добавлено",
    addedMessage: "{name} в корзине",
    lowest: "Самая низкая цена",
    close: "Закрыть",
    table: "Товары рядом",
    was: "было",
  },
};
