// Import this first to be able to `import()` the product's src/**/*.ts from the benchmark.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
