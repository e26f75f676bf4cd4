// Kiosk mode: «Kết thúc phiên» on every screen, its confirmation, the welcome screen it brings
// back cleared of everything the citizen left; the page's lock-down (keys, context menu, zoom);
// and targets of at least 44×44 px. The idle time-out has its own file (idle.test.mjs).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, SYNCED_AT, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { emit, toCode, toCredentials, toEnterCccd, toSigninChoice, toVneidWaiting } from "./support/flows.mjs";

const env = setup({ before, after });

const kiosk = (opts = {}) => new FakeShell({ mode: "kiosk", ...opts });

const ENDED = "Phiên làm việc đã kết thúc. Thông tin của bạn đã được xoá khỏi máy này.";

/** Checks that «Kết thúc phiên» is in the header of the screen shown, in Vietnamese. */
async function expectEndButton(app, where) {
  const btn = app.page.locator("header #btn-end-session");
  assert.equal(await btn.count(), 1, `«Kết thúc phiên» on ${where}`);
  assert.ok(await btn.isVisible(), `«Kết thúc phiên» visible on ${where}`);
  assert.equal((await btn.textContent()).trim(), "Kết thúc phiên");
}

/** Presses «Kết thúc phiên» and «Kết thúc phiên» again in the confirmation. */
async function endByButton(app) {
  await app.page.click("#btn-end-session");
  await app.page.locator("#end-confirm").waitFor();
  await app.page.click("#btn-end-confirm");
  await expectScreen(app, "home");
  await expectText(app, "#session-ended", ENDED);
}

/** A keydown sent to `selector` (or the page's body): whether the app prevented it. */
function keyPrevented(page, init, selector = null) {
  return page.evaluate(
    ([init, sel]) => {
      const el = sel ? document.querySelector(sel) : document.body;
      if (sel) el.focus();
      const e = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
      el.dispatchEvent(e);
      return e.defaultPrevented;
    },
    [init, selector],
  );
}

const BLOCKED = [
  ["F5", { key: "F5", code: "F5" }],
  ["Ctrl+R", { key: "r", code: "KeyR", ctrlKey: true }],
  ["Ctrl+Shift+R", { key: "R", code: "KeyR", ctrlKey: true, shiftKey: true }],
  ["Cmd+R", { key: "r", code: "KeyR", metaKey: true }],
  ["Ctrl+P", { key: "p", code: "KeyP", ctrlKey: true }],
  ["Cmd+P", { key: "p", code: "KeyP", metaKey: true }],
  ["Ctrl+S", { key: "s", code: "KeyS", ctrlKey: true }],
  ["Ctrl+O", { key: "o", code: "KeyO", ctrlKey: true }],
  ["Ctrl++", { key: "+", code: "Equal", ctrlKey: true, shiftKey: true }],
  ["Ctrl+=", { key: "=", code: "Equal", ctrlKey: true }],
  ["Ctrl+-", { key: "-", code: "Minus", ctrlKey: true }],
  ["Ctrl+0", { key: "0", code: "Digit0", ctrlKey: true }],
  ["Cmd+=", { key: "=", code: "Equal", metaKey: true }],
  ["Ctrl+numpad +", { key: "+", code: "NumpadAdd", ctrlKey: true }],
  ["F12", { key: "F12", code: "F12" }],
  ["Ctrl+Shift+I", { key: "I", code: "KeyI", ctrlKey: true, shiftKey: true }],
  ["Ctrl+Shift+J", { key: "J", code: "KeyJ", ctrlKey: true, shiftKey: true }],
  ["Ctrl+Shift+C", { key: "C", code: "KeyC", ctrlKey: true, shiftKey: true }],
  ["Ctrl+U", { key: "u", code: "KeyU", ctrlKey: true }],
  ["Alt+Left", { key: "ArrowLeft", code: "ArrowLeft", altKey: true }],
  ["Alt+Right", { key: "ArrowRight", code: "ArrowRight", altKey: true }],
  ["BrowserBack", { key: "BrowserBack", code: "BrowserBack" }],
  ["BrowserForward", { key: "BrowserForward", code: "BrowserForward" }],
  ["F11", { key: "F11", code: "F11" }],
  ["Backspace outside a field", { key: "Backspace", code: "Backspace" }],
];

/** Editing keys that must keep working in a field. */
const EDITING = [
  ["Backspace", { key: "Backspace", code: "Backspace" }],
  ["Ctrl+A", { key: "a", code: "KeyA", ctrlKey: true }],
  ["Ctrl+C", { key: "c", code: "KeyC", ctrlKey: true }],
  ["Ctrl+V", { key: "v", code: "KeyV", ctrlKey: true }],
  ["Ctrl+X", { key: "x", code: "KeyX", ctrlKey: true }],
  ["Ctrl+Z", { key: "z", code: "KeyZ", ctrlKey: true }],
  ["Ctrl+Shift+Z", { key: "Z", code: "KeyZ", ctrlKey: true, shiftKey: true }],
  ["a", { key: "a", code: "KeyA" }],
  ["ă (Vietnamese)", { key: "ă", code: "KeyA" }],
  ["Left", { key: "ArrowLeft", code: "ArrowLeft" }],
  ["Home", { key: "Home", code: "Home" }],
  ["Tab", { key: "Tab", code: "Tab" }],
  ["Enter", { key: "Enter", code: "Enter" }],
  ["Escape", { key: "Escape", code: "Escape" }],
];

/** Every visible control smaller than 44×44 CSS px, and how many were measured. */
function measureTargets(page) {
  return page.evaluate(() => {
    const sel = 'button, a[href], input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const shown = [...document.querySelectorAll(sel)].filter(
      (el) => el.getClientRects().length > 0 && !el.closest(".visually-hidden") && getComputedStyle(el).visibility !== "hidden",
    );
    const small = shown
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`, w: Math.round(r.width), h: Math.round(r.height) };
      })
      .filter((x) => x.w < 44 || x.h < 44);
    return { measured: shown.length, small };
  });
}

async function expectLargeTargets(app, where) {
  const { measured, small } = await measureTargets(app.page);
  assert.ok(measured >= 3, `controls measured on ${where}`);
  assert.deepEqual(small, [], `targets under 44×44 on ${where}`);
}

describe("kiosk: «Kết thúc phiên»", () => {
  test("the button is in the header of every screen in kiosk mode, without «Đăng xuất»", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page, shell } = app;
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("kiosk")), true);
    await expectEndButton(app, "home");
    await toSigninChoice(app);
    await expectEndButton(app, "signin-choice");
    await page.click("#btn-signin-portal");
    await expectScreen(app, "credentials");
    await expectEndButton(app, "credentials");
    await page.click("#btn-home");
    await expectScreen(app, "home");
    await toCode(app);
    await expectEndButton(app, "code");
    await page.fill("#otp", "123456");
    await page.click("#btn-submit-code");
    await expectScreen(app, "enter-cccd");
    await expectEndButton(app, "enter-cccd");
    assert.equal(await page.locator("#btn-sign-out").count(), 0, "no «Đăng xuất» on a kiosk");
    await page.click("#btn-skip");
    await expectScreen(app, "dossiers");
    await expectEndButton(app, "dossiers");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await expectEndButton(app, "dossier-detail");
    await page.click("#btn-home");
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    await expectEndButton(app, "personal");
    await page.click("#btn-identity-open");
    await expectScreen(app, "identity");
    await expectEndButton(app, "identity");
    await page.click("#btn-home");
    shell.failNext("dossiers", "maintenance");
    await page.click("#task-dossiers");
    await expectScreen(app, "error", "Hệ thống đang bảo trì");
    await expectEndButton(app, "error");
    await page.click("#btn-home");
    await expectScreen(app, "home");
    await expectEndButton(app, "home, signed in");
    assert.equal(await page.locator("#btn-sign-out").count(), 0, "no «Đăng xuất» on a kiosk");
    await app.done("kiosk end button on every screen");
  });

  test("the button is there while VNeID waits, and in English", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page } = app;
    await toVneidWaiting(app);
    await expectEndButton(app, "vneid-waiting");
    await page.click("#lang-toggle");
    await expectScreen(app, "vneid-waiting", "Waiting for the VNeID sign-in");
    await expectText(app, "#btn-end-session", "End session", { exact: true });
    await app.done();
  });

  test("no «Kết thúc phiên» in laptop mode; «Đăng xuất» as before", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page } = app;
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("kiosk")), false);
    assert.equal(await page.locator("#btn-end-session").count(), 0);
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    assert.equal(await page.locator("#btn-end-session").count(), 0);
    assert.equal(await page.locator("#btn-sign-out").count(), 1);
    await page.click("#btn-sign-out");
    await expectScreen(app, "home");
    assert.equal(app.shell.count("sign_out"), 1);
    assert.equal(app.shell.count("end_session"), 0);
    await app.done();
  });

  test("the confirmation: an alert dialog with focus inside and kept there; Esc and «Quay lại» cancel", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.focus("#btn-end-session");
    await page.keyboard.press("Enter");
    const dialog = page.locator("#end-confirm");
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute("role"), "alertdialog");
    assert.equal(await dialog.getAttribute("aria-modal"), "true");
    await expectText(app, "#end-confirm-title", "Kết thúc phiên làm việc?", { exact: true });
    await expectText(app, "#end-confirm-desc", "Thông tin của bạn sẽ được xoá khỏi máy này");
    assert.equal(
      await page.evaluate(() => document.getElementById(document.getElementById("end-confirm").getAttribute("aria-labelledby")).textContent),
      "Kết thúc phiên làm việc?",
    );
    await expectText(app, "#btn-end-confirm", "Kết thúc phiên", { exact: true });
    await expectText(app, "#btn-end-cancel", "Quay lại", { exact: true });
    assert.equal(await focusedId(app), "btn-end-cancel", "focus on the safe choice");
    await page.keyboard.press("Tab");
    assert.equal(await focusedId(app), "btn-end-confirm");
    await page.keyboard.press("Tab");
    assert.equal(await focusedId(app), "btn-end-cancel", "Tab stays in the dialog");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focusedId(app), "btn-end-confirm");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focusedId(app), "btn-end-cancel", "Shift+Tab stays in the dialog");
    await app.done("kiosk end session confirm");
    // The page behind cannot be used while it shows.
    assert.equal(await page.evaluate(() => document.elementFromPoint(5, 5)?.closest("header") !== null), false);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await focusedId(app), "btn-end-session", "focus back on the button");
    await page.click("#btn-end-session");
    await dialog.waitFor();
    await page.click("#btn-end-cancel");
    await dialog.waitFor({ state: "detached" });
    await expectScreen(app, "dossiers");
    assert.equal(shell.count("end_session"), 0, "nothing ended");
    await expectText(app, ".user-name", "Nguyễn Văn An");
  });

  test("ending: end_session({ reason: button }), then the welcome screen in the kiosk's language with the notice", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#lang-toggle");
    await expectScreen(app, "home", "What would you like to do?");
    await emit(app, "app://notice", { level: "info", message: "Liên kết đã mở." });
    await page.locator(".notice").waitFor();
    await page.click("#task-personal");
    await expectScreen(app, "personal", "Personal information");
    const infos = shell.count("app_info");
    await page.click("#btn-end-session");
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "button" });
    assert.equal(shell.count("end_session"), 1);
    assert.equal(shell.count("app_info"), infos + 1, "a fresh app_info");
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    await expectText(app, "#session-ended", ENDED);
    assert.equal(await page.getAttribute("#session-ended", "role"), "status");
    assert.equal(await focusedId(app), "screen-title");
    assert.equal(await page.locator(".userbar").count(), 0, "nobody shown as signed in");
    assert.equal(await page.locator(".notice").count(), 0, "the notices are gone");
    assert.equal(await page.locator("#end-confirm").count(), 0);
    await expectEndButton(app, "home after the end");
    await app.done("kiosk session ended notice");
    // The notice goes with the next citizen's first step.
    await toSigninChoice(app, "#task-personal");
    await page.click("#btn-home");
    await expectScreen(app, "home");
    assert.equal(await page.locator("#session-ended").count(), 0);
  });

  test("what was typed is gone: a user name typed, the session ended, the sign-in started again", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page } = app;
    await toCredentials(app);
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "Matkhau@123");
    await endByButton(app);
    await toCredentials(app);
    assert.equal(await page.inputValue("#username"), "");
    assert.equal(await page.inputValue("#password"), "");
    assert.equal(await page.getAttribute("#username", "autocomplete"), "off", "no autofill of the last user name");
    await app.done();
  });

  test("what was searched is gone: search text, status filter and the list left behind", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.fill("#dossier-search", "ket hon");
    await page.selectOption("#filter-status", "4");
    await page.selectOption("#sort-order", "oldest_first");
    await expectText(app, "#dossier-count", "Tìm thấy");
    await endByButton(app);
    // The same person comes back: signed in again, a new sync filled the cache.
    shell.signIn("nguyenvanan", "portal_account");
    shell.cached = shell.dossierCount;
    shell.syncState = { state: "done", done: 45, total: 45, last_synced_at: SYNCED_AT, offline: false, problem: null };
    await emit(app, "session://changed", shell.session());
    await expectText(app, ".user-name", "Nguyễn Văn An");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    assert.equal(await page.inputValue("#dossier-search"), "");
    assert.equal(await page.inputValue("#filter-status"), "");
    assert.equal(await page.inputValue("#sort-order"), "newest_first");
    assert.deepEqual(shell.last("dossiers").args.query, {
      text: "",
      statuses: [],
      from: null,
      to: null,
      order: "newest_first",
      offset: 0,
      limit: 20,
    });
    await expectText(app, "#dossier-count", "45 hồ sơ");
    await app.done();
  });

  test("ending while an action waits: its answer never comes back on screen", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    const release = shell.holdNext("dossiers");
    await page.click("#task-dossiers");
    await page.locator("#task-dossiers[aria-busy]").waitFor();
    await page.click("#btn-end-session");
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    release();
    await expectText(app, "#session-ended", ENDED);
    await page.click("#task-dossiers");
    await expectScreen(app, "signin-choice");
    await app.done();
  });

  test("end_session failing still brings back the cleared welcome screen", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    shell.failNext("end_session", "error", "Không xoá được bộ nhớ đệm.");
    await page.click("#btn-end-session");
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    await expectText(app, "#session-ended", ENDED);
    assert.equal(await page.locator(".userbar").count(), 0);
    assert.equal(shell.count("end_session"), 1);
    await app.done();
  });
});

describe("kiosk: lock-down", () => {
  test("reload, print, save, zoom, tools, history and F11 keys are blocked; typing in a field works", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page } = app;
    await toCredentials(app);
    for (const [name, init] of BLOCKED) {
      assert.equal(await keyPrevented(page, init), true, `${name} is blocked`);
    }
    for (const [name, init] of BLOCKED.filter(([n]) => !n.startsWith("Backspace"))) {
      assert.equal(await keyPrevented(page, init, "#username"), true, `${name} is blocked in a field too`);
    }
    for (const [name, init] of EDITING) {
      assert.equal(await keyPrevented(page, init, "#username"), false, `${name} works in a field`);
    }
    assert.equal(await keyPrevented(page, { key: "Backspace", code: "Backspace" }, "#password"), false);
    // Real typing.
    await page.click("#username");
    await page.keyboard.type("tranthibinhx");
    await page.keyboard.press("Backspace");
    assert.equal(await page.inputValue("#username"), "tranthibinh");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("nguyenvanan");
    assert.equal(await page.inputValue("#username"), "nguyenvanan", "Ctrl+A selected everything");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+X");
    assert.equal(await page.inputValue("#username"), "", "Ctrl+X cut it");
    await page.keyboard.press("Control+V");
    assert.equal(await page.inputValue("#username"), "nguyenvanan", "Ctrl+V pasted it");
    // Zoom with Ctrl+wheel; a plain wheel still scrolls.
    const wheel = (ctrlKey) =>
      page.evaluate((ctrl) => {
        const e = new WheelEvent("wheel", { bubbles: true, cancelable: true, deltaY: -100, ctrlKey: ctrl });
        document.body.dispatchEvent(e);
        return e.defaultPrevented;
      }, ctrlKey);
    assert.equal(await wheel(true), true, "Ctrl+wheel is blocked");
    assert.equal(await wheel(false), false, "the wheel scrolls");
    await app.done();
  });

  test("the context menu is blocked in kiosk mode only", async (t) => {
    const contextMenu = (page) =>
      page.evaluate(() => {
        const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 });
        document.querySelector("#screen-title").dispatchEvent(e);
        return e.defaultPrevented;
      });
    const onKiosk = await openApp(env, t, kiosk());
    assert.equal(await contextMenu(onKiosk.page), true, "blocked on a kiosk");
    await onKiosk.page.close();
    const onLaptop = await openApp(env, t, new FakeShell());
    assert.equal(await contextMenu(onLaptop.page), false, "left alone on a laptop");
    for (const [name, init] of BLOCKED) {
      assert.equal(await keyPrevented(onLaptop.page, init), false, `${name} left alone on a laptop`);
    }
    await onLaptop.done();
  });

  test("every button, link and field is at least 44×44 px in kiosk mode", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page } = app;
    await expectLargeTargets(app, "home");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.fill("#dossier-search", "dang ky");
    await page.locator("#btn-clear-filters:not([hidden])").waitFor();
    await expectLargeTargets(app, "dossiers, searching");
    await page.click("#filter-from");
    await page.locator('.keypad[data-for="filter-from"]').waitFor({ state: "visible" });
    await page.fill("#filter-from", "31/02/2024");
    await page.locator("#filter-from-error").waitFor({ state: "visible" });
    await expectLargeTargets(app, "dossiers, a date with its pad and its message");
    await page.click("#btn-clear-filters");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await expectLargeTargets(app, "dossier-detail");
    await page.click("#btn-home");
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await expectLargeTargets(app, "identity");
    await page.click("#btn-end-session");
    await page.locator("#end-confirm").waitFor();
    await expectLargeTargets(app, "the end confirmation");
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    await expectText(app, "#session-ended", ENDED);
    await expectLargeTargets(app, "home after the end");
    await toEnterCccd(app, "tranthibinh");
    await expectLargeTargets(app, "enter-cccd");
    await app.done();
  });

  test("targets stay at least 44×44 px on a small portrait kiosk screen", async (t) => {
    const app = await openApp(env, t, kiosk(), { viewport: { width: 600, height: 1000 } });
    const { page } = app;
    await expectLargeTargets(app, "home");
    await toCredentials(app);
    await expectLargeTargets(app, "credentials");
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "Matkhau@123");
    await page.click("#btn-submit-password");
    await expectScreen(app, "code");
    await expectLargeTargets(app, "code");
    await page.click("#btn-home");
    await toVneidWaiting(app);
    await expectLargeTargets(app, "vneid-waiting");
    await app.done();
  });
});
