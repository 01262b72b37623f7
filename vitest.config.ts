import { defineConfig } from "vitest/config";

export default defineConfig({
  // Vite 8 transforms TS/JSX with oxc: point its automatic JSX runtime at Preact.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "happy-dom", include: ["test/unit/**/*.test.{ts,tsx}"], testTimeout: 20_000 },
      },
      {
        extends: true,
        // The packed tarball, the CLI, SSR import and byte budgets: Node only, after the build.
        test: { name: "package", environment: "node", include: ["test/package/**/*.test.ts"], testTimeout: 120_000 },
      },
      {
        extends: true,
        // The collector (nudge collect) and its stores: Node, real databases (DuckDB embedded; ClickHouse/PostgreSQL when started).
        test: { name: "collector", environment: "node", include: ["test/collector/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          // One Chromium, one static server: files run one after another on 2 cores.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The journeys that matter in Chromium, Firefox ESR and WebKit (test/engines/engines.ts drives them).
        test: { name: "engines", environment: "node", include: ["test/engines/**/*.test.ts"], fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        // The collector at scale: real ClickHouse and PostgreSQL servers (test/scale/global-setup.ts starts them once).
        test: {
          name: "scale",
          environment: "node",
          include: ["test/scale/**/*.test.ts"],
          globalSetup: ["test/scale/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
