// The office's audit log: «Dành cho cán bộ» on the home screen, the PIN screen (a wrong PIN, no
// PIN set on the machine), the table of sessions, the CSV export, and the PIN forgotten whenever
// the screen is left: «Đóng», «Trang chủ», the end of a kiosk session by the idle time-out.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  FakeShell,
  OFFICER_PIN,
  TEXTS,
  alerts,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
} from "./support/harness.mjs";

const env = setup({ before, after });

const PIN_TITLE = "Dành cho cán bộ";
const AUDIT_TITLE = "Nhật ký sử dụng máy";

async function toPin(app) {
  await app.page.click("#btn-officer");
  await expectScreen(app, "officer-pin", PIN_TITLE);
}

async function toAudit(app, pin = OFFICER_PIN) {
  await toPin(app);
  await app.page.fill("#officer-pin", pin);
  await app.page.click("#btn-officer-open");
  await expectScreen(app, "audit", AUDIT_TITLE);
}

/** The table's cells, row by row. */
function cells(app) {
  return app.page.evaluate(() =>
    [...document.querySelectorAll("#audit-table tbody tr")].map((tr) =>
      [...tr.cells].map((td) => td.textContent.replace(/\s+/g, " ").trim()),
    ),
  );
}

describe("audit log", () => {
  test("the right PIN opens the table of sessions", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await expectText(app, "#btn-officer", "Dành cho cán bộ", { exact: true });
    await toPin(app);
    const input = page.locator("#officer-pin");
    assert.equal(await input.getAttribute("type"), "password");
    assert.equal(await input.getAttribute("inputmode"), "numeric");
    await expectText(app, 'label[for="officer-pin"]', "Mã PIN của cán bộ", { exact: true });
    await expectText(app, "#btn-officer-open", "Mở nhật ký", { exact: true });
    assert.equal(await page.locator("#btn-back").count(), 1);
    assert.equal(await page.locator(".keypad").count(), 0, "no number pad on a laptop");
    await app.done("officer PIN screen");
    await page.fill("#officer-pin", OFFICER_PIN);
    await page.press("#officer-pin", "Enter");
    await expectScreen(app, "audit", AUDIT_TITLE);
    assert.deepEqual(shell.last("audit_open").args, { pin: OFFICER_PIN });
    await expectText(app, "#audit-table caption", "Các phiên làm việc, mới nhất ở trên", { exact: true });
    assert.deepEqual(
      await page.locator("#audit-table thead th").evaluateAll((ths) => ths.map((th) => [th.scope, th.textContent])),
      [
        ["col", "Bắt đầu"],
        ["col", "Kết thúc"],
        ["col", "Thời lượng"],
        ["col", "Kết quả"],
        ["col", "Kết thúc bởi"],
      ],
    );
    assert.deepEqual(await cells(app), [
      ["16/03/2026 10:42:05", "16/03/2026 10:47:31", "05:26", `${TEXTS.vi.audit_match_failed}, ${TEXTS.vi.audit_linked}`, TEXTS.vi.ended_button],
      ["16/03/2026 10:15:00", "16/03/2026 10:19:12", "04:12", TEXTS.vi.audit_vneid_signed_in, TEXTS.vi.ended_timeout],
      // A session the app did not see end: the UI's own words, not the shell's label.
      ["16/03/2026 09:58:40", "Không có", "Không có", TEXTS.vi.audit_skipped, "Ứng dụng khởi động lại"],
      ["16/03/2026 08:02:11", "16/03/2026 09:05:13", "1:03:02", TEXTS.vi.audit_already_linked, TEXTS.vi.ended_sign_out],
      ["15/03/2026 16:30:00", "15/03/2026 16:30:45", "00:45", "Không có", TEXTS.vi.ended_timeout],
    ]);
    await expectText(app, "#audit-total", "Tổng số phiên trong nhật ký: 5.", { exact: true });
    assert.equal(await focusedId(app), "screen-title");
    await app.done("audit log table");
  });

  test("a wrong PIN: the message next to the field, which is emptied and keeps focus", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toPin(app);
    // Nothing typed: said at once, without asking the shell.
    await page.click("#btn-officer-open");
    await expectText(app, "#officer-pin-error", "Vui lòng nhập mã PIN.");
    assert.equal(shell.count("audit_open"), 0);
    await page.fill("#officer-pin", "111111");
    await page.click("#btn-officer-open");
    await expectText(app, "#officer-pin-error", TEXTS.vi.pin_wrong_4);
    assert.equal(await page.getAttribute("#officer-pin-error", "role"), "alert");
    assert.deepEqual(await alerts(app), [TEXTS.vi.pin_wrong_4]);
    assert.equal(await page.inputValue("#officer-pin"), "", "the wrong PIN is cleared");
    assert.equal(await page.getAttribute("#officer-pin", "aria-invalid"), "true");
    assert.match(await page.getAttribute("#officer-pin", "aria-describedby"), /officer-pin-error/);
    assert.equal(await focusedId(app), "officer-pin");
    await expectScreen(app, "officer-pin", PIN_TITLE);
    await app.done("officer PIN wrong");
    // Typing again goes straight into the field; the right PIN then opens the log.
    await page.keyboard.type(OFFICER_PIN);
    await page.keyboard.press("Enter");
    await expectScreen(app, "audit", AUDIT_TITLE);
  });

  test("no PIN set on the machine: says so, with only the way back", async (t) => {
    const app = await openApp(env, t, new FakeShell({ officerPin: null }));
    const { page } = app;
    await toPin(app);
    await page.fill("#officer-pin", "123456");
    await page.click("#btn-officer-open");
    await expectText(app, "#officer-not-configured", "Máy này chưa đặt mã PIN của cán bộ");
    await expectText(app, "#officer-not-configured", "Cần đặt officer_pin trong tệp cấu hình");
    assert.equal(await page.locator("#officer-pin").count(), 0, "nothing to type");
    assert.deepEqual(await page.locator("main button").evaluateAll((bs) => bs.map((b) => b.id)), ["btn-back"]);
    await app.done("officer PIN not configured");
    await page.click("#btn-back");
    await expectScreen(app, "home");
  });

  test("«Xuất tệp CSV» says where the file went; the language switch keeps the log", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toAudit(app);
    await page.click("#btn-audit-export");
    await expectText(app, "#audit-exported", "Đã lưu 5 dòng vào: /home/canbo/Tải về/dvclink-nhat-ky-20260316.csv", { exact: true });
    assert.equal(await page.getAttribute("#audit-exported", "role"), "status");
    assert.deepEqual(shell.last("audit_export").args, { pin: OFFICER_PIN });
    await app.done("audit log exported");
    // English: the screen is drawn again from what it holds, without asking for the PIN or the log.
    await page.click("#lang-toggle");
    await expectScreen(app, "audit", "Usage log of this machine");
    assert.equal(shell.count("audit_open"), 1);
    await expectText(app, "#audit-exported", "Saved 5 rows to: /home/canbo/Tải về/dvclink-nhat-ky-20260316.csv", { exact: true });
    await expectText(app, "#btn-audit-export", "Export as CSV", { exact: true });
    await page.click("#btn-audit-export");
    await expectText(app, "#audit-exported", "Saved 5 rows to:");
    assert.equal(shell.count("audit_export"), 2);
    assert.deepEqual(shell.last("audit_export").args, { pin: OFFICER_PIN });
  });

  test("«Đóng» and «Trang chủ» forget the PIN: the log asks for it again", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toAudit(app);
    await expectText(app, "#btn-audit-close", "Đóng", { exact: true });
    await page.click("#btn-audit-close");
    await expectScreen(app, "home");
    await toPin(app);
    assert.equal(await page.inputValue("#officer-pin"), "", "no PIN kept");
    await page.click("#btn-officer-open");
    await expectText(app, "#officer-pin-error", "Vui lòng nhập mã PIN.");
    assert.equal(shell.count("audit_open"), 1, "the log was not opened again");
    await page.fill("#officer-pin", OFFICER_PIN);
    await page.click("#btn-officer-open");
    await expectScreen(app, "audit", AUDIT_TITLE);
    await page.click("#btn-home");
    await expectScreen(app, "home");
    await toPin(app);
    assert.equal(await page.inputValue("#officer-pin"), "");
    // Nothing of the PIN is left in the page.
    assert.equal(await page.evaluate((pin) => document.documentElement.outerHTML.includes(pin), OFFICER_PIN), false);
  });
});

describe("audit log on a kiosk", () => {
  before(async () => {
    await env.browser.context.clock.install();
  });

  test("the log counts as in use: the idle time-out closes it and ends on the welcome screen", async (t) => {
    const app = await openApp(env, t, new FakeShell({ mode: "kiosk" }));
    const { page, shell } = app;
    await toAudit(app);
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(now + 1000);
    t.after(() => env.browser.context.clock.resume());
    await page.keyboard.press("Shift");
    await page.clock.runFor(90_000);
    await page.locator("#idle-warning").waitFor();
    await page.clock.runFor(30_000);
    await expectScreen(app, "home");
    assert.deepEqual(shell.last("end_session").args, { reason: "timeout" });
    await page.clock.runFor(1000);
    await expectText(app, "#session-ended", "Phiên làm việc đã kết thúc vì không có thao tác");
    await toPin(app);
    assert.equal(await page.inputValue("#officer-pin"), "", "asks for the PIN again");
    assert.equal(shell.count("audit_open"), 1);
  });
});
