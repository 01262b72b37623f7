import type { Strings } from "../shared/i18n.js";

/** The lead form's built-in strings, loaded with its code; `{field}` is the field's label. */
export const leadStrings: Strings<"email" | "phone" | "name" | "submit" | "success" | "required" | "badEmail" | "badPhone" | "badName" | "consent" | "requiredMark"> = {
  en: {
    email: "Email",
    phone: "Phone",
    name: "Name",
    submit: "Send",
    success: "Thank you!",
    required: "Please fill in {field}",
    badEmail: "Enter an email like name@example.com",
    badPhone: "Enter a phone number like +1 555 123 4567",
    badName: "Use at most 100 characters",
    consent: "Please tick the box to continue",
    requiredMark: "required",
  },
  ru: {
    email: "Эл. почта",
    phone: "Телефон",
    name: "Имя",
    submit: "Отправить",
    success: "Спасибо!",
    required: "Заполните поле «{field}»",
    badEmail: "Введите адрес вида name@example.ru",
    badPhone: "Введите номер вида +7 900 123-45-67",
    badName: "Не больше 100 символов",
    consent: "Поставьте отметку, чтобы продолжить",
    requiredMark: "обязательно",
  },
};
