// The collector benchmark with a ClickHouse figure: starts Debian's ClickHouse on a free port with
// its data in a temp folder (scripts/services.mjs), runs bench/collector.mjs against it (its
// --clickhouse hook), and stops the server at the end, also when the benchmark fails.
//   node bench/with-clickhouse.mjs [bench/collector.mjs flags…]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startClickHouse } from "../scripts/services.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const clickhouse = await startClickHouse();
console.log(`ClickHouse ${clickhouse.url} (data in ${clickhouse.dir})`);
let status = 1;
try {
  const run = spawnSync(process.execPath, [join(root, "bench/collector.mjs"), "--clickhouse", `${clickhouse.url}/nudge_bench`, ...process.argv.slice(2)], {
    stdio: "inherit",
    cwd: root,
  });
  status = run.status ?? 1;
} finally {
  await clickhouse.stop();
}
process.exit(status);
