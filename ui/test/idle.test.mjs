// The kiosk's idle time-out, on Playwright's fake clock (installed for this file's browser): the
// warning at `idle_timeout_secs - idle_warning_secs`, its countdown, «Tiếp tục», the end at zero
// with end_session({ reason: "timeout" }), a timer that wakes up late, and no timer where there is
// nothing to protect (an untouched welcome screen, a laptop). Time only moves when a test says.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { toCredentials, toSigninChoice } from "./support/flows.mjs";

const env = setup({ before, after });

const kiosk = (opts = {}) => new FakeShell({ mode: "kiosk", ...opts });

/**
 * Stops the clock a moment from now and presses a key, so the idle time counts from this exact
 * instant; the clock runs again after the test.
 */
async function freeze(app, t) {
  const { page } = app;
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1000);
  t.after(() => env.browser.context.clock.resume());
  await page.keyboard.press("Shift");
}

const warning = (app) => app.page.locator("#idle-warning");

async function expectNoWarning(app, why) {
  assert.equal(await warning(app).count(), 0, why);
}

describe("kiosk: idle time-out", () => {
  before(async () => {
    // The clock is the browser context's: every page of this file runs on it.
    await env.browser.context.clock.install();
  });

  test("the warning comes at timeout − warning seconds, counts down, and «Tiếp tục» extends", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page, shell } = app;
    await toSigninChoice(app);
    await freeze(app, t);
    await page.clock.runFor(89_999);
    await expectNoWarning(app, "not before 90 s");
    await page.clock.runFor(1);
    await warning(app).waitFor();
    assert.equal(await warning(app).getAttribute("role"), "alertdialog");
    assert.equal(await warning(app).getAttribute("aria-modal"), "true");
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 30 giây", { exact: true });
    await expectText(app, "#idle-warning-title", "Bạn còn đang sử dụng máy không?", { exact: true });
    await expectText(app, "#btn-idle-continue", "Tiếp tục", { exact: true });
    await expectText(app, "#btn-idle-end", "Kết thúc phiên", { exact: true });
    assert.equal(await focusedId(app), "btn-idle-continue");
    await app.done("kiosk idle warning");
    const live = warning(app).locator("[aria-live]");
    await page.clock.runFor(1000);
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 29 giây", { exact: true });
    assert.equal(await live.textContent(), "", "not told every second");
    await page.clock.runFor(9000);
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 20 giây", { exact: true });
    assert.equal(await live.textContent(), "Phiên sẽ kết thúc sau 20 giây", "told at 20 s");
    await page.clock.runFor(1000);
    assert.equal(await live.textContent(), "Phiên sẽ kết thúc sau 20 giây", "and not again at 19 s");
    // A stray key or touch does not dismiss it; «Tiếp tục» does.
    await page.keyboard.press("Tab");
    await page.clock.runFor(1000);
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 18 giây", { exact: true });
    await page.click("#btn-idle-continue");
    await warning(app).waitFor({ state: "detached" });
    await expectScreen(app, "signin-choice");
    assert.equal(shell.count("end_session"), 0);
    // The idle time starts again from «Tiếp tục».
    await page.clock.runFor(89_999);
    await expectNoWarning(app, "extended by a full period");
    await page.clock.runFor(1);
    await warning(app).waitFor();
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 30 giây", { exact: true });
    // Esc is «Tiếp tục» too.
    await page.keyboard.press("Escape");
    await warning(app).waitFor({ state: "detached" });
    await page.clock.runFor(60_000);
    await expectNoWarning(app, "Esc extended it");
    assert.equal(shell.count("end_session"), 0);
  });

  test("activity keeps the session going", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page, shell } = app;
    await toCredentials(app);
    await freeze(app, t);
    for (let i = 0; i < 5; i += 1) {
      await page.clock.runFor(80_000);
      await page.click("#screen-title");
      await page.clock.runFor(5_000);
      await page.focus("#username");
      await page.keyboard.type("a");
    }
    await expectNoWarning(app, "7 minutes of use without a warning");
    assert.equal(shell.count("end_session"), 0);
    assert.equal(await page.inputValue("#username"), "aaaaa");
  });

  test("no input: end_session({ reason: timeout }) and the cleared welcome screen with the notice", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.fill("#dossier-search", "ket hon");
    await expectText(app, "#dossier-count", "Tìm thấy");
    await freeze(app, t);
    await page.clock.runFor(90_000);
    await warning(app).waitFor();
    await page.clock.runFor(29_999);
    assert.equal(shell.count("end_session"), 0, "not before the end");
    await page.clock.runFor(1);
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "timeout" });
    await page.clock.runFor(1000);
    await expectText(
      app,
      "#session-ended",
      "Phiên làm việc đã kết thúc vì không có thao tác trong 2 phút. Thông tin của bạn đã được xoá khỏi máy này.",
    );
    await expectNoWarning(app, "the warning is gone");
    assert.equal(await page.locator(".userbar").count(), 0);
    assert.equal(await focusedId(app), "screen-title");
    await app.done("kiosk session ended by the time-out");
    // The fresh welcome screen has nothing to protect: no new warning, no new end.
    await page.clock.runFor(10 * 60_000);
    await expectNoWarning(app, "no warning on the fresh welcome screen");
    assert.equal(shell.count("end_session"), 1);
  });

  test("«Kết thúc phiên» in the warning ends the session at once", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await freeze(app, t);
    await page.clock.runFor(90_000);
    await warning(app).waitFor();
    await page.click("#btn-idle-end");
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "button" });
    await page.clock.runFor(1000);
    await expectText(app, "#session-ended", "Phiên làm việc đã kết thúc. Thông tin của bạn đã được xoá khỏi máy này.");
  });

  test("no warning and no time-out on an untouched welcome screen", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { shell, page } = app;
    await freeze(app, t);
    await page.clock.runFor(10 * 60_000);
    await expectNoWarning(app, "nothing to protect");
    assert.equal(shell.count("end_session"), 0);
  });

  test("the welcome screen with someone signed in is protected", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page } = app;
    await freeze(app, t);
    await page.clock.runFor(90_000);
    await warning(app).waitFor();
    await expectScreen(app, "home");
  });

  test("the welcome screen after leaving it is protected (the language was changed)", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page, shell } = app;
    await page.click("#lang-toggle");
    await expectScreen(app, "home", "What would you like to do?");
    await freeze(app, t);
    await page.clock.runFor(90_000);
    await warning(app).waitFor();
    await expectText(app, "#idle-countdown", "The session will end in 30 seconds", { exact: true });
    await page.clock.runFor(30_000);
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "timeout" });
    assert.equal(await page.getAttribute("html", "lang"), "vi", "back to the kiosk's language");
  });

  test("times come from app_info; a timer that wakes up late still ends on time", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan", idleTimeout: 300, idleWarning: 60 }));
    const { page, shell } = app;
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    await freeze(app, t);
    await page.clock.runFor(239_999);
    await expectNoWarning(app, "not before 240 s");
    await page.clock.runFor(1);
    await warning(app).waitFor();
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 1 phút", { exact: true });
    await page.clock.runFor(1000);
    await expectText(app, "#idle-countdown", "Phiên sẽ kết thúc sau 59 giây", { exact: true });
    await page.click("#btn-idle-continue");
    await warning(app).waitFor({ state: "detached" });
    // The machine sleeps for ten minutes: the one timer that fires on waking ends the session.
    await page.clock.fastForward(10 * 60_000);
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "timeout" });
    await page.clock.runFor(1000);
    await expectText(app, "#session-ended", "không có thao tác trong 5 phút");
  });

  test("no timer in laptop mode", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    await freeze(app, t);
    await page.clock.runFor(60 * 60_000);
    await expectNoWarning(app, "a laptop has no time-out");
    assert.equal(shell.count("end_session"), 0);
    await expectScreen(app, "personal");
    await expectText(app, ".user-name", "Nguyễn Văn An");
  });
});
