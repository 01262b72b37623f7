// Bytes a page pays: Nudge's script-tag build (via scripts/sizes.mjs) next to its peers' browser bundles
// as published on npm. Each file is compressed on its own (gzip -9, brotli max), as a browser fetches it.
// A peer file that is not shipped minified is minified with terser first (best case for the peer).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";
import { measure, sizesOf } from "../scripts/sizes.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const NM = join(ROOT, "node_modules");

/** Installed version of a dev dependency. */
export function versionOf(pkg) {
  return JSON.parse(readFileSync(join(NM, pkg, "package.json"), "utf8")).version;
}

async function peerFile(pkg, file, { module = false } = {}) {
  const path = join(NM, pkg, file);
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n").length;
  let code = text;
  let minified = "as shipped";
  if (text.length / lines < 250) {
    const out = await minify(text, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    code = out.code;
    minified = "terser-minified here";
  }
  return { file: `${pkg}/${file}`, minified, ...sizesOf(Buffer.from(code)) };
}

function sum(name, parts, note) {
  const total = (key) => parts.reduce((n, p) => n + p[key], 0);
  return {
    name,
    files: parts.map((p) => p.file),
    raw: total("raw"),
    gzip: total("gzip"),
    brotli: total("brotli"),
    note:
      note ??
      parts
        .map((p) => p.minified)
        .filter(Boolean)
        .join(", "),
  };
}

function missing(name, note) {
  return { name, missing: true, note };
}

export async function benchBytes() {
  const dist = join(ROOT, "dist");
  const m = measure(dist);
  const nudge = (name, group, note) => ({ name, files: group.files, raw: group.raw, gzip: group.gzip, brotli: group.brotli, note });
  const everything = [
    "nudge.js",
    "nudge.runtime.js",
    ...readdirSync(join(dist, "chunks"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => `chunks/${f}`),
  ];
  const all = everything.map((file) => ({ file, ...sizesOf(readFileSync(join(dist, file))) }));

  const ph = "posthog-js";
  const gb = "@growthbook/growthbook";
  const fb = "@formbricks/js";
  const [phCore, phFull, phSurveys, gbAuto, gbIndex, fbLoader, preact] = await Promise.all([
    peerFile(ph, "dist/array.js"),
    peerFile(ph, "dist/array.full.js"),
    peerFile(ph, "dist/surveys.js"),
    peerFile(gb, "dist/bundles/auto.min.js"),
    peerFile(gb, "dist/bundles/index.min.js"),
    peerFile(fb, "dist/index.js", { module: true }),
    peerFile("preact", "dist/preact.mjs", { module: true }),
  ]);
  const fbSurvey = missing(
    "Formbricks SDK + surveys (formbricks.umd.cjs)",
    "not in the npm package: @formbricks/js injects <script src={appUrl}/js/formbricks.umd.cjs> from the Formbricks server at run time, so no number is given",
  );

  const rows = [
    {
      row: "script-tag loader alone",
      nudge: nudge("Nudge loader (dist/nudge.js)", m.loader),
      peers: [
        sum("Formbricks loader (@formbricks/js)", [fbLoader], `${fbLoader.minified}; it only loads the SDK from the Formbricks server`),
        missing("PostHog", "no separate loader file: its inline snippet loads array.js (next row)"),
        missing("GrowthBook", "no separate loader file: auto.min.js is the whole SDK (next row)"),
      ],
    },
    {
      row: "before any widget shows (loader + runtime)",
      nudge: nudge("Nudge loader + runtime", m["loader+runtime"]),
      peers: [
        sum("PostHog array.js (core; extensions lazy)", [phCore]),
        sum("GrowthBook auto.min.js (script-tag SDK)", [gbAuto]),
        sum("GrowthBook index.min.js (browser SDK, no auto-wrapper)", [gbIndex]),
        { ...fbSurvey, name: "Formbricks loader + formbricks.umd.cjs" },
      ],
    },
    {
      row: "widget: popup (chunk + renderer + Preact, on first show)",
      nudge: nudge("Nudge popup", m.popup),
      peers: [sum("PostHog surveys.js (lazy surveys extension)", [phSurveys]), fbSurvey],
    },
    {
      row: "loader + runtime + popup (first popup shown)",
      nudge: {
        name: "Nudge loader + runtime + popup",
        files: [...m["loader+runtime"].files, ...m.popup.files],
        raw: m["loader+runtime"].raw + m.popup.raw,
        gzip: m["loader+runtime"].gzip + m.popup.gzip,
        brotli: m["loader+runtime"].brotli + m.popup.brotli,
      },
      peers: [sum("PostHog array.js + surveys.js", [phCore, phSurveys]), missing("Formbricks", "survey bundle not in the npm package")],
    },
    {
      row: "validator chunk (only when the rules file changed)",
      nudge: nudge("Nudge validator", m.validator),
      peers: [],
    },
    {
      row: "everything",
      nudge: sum("Nudge: every file in dist/nudge*.js + dist/chunks", all, ""),
      peers: [sum("PostHog array.full.js (all extensions)", [phFull]), sum("GrowthBook auto.min.js", [gbAuto]), missing("Formbricks", "survey bundle not in the npm package")],
    },
  ];
  const floor = sum("Preact alone (preact/dist/preact.mjs), the floor", [preact]);
  const versions = { [ph]: versionOf(ph), [gb]: versionOf(gb), [fb]: versionOf(fb), preact: versionOf("preact") };
  return { rows, floor, versions, popup: m.popup, loaderRuntime: m["loader+runtime"] };
}
