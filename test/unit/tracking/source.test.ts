import { describe, expect, it } from "vitest";
import { classifySource } from "../../../src/track/source.js";

const own = "shop.example";

describe("classifySource", () => {
  it.each([
    ["no referrer, no UTM", {}, "", { channel: "direct", source: "(direct)", medium: "(none)", campaign: "" }],
    ["internal navigation", {}, "https://shop.example/cart", { channel: "direct", source: "(direct)", medium: "(none)", campaign: "" }],
    ["www. of the own host is internal too", {}, "https://www.shop.example/", { channel: "direct", source: "(direct)", medium: "(none)", campaign: "" }],
    ["Google organic", {}, "https://www.google.com/", { channel: "search", source: "google.com", medium: "referral", campaign: "" }],
    ["Yandex organic", {}, "https://yandex.ru/search?text=x", { channel: "search", source: "yandex.ru", medium: "referral", campaign: "" }],
    ["Instagram link", {}, "https://l.instagram.com/?u=x", { channel: "social", source: "l.instagram.com", medium: "referral", campaign: "" }],
    ["t.co", {}, "https://t.co/abc", { channel: "social", source: "t.co", medium: "referral", campaign: "" }],
    ["a blog", {}, "https://coffee-blog.example/post", { channel: "referral", source: "coffee-blog.example", medium: "referral", campaign: "" }],
    ["newsletter UTM", { utm_source: "Newsletter", utm_medium: "email", utm_campaign: "dec" }, "", { channel: "email", source: "newsletter", medium: "email", campaign: "dec" }],
    ["paid search UTM", { utm_source: "google", utm_medium: "cpc" }, "https://www.google.com/", { channel: "paid", source: "google", medium: "cpc", campaign: "" }],
    ["gclid without UTM", { gclid: "abc" }, "https://www.google.com/", { channel: "paid", source: "google.com", medium: "referral", campaign: "" }],
    ["blogger's link with utm_medium=social", { utm_source: "anna_blog", utm_medium: "social" }, "", { channel: "social", source: "anna_blog", medium: "social", campaign: "" }],
    ["utm_source=instagram without medium", { utm_source: "instagram" }, "", { channel: "social", source: "instagram", medium: "(none)", campaign: "" }],
    ["malformed referrer", {}, "not a url", { channel: "direct", source: "(direct)", medium: "(none)", campaign: "" }],
  ])("%s", (_name, query, referrer, expected) => {
    expect(classifySource(query as Record<string, string>, referrer, own)).toEqual(expected);
  });

  it("does not read inherited query keys", () => {
    const query = Object.create({ utm_source: "inherited" }) as Record<string, string>;
    expect(classifySource(query, "", own).source).toBe("(direct)");
  });
});
