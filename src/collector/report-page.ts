/// <reference types="node" />
/**
 * The collector's report page: the demo report page's view (examples/report/:
 * view.js, charts.js, report.css) with a loader (collector.js) that reads the
 * collector's /report.json. The build (scripts/build.mjs) copies those files to dist/report-page/;
 * run from the sources, they are read from examples/report/.
 */
import { readFile } from "node:fs/promises";

const ASSETS: Record<string, string> = {
  "view.js": "text/javascript; charset=utf-8",
  "charts.js": "text/javascript; charset=utf-8",
  "collector.js": "text/javascript; charset=utf-8",
  "report.css": "text/css; charset=utf-8",
};

// dist/esm/collector.js (or a chunk under dist/esm/chunks/) → dist/report-page/; src/collector/ → examples/report/.
const FOLDERS = ["../report-page/", "../../report-page/", "../../examples/report/"];

function page(jsonUrl: string) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="nudge-report" content="${jsonUrl.replace(/[^A-Za-z0-9./_-]/g, "")}">
<title>Nudge — collector report</title>
<link rel="stylesheet" href="report.css">
<script type="module" src="collector.js"></script>
</head>
<body>
<main>
  <header class="top">
    <h1>Campaign report</h1>
    <p>Every visitor's measured events, as this collector stored them, counted in its database. Per widget: how many visitors saw it, clicked and bought, for each variant against the control group (visitors in the <code>holdout</code>, who saw nothing).</p>
    <form class="controls"><button id="refresh" type="button">Refresh</button></form>
    <p id="summary" role="status"></p>
    <p id="error" class="error" role="alert" hidden></p>
  </header>
  <div id="widgets"></div>
  <footer>
    <p>How to read it: rates come with a 95% credible interval (Bayesian beta-binomial, uniform prior). “P(beat control)” is the exact probability that the variant's true conversion rate is higher than the control's. Revenue per visitor uses a normal approximation. The split check is a chi-square test of visitors per arm against the configured shares.</p>
  </footer>
</main>
</body>
</html>
`;
}

const cache = new Map<string, string>();

/** A file of the report page, or null when there is no such file. */
export async function reportAsset(name: string, jsonUrl: string): Promise<{ body: string; type: string } | null> {
  if (name === "index.html") return { body: page(jsonUrl), type: "text/html; charset=utf-8" };
  const type = ASSETS[name];
  if (!type) return null;
  let body = cache.get(name);
  for (const folder of FOLDERS) {
    if (body !== undefined) break;
    try {
      body = await readFile(new URL(folder + name, import.meta.url), "utf8");
      cache.set(name, body);
    } catch {
      // not in this layout: try the next
    }
  }
  return body === undefined ? null : { body, type };
}
