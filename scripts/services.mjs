// The database servers the collector's scale tests, CI and the benchmark run against: Debian's ClickHouse 18.16
// and PostgreSQL 15, each an ordinary process on 127.0.0.1 at a free port, its data in a temp folder that is
// removed when it stops. Several copies (other checkouts, other test runs) can run side by side.
//
//   node scripts/services.mjs [clickhouse] [postgres] -- <command…>
//
// starts the servers named (both when none is named), runs the command with NUDGE_CLICKHOUSE_URL and
// NUDGE_POSTGRES_URL set, and stops the servers when it ends, fails or is interrupted. Its exit code is the command's.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLICKHOUSE_SERVER = process.env.CLICKHOUSE_SERVER_PATH ?? "/usr/sbin/clickhouse-server";
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on right now (another process may still take it: callers retry). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready()` until it is true; throws with `describe()` after `timeoutMs` or when `died()` says so. */
async function waitFor(what, ready, died, describe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    const reason = died();
    if (reason) throw new Error(`${what} did not start: ${reason}\n${describe()}`);
    await sleep(200);
  }
  throw new Error(`${what} did not answer within ${timeoutMs / 1000} s\n${describe()}`);
}

const tail = (file) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-15).join("\n") : "");

function clickhouseConfig(dir, port) {
  return `<?xml version="1.0"?>
<!-- Written by scripts/services.mjs: loopback only, everything under ${dir}. -->
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${port}</http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
</yandex>
`;
}

const CLICKHOUSE_USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

/**
 * Starts ClickHouse; resolves when `SELECT 1` answers over HTTP.
 * @returns {Promise<{ url: string, port: number, dir: string, stop(): Promise<void> }>}
 */
export async function startClickHouse({ attempts = 3 } = {}) {
  if (!existsSync(CLICKHOUSE_SERVER)) throw new Error(`ClickHouse is not installed (${CLICKHOUSE_SERVER}); ${installHint(["clickhouse-server"])}`);
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "nudge-clickhouse-"));
    const port = await freePort();
    writeFileSync(join(dir, "config.xml"), clickhouseConfig(dir, port));
    writeFileSync(join(dir, "users.xml"), CLICKHOUSE_USERS);
    const child = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(dir, "config.xml")}`], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    let exited = null;
    child.on("exit", (code, signal) => {
      exited = `exited with ${signal ?? code}`;
    });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      if (!exited) {
        child.kill("SIGTERM");
        const deadline = Date.now() + 15_000;
        while (!exited && Date.now() < deadline) await sleep(100);
        if (!exited) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitFor(
        "ClickHouse",
        async () => (await fetch(`${url}/?query=SELECT%201`)).ok,
        () => exited,
        () => `${stderr}${tail(join(dir, "log/error.log"))}`,
      );
      return { url, port, dir, stop };
    } catch (error) {
      await stop();
      if (attempt >= attempts) throw error;
    }
  }
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root (initdb and postgres refuse to run as root). */
function asPostgres(tool, args, options = {}) {
  const root = process.getuid?.() === 0;
  const command = root ? "runuser" : join(POSTGRES_BIN, tool);
  const argv = root ? ["-u", "postgres", "--", join(POSTGRES_BIN, tool), ...args] : args;
  return spawnSync(command, argv, { encoding: "utf8", ...options });
}

/**
 * Starts PostgreSQL (trust authentication for user `postgres`, loopback only); resolves when it accepts connections.
 * @returns {Promise<{ url: string, port: number, dir: string, stop(): Promise<void> }>}
 */
export async function startPostgres({ attempts = 3 } = {}) {
  if (!existsSync(join(POSTGRES_BIN, "initdb"))) throw new Error(`PostgreSQL is not installed (${POSTGRES_BIN}); ${installHint(["postgresql"])}`);
  const root = process.getuid?.() === 0;
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "nudge-postgres-"));
    const data = join(dir, "data");
    if (root) {
      // The temp folder belongs to root; postgres must own its data directory and socket folder.
      chmodSync(dir, 0o755);
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
      chownSync(dir, uid, gid);
    }
    const remove = () => rmSync(dir, { recursive: true, force: true });
    const init = asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    if (init.status !== 0) {
      remove();
      throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);
    }
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const started = asPostgres("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const stop = async () => {
      asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      remove();
    };
    if (started.status === 0) {
      const ready = asPostgres("pg_isready", ["-h", "127.0.0.1", "-p", String(port)]);
      if (ready.status === 0) return { url, port, dir, stop };
    }
    const log = tail(join(dir, "server.log"));
    await stop();
    if (attempt >= attempts) throw new Error(`PostgreSQL did not start:\n${started.stderr}${log}`);
  }
}

function installHint(packages) {
  const command = `apt-get update && apt-get install -y ${packages.join(" ")}`;
  return process.getuid?.() === 0 ? `install it with: ${command}` : `install it with: sudo sh -c '${command}'`;
}

/** Starts the servers named; `stop()` stops all of them (each at most once). */
export async function startServices(names = ["clickhouse", "postgres"]) {
  const started = [];
  const env = {};
  const stop = async () => {
    for (const service of started.splice(0).reverse()) await service.stop().catch(() => {});
  };
  try {
    if (names.includes("clickhouse")) {
      const clickhouse = await startClickHouse();
      started.push(clickhouse);
      env.NUDGE_CLICKHOUSE_URL = clickhouse.url;
    }
    if (names.includes("postgres")) {
      const postgres = await startPostgres();
      started.push(postgres);
      env.NUDGE_POSTGRES_URL = postgres.url;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, stop };
}

async function cli(argv) {
  const split = argv.indexOf("--");
  const names = (split < 0 ? argv : argv.slice(0, split)).filter((name) => name === "clickhouse" || name === "postgres");
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (!command.length) {
    console.error("Usage: node scripts/services.mjs [clickhouse] [postgres] -- <command…>");
    return 2;
  }
  const services = await startServices(names.length ? names : ["clickhouse", "postgres"]);
  for (const [name, value] of Object.entries(services.env)) console.log(`${name}=${value}`);
  const child = spawn(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, ...services.env } });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise((resolve) => {
    child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
  await services.stop();
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
