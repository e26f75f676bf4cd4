// Runs the built test harness (.harness/, from vite.harness.config.ts) in Debian's Chromium
// through playwright-core: a loopback-only static server with the app's CSP, one browser per test
// file with a fresh profile in a temp folder, one page per test wired to a FakeShell, and checks
// shared by the tests (screens, titles, no console errors, no CSP violations, a screenshot each).

import assert from "node:assert/strict";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
// The fake shell and the real shell's texts are TypeScript (shell.ts, shell-texts.ts), compiled
// into .test-build/ by `npm test` (tsconfig.test.json) before the tests run.
import { CARD_TEXTS, FakeShell, OFFICER_PIN, PERSONAL_TEXTS, SYNCED_AT } from "../../.test-build/test/support/shell.js";
import { TEXTS } from "../../.test-build/test/support/shell-texts.js";

const UI = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = join(UI, ".harness");
export const SHOTS = resolve(UI, "../target/ui-screenshots");

/** The Content Security Policy of the app (src-tauri/tauri.conf.json), served with the harness. */
export const CSP = "default-src 'self'; style-src 'self'; script-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The Vietnamese title (h1) of each screen. */
export const TITLES = {
  home: "Bạn cần làm gì?",
  "signin-choice": "Chọn cách đăng nhập",
  credentials: "Đăng nhập tài khoản Cổng Dịch vụ công Quốc gia",
  code: "Nhập mã xác thực",
  "account-unavailable": "Chưa mở được tài khoản",
  "enter-cccd": "Cập nhật số CCCD cho tài khoản",
  "vneid-waiting": "Đang chờ đăng nhập VNeID",
  "vneid-working": "Đang hoàn tất đăng nhập…",
  "vneid-failed": "Chưa đăng nhập được bằng VNeID",
  personal: "Thông tin cá nhân",
  identity: "Thông tin định danh",
  "identity-enter-cccd": "Nhập số CCCD để cập nhật",
  "identity-preview": "Kiểm tra thông tin trước khi cập nhật",
  dossiers: "Hồ sơ đã nộp",
  "dossier-detail": "Chi tiết hồ sơ",
};

/** The title of the match-failure screens, by `failure.kind`. */
export const FAILURE_TITLES = {
  unknown_number: "Không tìm thấy số CCCD trong CSDL Quốc gia về Dân cư",
  mismatch_full_name: "Họ tên chưa khớp",
  mismatch_birth_date: "Ngày sinh chưa khớp",
  mismatch_sex: "Giới tính chưa khớp",
  taken: "Số CCCD đã được liên kết với tài khoản khác",
};

/** Serves .harness/ on 127.0.0.1 (a free port) with the CSP header. */
export async function startServer() {
  assert.ok(existsSync(join(ROOT, "index.html")), "build the harness first (npm test does)");
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(ROOT, path === "/" ? "index.html" : path));
    if (!file.startsWith(ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": CSP,
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * One browser for a test file: Debian's Chromium, headless, with a fresh profile in a temp
 * folder (HOME and caches there too, so nothing is written elsewhere).
 */
export async function startBrowser() {
  const dir = mkdtempSync(join(tmpdir(), "dvclink-ui-"));
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    env: {
      ...process.env,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, "config"),
      XDG_CACHE_HOME: join(dir, "cache"),
    },
    viewport: { width: 1280, height: 900 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    reducedMotion: "reduce",
  });
  for (const page of context.pages()) await page.close();
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the server and the browser before a file's tests and stops them after. */
export function setup(hooks) {
  const env = {};
  hooks.before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env.server = await startServer();
    env.browser = await startBrowser();
  });
  hooks.after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens the app in a new page wired to `shell` and waits for the home screen. Console errors,
 * page errors and CSP violations are collected; `done()` asserts there were none and saves the
 * screenshot.
 */
export async function openApp(env, t, shell = new FakeShell(), { viewport, screen = "home", title } = {}) {
  const page = await env.browser.context.newPage();
  // Every wait is for something that shows at once; fail fast when it does not.
  page.setDefaultTimeout(5000);
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" || /Content[ -]Security[ -]Policy/i.test(text)) problems.push(`console: ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  page.on("request", (req) => {
    if (!req.url().startsWith(env.server.url)) problems.push(`request outside the harness: ${req.url()}`);
  });
  await page.exposeFunction("__ipc", async (cmd, args) => {
    try {
      return { ok: (await shell.handle(cmd, args)) ?? null };
    } catch (err) {
      if (err instanceof Error) return { err: { code: "error", message: `fake shell: ${err.message}` } };
      return { err };
    }
  });
  shell.emitter = async (event, payload) => {
    if (!page.isClosed()) await page.evaluate(([e, p]) => window.__emit(e, p), [event, payload]);
  };
  await page.goto(env.server.url);
  const app = { page, shell, problems };
  t.after(async () => {
    if (page.isClosed()) return;
    const csp = await page.evaluate(() => window.__cspViolations ?? []);
    await page.close();
    // Also what happened after the test's last check.
    assert.deepEqual(csp, [], "CSP violations");
    assert.deepEqual(problems, [], "console errors");
  });
  await expectScreen(app, screen, title);
  app.done = async (name = t.name) => {
    await shot(page, name);
    const csp = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(csp, [], "CSP violations");
    assert.deepEqual(problems, [], "console errors");
  };
  return app;
}

export async function shot(page, name) {
  const file = join(SHOTS, `${name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase()}.png`);
  // Off every control, so no hover colour shows.
  await page.mouse.move(1, 1);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until `fn(arg)` in the page is truthy; on timeout fails with `describe()`'s account. */
async function until(page, fn, arg, describe, timeout = 5000) {
  try {
    await page.waitForFunction(fn, arg, { timeout });
  } catch {
    assert.fail(await describe());
  }
}

/**
 * Waits for the screen `name`, checks its one h1#screen-title (Vietnamese title from TITLES
 * unless `title` is given) and that focus moved to it.
 */
export async function expectScreen(app, name, title = TITLES[name]) {
  const { page } = app;
  await until(
    page,
    ([n]) => document.querySelector(`[data-screen="${n}"]`) !== null && !document.querySelector("[aria-busy]"),
    [name],
    async () =>
      `expected screen ${name}, got ${await page.evaluate(() =>
        [...document.querySelectorAll("[data-screen]")].map((e) => e.getAttribute("data-screen")).join(","),
      )}`,
  );
  const titles = await page.locator("h1").allTextContents();
  assert.equal(titles.length, 1, "one h1 per screen");
  if (title !== undefined) assert.equal(titles[0], title, `title of ${name}`);
  assert.equal(await page.locator("h1#screen-title").count(), 1);
  assert.equal(await page.locator(`[data-screen="${name}"] h1#screen-title`).count(), 1);
}

/** Waits until the element has (or contains) `text`. */
export async function expectText(app, selector, text, { exact = false } = {}) {
  const { page } = app;
  await until(
    page,
    ([sel, want, ex]) => {
      const el = document.querySelector(sel);
      const got = el?.textContent?.replace(/\s+/g, " ").trim() ?? null;
      return got !== null && (ex ? got === want : got.includes(want));
    },
    [selector, text, exact],
    async () =>
      `expected ${selector} to ${exact ? "be" : "contain"} «${text}», got «${await page.evaluate(
        (sel) => document.querySelector(sel)?.textContent?.replace(/\s+/g, " ").trim() ?? "(no element)",
        selector,
      )}»`,
  );
}

/** Waits until every IPC call the page made so far has reached the fake shell. */
export async function barrier(app) {
  await app.page.evaluate(() => window.__ipc("__barrier", {}));
}

/** The focused element's id. */
export function focusedId(app) {
  return app.page.evaluate(() => document.activeElement?.id ?? "");
}

/** Texts of the role=alert elements that are shown. */
export function alerts(app) {
  return app.page.evaluate(() =>
    [...document.querySelectorAll('[role="alert"]')]
      .filter((e) => !e.closest("[hidden]") && e.getClientRects().length > 0)
      .map((e) => e.textContent.replace(/\s+/g, " ").trim()),
  );
}

export { CARD_TEXTS, FakeShell, OFFICER_PIN, PERSONAL_TEXTS, SYNCED_AT, TEXTS };
