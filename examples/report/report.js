// The report page: measured events (simulated, from the demo shop's collector, or imported) →
// buildReport from nudge/measure → the view (view.js).
import { buildReport } from "/dist/esm/measure.js";
import { simulate } from "./simulate.js";
import { $, node, renderReport } from "./view.js";

function render(events, source) {
  const report = buildReport(events);
  window.nudgeReport = { events, report, source };
  renderReport(report, source, events.find((e) => e.currency)?.currency ?? "USD");
}

function readEvents(json) {
  // An array of events, `{ events }` (GET /collect, a beacon body), `{ log }` (nudge.report()), or a list of beacon bodies.
  if (Array.isArray(json)) return json.flatMap((item) => (item && Array.isArray(item.events) ? item.events : [item]));
  if (json && Array.isArray(json.events)) return json.events;
  if (json && Array.isArray(json.log)) return json.log;
  throw new Error("expected an array of events, { events: [...] } or { log: [...] }");
}

function showError(message) {
  $("#error").textContent = message;
  $("#error").hidden = !message;
}

function simulated() {
  const visitors = Math.min(200_000, Math.max(100, Number($("#visitors").value) || 5000));
  const seed = Number($("#seed").value) || 1;
  showError("");
  render(simulate({ visitors, seed }), `simulated (seed ${seed})`);
}

$("#simulate").addEventListener("click", simulated);
$("#collector").addEventListener("click", async () => {
  try {
    // `npm start` runs the real collector (DuckDB): its report, counted in the database, is at
    // /collector/report.json. The in-memory test collector answers GET /collect with its events.
    const counted = await fetch("/collector/report.json", { cache: "no-store" });
    if (counted.ok) {
      const report = await counted.json();
      window.nudgeReport = { events: [], report, source: "collector" };
      showError("");
      renderReport(report, "from the demo shop's collector (counted in DuckDB)");
      return;
    }
    const response = await fetch("/collect", { cache: "no-store" });
    if (!response.ok) throw new Error(`GET /collect: HTTP ${response.status}`);
    showError("");
    render(readEvents(await response.json()), "from the demo shop's collector");
  } catch (error) {
    showError(`Could not load the collector's events: ${error.message}`);
  }
});
$("#file").addEventListener("change", async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  try {
    showError("");
    render(readEvents(JSON.parse(await file.text())), `from ${file.name}`);
  } catch (error) {
    showError(`${file.name}: ${error.message}`);
  }
});
$("#export").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(window.nudgeReport?.events ?? [])], { type: "application/json" });
  const link = node("a", { href: URL.createObjectURL(blob), download: "nudge-events.json" });
  link.click();
  URL.revokeObjectURL(link.href);
});

const params = new URLSearchParams(location.search);
if (params.has("visitors")) $("#visitors").value = params.get("visitors");
if (params.has("seed")) $("#seed").value = params.get("seed");
simulated();
