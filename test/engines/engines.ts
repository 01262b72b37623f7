import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import puppeteer from "puppeteer-core";
import { Builder, Key, type WebDriver } from "selenium-webdriver";
// @ts-expect-error: a plain .mjs module without types
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, WEBKIT_BROWSER, WEBKIT_DRIVER, XVFB } from "../../scripts/ensure.mjs";

/*
 * One small driver interface over the three engines a shop's visitors use, so a journey is written
 * once and run in each: Chromium through Playwright, Firefox ESR through puppeteer-core over
 * WebDriver BiDi, WebKit (WebKitGTK's MiniBrowser: Safari's engine, not Safari) through W3C
 * WebDriver with selenium-webdriver, under an Xvfb display this harness starts itself.
 * Every engine runs one page; a test gets storage of its own by using an origin of its own
 * (a new server port), not a new browser.
 */

export type EngineName = "chromium" | "firefox" | "webkit";
export const ENGINES: EngineName[] = ["chromium", "firefox", "webkit"];

export interface EnginePage {
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page (it may be async) and returns its JSON-serialisable result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Polls `fn` in the page until it returns a truthy value; returns it. */
  waitFor<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, timeoutMs?: number): Promise<T>;
  /** Real pointer input where the engine's driver can give it. */
  mouseMove(x: number, y: number): Promise<void>;
  /** A real key press aimed at the focused element ("Tab", "Enter", "Escape", " "). */
  press(key: "Tab" | "Enter" | "Escape" | " "): Promise<void>;
  screenshot(path: string): Promise<void>;
}

export interface Engine {
  name: EngineName;
  /** The engine's version as its driver reports it ("156.0.8078.114", "153.8.0esr", "2.50.6"), which the README names. */
  version: string;
  page: EnginePage;
  close(): Promise<void>;
}

/** Wraps a function for drivers that take script text: it runs with `arg` and settles a callback. */
const asyncScript = (fn: string) => `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn})(arguments[0])).then((value) => done({ ok: value === undefined ? null : value }), (error) => done({ error: String(error && error.stack || error) }));`;

async function poll<T>(check: () => Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The page API Playwright and Puppeteer share, as far as the journeys use it. */
interface ScriptablePage {
  goto(url: string): Promise<unknown>;
  evaluate(fn: never, arg: unknown): Promise<unknown>;
  mouse: { move(x: number, y: number, options: { steps: number }): Promise<void> };
  keyboard: { press(key: never): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
}

/**
 * One adapter for Chromium (Playwright) and Firefox (puppeteer-core): their page APIs agree on what
 * is used here, but for the space bar's name (puppeteer over WebDriver BiDi knows only " ").
 */
function adapt(page: ScriptablePage, space: string): EnginePage {
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 20_000) => poll(() => page.evaluate(fn as never, arg) as never, timeoutMs, String(fn)),
    mouseMove: (x, y) => page.mouse.move(x, y, { steps: 4 }),
    press: (key) => page.keyboard.press((key === " " ? space : key) as never),
    screenshot: async (path) => void (await page.screenshot({ path })),
  };
}

async function launchChromium(): Promise<Engine> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { name: "chromium", version: browser.version(), page: adapt(page, "Space"), close: () => browser.close() };
}

async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    // Headless Firefox finds no mouse and reports `(hover: none)`, as a phone does; a desktop visitor's
    // Firefox has a fine pointer that hovers (Gecko's PointerCapabilities: Fine 2 | Hover 4).
    extraPrefsFirefox: { "ui.primaryPointerCapabilities": 6, "ui.allPointerCapabilities": 6 },
  });
  const page = await browser.newPage();
  return { name: "firefox", version: (await browser.version()).replace(/^firefox\//i, ""), page: adapt(page, " "), close: () => browser.close() };
}

const WEBKIT_KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, " ": Key.SPACE } as const;

async function launchWebKit(): Promise<Engine> {
  const children: ChildProcess[] = [];
  const stop = () => children.forEach((child) => child.kill());
  try {
    // Xvfb picks a free display and writes its number to fd 3.
    const xvfb = spawn(XVFB, ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
    children.push(xvfb);
    const display = await new Promise<string>((resolve, reject) => {
      let text = "";
      (xvfb.stdio[3] as NodeJS.ReadableStream).on("data", (chunk) => {
        text += String(chunk);
        if (text.includes("\n")) resolve(`:${text.trim()}`);
      });
      xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code})`)));
    });
    const port = await freePort();
    const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], { env: { ...process.env, DISPLAY: display }, stdio: "ignore" });
    children.push(driverProcess);
    const server = `http://127.0.0.1:${port}`;
    await poll(() => fetch(`${server}/status`).then((r) => r.ok), 20_000, "WebKitWebDriver");
    const driver: WebDriver = await new Builder()
      .usingServer(server)
      .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: WEBKIT_BROWSER, args: ["--automation"] } })
      .build();
    await driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
    await driver.manage().window().setRect({ width: 1280, height: 800 });
    const evaluate = async <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
      const result = (await driver.executeAsyncScript(asyncScript(String(fn)), arg ?? null)) as { ok?: T; error?: string };
      if (result && "error" in result && result.error) throw new Error(result.error);
      return result.ok as T;
    };
    const page: EnginePage = {
      goto: (url) => driver.get(url),
      evaluate,
      waitFor: (fn, arg, timeoutMs = 20_000) => poll(() => evaluate(fn, arg), timeoutMs, String(fn)),
      mouseMove: (x, y) =>
        driver
          .actions()
          .move({ x: Math.round(x), y: Math.round(y) })
          .perform(),
      press: (key) => driver.actions().sendKeys(WEBKIT_KEYS[key]).perform(),
      screenshot: async (path) => {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(path, await driver.takeScreenshot(), "base64");
      },
    };
    return {
      name: "webkit",
      // WebKitGTK's own version (the user agent names a frozen Safari version instead).
      version: String((await driver.getCapabilities()).get("browserVersion")),
      page,
      close: async () => {
        await driver.quit().catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

export function launchEngine(name: EngineName): Promise<Engine> {
  return name === "chromium" ? launchChromium() : name === "firefox" ? launchFirefox() : launchWebKit();
}
