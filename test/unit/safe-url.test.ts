import { describe, expect, it } from "vitest";
import { isSafeUrl } from "../../widgets/shared/safe-url.js";

describe("isSafeUrl", () => {
  it.each(["https://shop.example/a", "http://x.test", "/cart", "./p.svg", "#top", "?q=1", "//cdn.example/x.js", "product.html?id=1"])("accepts %s", (url) =>
    expect(isSafeUrl(url)).toBe(true),
  );
  it.each(["javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>", "vbscript:x", "file:///etc/passwd"])("rejects %s", (url) =>
    expect(isSafeUrl(url)).toBe(false),
  );
  it("rejects non-strings", () => expect(isSafeUrl(42)).toBe(false));
});
