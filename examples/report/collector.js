// The collector's report page (nudge collect serves it at /report/): the report counted in the
// database, fetched from the collector's /report.json, drawn by the same view as the demo page.
import { $, renderReport } from "./view.js";

const params = new URLSearchParams(location.search);
const source = document.querySelector('meta[name="nudge-report"]')?.getAttribute("content") ?? "../report.json";
const currency = params.get("currency") ?? "USD";

async function load() {
  const error = $("#error");
  try {
    const response = await fetch(source, { cache: "no-store" });
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status} ${await response.text()}`);
    const report = await response.json();
    window.nudgeReport = { report, source: "collector" };
    error.hidden = true;
    renderReport(report, `from this collector, at ${new Date().toLocaleTimeString("en-US")}`, currency);
  } catch (problem) {
    error.textContent = `Could not load the report: ${problem.message}`;
    error.hidden = false;
  }
}

$("#refresh").addEventListener("click", load);
load();
