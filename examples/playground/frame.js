// The playground's preview frame: it becomes one page of the demo shop, unchanged except for
// the rules its Nudge script tag loads (the playground's, as a blob: URL). It runs the real
// script-tag build; the playground (the parent page, same origin) sets the visitor's clock and
// device first, and hears from the instance through the command queue before it starts.
(async () => {
  const host = window.parent !== window ? window.parent.playground : undefined;
  const wanted = new URL(new URLSearchParams(location.search).get("page") || "/shop/index.html", location.origin);
  // Only pages of this site: the preview must not load anything else with our script.
  const page = wanted.origin === location.origin ? wanted.pathname + wanted.search : "/shop/index.html";
  let html;
  try {
    const response = await fetch(page);
    if (!response.ok) throw new Error(`${page} answered ${response.status}`);
    html = await response.text();
  } catch (error) {
    document.body.textContent = `The preview could not load ${page}: ${error.message}`;
    return;
  }
  const setup = host?.setup(window) ?? { rules: "/shop/rules.json" };
  // The address the page's scripts and Nudge see (page.path, page.query, UTM): the shop page's own.
  history.replaceState(null, "", page);
  window.__nudgePlayground = true;
  // Handed to the instance first thing: rules problems are reported before `ready`.
  window.nudge = [(instance) => host?.attach(instance, window)];
  const tag = /<script\b[^>]*\bdata-rules="[^"]*"[^>]*><\/script>/;
  const script = `<script async src="/dist/nudge.js" data-rules="${setup.rules}"></script>`;
  document.open();
  document.write(tag.test(html) ? html.replace(tag, script) : html.replace(/<\/head>/i, `${script}</head>`));
  document.close();
  // Links, forms and location.assign() stay inside the preview (each one is a new page view there).
  window.navigation?.addEventListener("navigate", (event) => {
    const to = new URL(event.destination.url);
    // The playground itself loading the next page (frame.html) is not the page's navigation.
    if (!event.cancelable || event.destination.sameDocument || to.origin !== location.origin || to.pathname === "/playground/frame.html") return;
    event.preventDefault();
    host?.go(to.pathname + to.search);
  });
})();
