import { afterEach, describe, expect, it } from "vitest";
import { swapContent } from "../../../widgets/content-swap/swap.js";

afterEach(() => document.body.replaceChildren());

describe("swapContent", () => {
  it("replaces an element's children with text (never HTML) and restores the very same nodes", () => {
    document.body.innerHTML = '<h1 id="t">Slow mornings,<br>made <em>well</em>.</h1>';
    const h1 = document.getElementById("t")!;
    const em = h1.querySelector("em");
    const restore = swapContent(h1, { selector: "#t", text: "<img src=x onerror=alert(1)> Hi, Anna's readers" });
    expect(h1.textContent).toBe("<img src=x onerror=alert(1)> Hi, Anna's readers");
    expect(h1.children.length).toBe(0);
    restore();
    expect(h1.innerHTML).toBe("Slow mornings,<br>made <em>well</em>.");
    expect(h1.querySelector("em")).toBe(em);
  });

  it("changes a link's text and href, and puts both back", () => {
    document.body.innerHTML = '<a id="cta" href="/shop/coffee">Shop coffee</a>';
    const a = document.getElementById("cta")!;
    const restore = swapContent(a, { selector: "#cta", text: "Get Anna's pick", href: "/shop/product.html?id=sku-102" });
    expect(a.getAttribute("href")).toBe("/shop/product.html?id=sku-102");
    expect(a.textContent).toBe("Get Anna's pick");
    restore();
    expect(a.getAttribute("href")).toBe("/shop/coffee");
    expect(a.textContent).toBe("Shop coffee");
  });

  it("never sets an unsafe href that bypassed the schema", () => {
    document.body.innerHTML = '<a id="cta" href="/ok">Go</a>';
    const a = document.getElementById("cta")!;
    swapContent(a, { selector: "#cta", href: "javascript:alert(1)" });
    expect(a.getAttribute("href")).toBe("/ok");
  });

  it("changes an image's src and alt and sets its srcset aside", () => {
    document.body.innerHTML = '<img id="i" src="/a.svg" srcset="/a@2x.svg 2x" alt="A mug">';
    const img = document.getElementById("i")!;
    const restore = swapContent(img, { selector: "#i", src: "/b.svg", alt: "A teapot" });
    expect([img.getAttribute("src"), img.getAttribute("alt"), img.hasAttribute("srcset")]).toEqual(["/b.svg", "A teapot", false]);
    restore();
    expect([img.getAttribute("src"), img.getAttribute("alt"), img.getAttribute("srcset")]).toEqual(["/a.svg", "A mug", "/a@2x.svg 2x"]);
  });

  it("leaves the element alone on restore if the page changed it since", () => {
    document.body.innerHTML = '<p id="p">Original</p>';
    const p = document.getElementById("p")!;
    const restore = swapContent(p, { selector: "#p", text: "Swapped" });
    p.textContent = "The page's own update";
    restore();
    expect(p.textContent).toBe("The page's own update");
  });
});
