// «In hướng dẫn», «In kết quả» and «In danh sách hồ sơ»: absent without a printer; with one,
// each asks Rust for its slip and says it came out; a stopped printer's message shows and the
// screen stays as it was.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FAILURE_TITLES, FakeShell, TEXTS, alerts, expectScreen, expectText, openApp, setup } from "./support/harness.mjs";
import { emit, toEnterCccd, toVneidWaiting } from "./support/flows.mjs";

const env = setup({ before, after });

async function toVneidFailed(app, code) {
  await toVneidWaiting(app);
  await emit(app, "vneid://changed", app.shell.vneidFailed(code));
  await expectScreen(app, "vneid-failed");
}

describe("printing", () => {
  test("without a printer no screen offers to print", async (t) => {
    const app = await openApp(env, t, new FakeShell({ mode: "kiosk" }));
    await toVneidFailed(app, "account_locked");
    assert.equal(await app.page.locator("#btn-print-next-step").count(), 0);
    await app.done();
  });

  test("«In hướng dẫn» prints the failure's steps and says so", async (t) => {
    const app = await openApp(env, t, new FakeShell({ mode: "kiosk", printer: true }));
    await toVneidFailed(app, "web_sign_in_not_allowed");
    await expectText(app, "#btn-print-next-step", "In hướng dẫn");
    await app.page.click("#btn-print-next-step");
    await expectText(app, "#btn-print-next-step-status", "Đã in xong");
    assert.deepEqual(app.shell.printed, [{ slip: "next_step" }]);
    await app.done("print next step");
  });

  test("a stopped printer says what to check, and the steps stay on screen", async (t) => {
    const shell = new FakeShell({ mode: "kiosk", printer: true });
    shell.printerStopped = true;
    const app = await openApp(env, t, shell);
    await toVneidFailed(app, "level_too_low");
    await app.page.click("#btn-print-next-step");
    await app.page.waitForFunction(() => document.querySelectorAll('[role="alert"]').length > 1);
    const shown = await alerts(app);
    assert.ok(
      shown.some((text) => text.startsWith(TEXTS.vi.printer_stopped)),
      JSON.stringify(shown),
    );
    assert.equal(await app.page.locator(".next-step-list li").count(), 4, "the steps are still there");
    assert.equal(await app.page.textContent("#btn-print-next-step-status"), "");
    assert.equal(await app.page.isEnabled("#btn-print-next-step"), true, "it can be pressed again");
    shell.printerStopped = false;
    await app.page.click("#btn-print-next-step");
    await expectText(app, "#btn-print-next-step-status", "Đã in xong");
    await app.done("printer stopped");
  });

  test("«In kết quả» after a match failure prints the visit", async (t) => {
    const app = await openApp(env, t, new FakeShell({ printer: true }));
    await toEnterCccd(app);
    await app.page.fill("#cccd", "079190004323");
    await app.page.click("#btn-update-cccd");
    await expectScreen(app, "match-failed", FAILURE_TITLES.mismatch_birth_date);
    await app.page.click("#btn-print-visit");
    await expectText(app, "#btn-print-visit-status", "Đã in xong");
    assert.deepEqual(app.shell.printed, [{ slip: "visit" }]);
    await app.done();
  });

  test("«In danh sách hồ sơ» prints what the list shows, at most 30", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan", printer: true }));
    await app.page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await app.page.click("#btn-print-dossiers");
    await expectText(app, "#btn-print-dossiers-status", "Đã in xong");
    const [slip] = app.shell.printed;
    assert.equal(slip.slip, "dossiers");
    assert.equal(slip.query.limit, 30);
    assert.equal(slip.query.offset, 0);
    await app.done("print dossiers");
  });
});
