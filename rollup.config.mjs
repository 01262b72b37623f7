import nodeResolve from "@rollup/plugin-node-resolve";
import replace from "@rollup/plugin-replace";
import terser from "@rollup/plugin-terser";
import typescript from "@rollup/plugin-typescript";

const ts = (outDir) => typescript({ tsconfig: "./tsconfig.json", declaration: false, outDir, rootDir: ".", include: ["src/**/*", "widgets/**/*"] });
const minify = () => terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } });
// React is only for nudge-sdk/react (an optional peer): external there, and nothing else imports it.
// The collector's databases are optional (an optional dependency and optional peers): loaded only when a store opens.
const dependencies = [
  "@duckdb/node-api",
  "csv-parse",
  "csv-parse/sync",
  "@clickhouse/client",
  "pg",
  "preact",
  "preact/hooks",
  "preact/jsx-runtime",
  "idb-keyval",
  "zod",
  "zod/mini",
  "react",
  "react-dom",
  "react-dom/client",
];

/** Modules that ride in the renderer chunk (see manualChunks below). */
const RENDERER_CHUNK =
  /[\\/]node_modules[\\/]preact[\\/]|[\\/](src[\\/]render[\\/](renderer|host-styles|template)|src[\\/]core[\\/](widget-(mount|signals|host)|show-path)|widgets[\\/]shared[\\/](base-styles|focusable|use-modal-focus|use-focus-return|i18n|close-button|shown-coupon|layer-styles))\.tsx?$/;

const runtimeGraphs = new WeakMap();
/** Whether the runtime entry imports a module statically (directly or through others): it is in what every page view loads. */
function inRuntime(id, { getModuleIds, getModuleInfo }) {
  let graph = runtimeGraphs.get(getModuleInfo);
  if (!graph) {
    graph = new Set();
    const queue = [...getModuleIds()].filter((m) => getModuleInfo(m)?.isEntry);
    for (const m of queue) {
      if (graph.has(m)) continue;
      graph.add(m);
      queue.push(...(getModuleInfo(m)?.importedIds ?? []));
    }
    runtimeGraphs.set(getModuleInfo, graph);
  }
  return graph.has(id);
}

export default [
  // npm: ESM entry points for bundlers; dependencies stay external, widgets are their own chunks.
  {
    input: {
      index: "src/index.ts",
      rules: "src/rules/public.ts",
      measure: "src/measure/public.ts",
      react: "src/react/index.ts",
      cli: "src/cli/main.ts",
      collector: "src/collector/public.ts",
      "widgets/popup": "widgets/popup/index.tsx",
      "widgets/social-proof": "widgets/social-proof/index.tsx",
      "widgets/nps": "widgets/nps/index.tsx",
      "widgets/wheel": "widgets/wheel/index.tsx",
      "widgets/content-swap": "widgets/content-swap/index.tsx",
      "widgets/countdown-coupon": "widgets/countdown-coupon/index.tsx",
      "widgets/chatbot": "widgets/chatbot/index.tsx",
      "widgets/carousel": "widgets/carousel/index.tsx",
      "widgets/push-ask": "widgets/push-ask/index.tsx",
      "widgets/compare": "widgets/compare/index.tsx",
      "widgets/survey": "widgets/survey/index.tsx",
    },
    external: (id) => dependencies.includes(id) || id.startsWith("node:"),
    output: { dir: "dist/esm", format: "es", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    plugins: [ts("dist/esm")],
  },
  // Script tag, part 2: the runtime and its lazily loaded chunks (validator, renderer, each widget).
  {
    input: { "nudge.runtime": "src/script/runtime.ts" },
    // Let lazy chunks import shared code from the runtime itself instead of a facade chunk: one request fewer.
    preserveEntrySignatures: "allow-extension",
    output: {
      dir: "dist",
      format: "es",
      entryFileNames: "[name].js",
      chunkFileNames: "chunks/[name]-[hash].js",
      // Preact, the code every widget uses (base styles, focus handling and its return, i18n, the shown coupon, the layer styles),
      // the show path (widget host, what a shown widget records) and the host's mounting half (props, templates, signals)
      // ride in the renderer chunk, which every first widget loads anyway: split by which widgets import them, they became
      // several tiny chunks, each a request (a plain popup's show took five, two of them a round trip later; now three). The
      // cross-tab modal lock stays apart: the decider loads it on page views that show nothing, too.
      manualChunks: (id, meta) => {
        // What the runtime imports stays in it: left unnamed, a module the renderer's modules import too would be pulled into their chunk.
        if (inRuntime(id, meta)) return "nudge.runtime";
        return RENDERER_CHUNK.test(id) ? "renderer" : undefined;
      },
    },
    plugins: [
      nodeResolve({ browser: true }),
      // Dependencies keep dev-only checks behind process.env.NODE_ENV; browsers have no `process`.
      replace({ preventAssignment: true, values: { "process.env.NODE_ENV": JSON.stringify("production") } }),
      ts("dist"),
      minify(),
    ],
  },
  // The playground's rules editor (CodeMirror, the validator, the facts catalog): a page of examples/ only,
  // never part of the runtime, the loader or the npm package (examples/playground/dist/ is not published).
  {
    input: "examples/playground/editor/index.js",
    output: { file: "examples/playground/dist/editor.js", format: "es" },
    plugins: [
      nodeResolve({ browser: true }),
      replace({ preventAssignment: true, values: { "process.env.NODE_ENV": JSON.stringify("production") } }),
      ts("examples/playground/dist"),
      minify(),
    ],
  },
  // Script tag, part 1: the classic-script loader a shop owner pastes.
  {
    input: "src/script/loader.ts",
    output: { file: "dist/nudge.js", format: "iife" },
    plugins: [ts("dist"), minify()],
  },
];
