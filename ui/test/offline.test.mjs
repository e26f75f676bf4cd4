// A laptop that started without a network: the official's saved copy (`SessionView.offline_as_of`)
// is open. The header says so on every screen (`#offline-session`, with the name and the time, in
// Vietnamese and English), the dossiers are searched and saved details open, what needs the portal
// (the identity update) is disabled with its reason beside it, «Thử lại» tries the kept sign-in
// again, «Đăng xuất» forgets it; when the session goes live by itself the marker goes and the
// screen reads again what it shows, the sync's progress following.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, SYNCED_AT, barrier, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { emit } from "./support/flows.mjs";

const env = setup({ before, after });

const AS_OF = "15/03/2026 09:30";
const LEAD_VI = `Ngoại tuyến — Nguyễn Văn An · bản lưu trên máy lúc ${AS_OF}`;
const HELP_VI = "Tìm kiếm hồ sơ và xem thông tin đã lưu vẫn dùng được. Những việc khác sẽ tự dùng lại được khi máy có mạng trở lại.";
const LEAD_EN = `Offline — Nguyễn Văn An · the copy saved on this computer at ${AS_OF}`;
const HELP_EN = "Searching dossiers and the saved details still work. The rest comes back by itself when the network returns.";

const offline = (opts = {}) => new FakeShell({ offlineAsOf: AS_OF, dossiers: 1200, ...opts });

async function toDossiers(app) {
  await app.page.click("#task-dossiers");
  await expectScreen(app, "dossiers");
  await app.page.waitForFunction(() => document.querySelector("#sync-status[data-sync-state]") !== null);
  await barrier(app);
}

describe("the saved copy of a laptop started without a network", () => {
  test("the header names the official and the time, on every screen, in Vietnamese and English", async (t) => {
    const app = await openApp(env, t, offline());
    const { page } = app;
    const marker = page.locator("header #offline-session");
    await marker.waitFor();
    assert.equal(await marker.getAttribute("role"), "status");
    await expectText(app, "#offline-session", `${LEAD_VI} ${HELP_VI}`, { exact: true });
    assert.equal(await page.locator(".user-name").count(), 0, "not «Đang đăng nhập»: it is a saved copy");
    await expectText(app, "#btn-sign-out", "Đăng xuất", { exact: true });
    await expectText(app, "[data-screen=home] .hint", "Máy đang ngoại tuyến: bạn đang xem bản lưu của Nguyễn Văn An trên máy này.");
    await app.done("offline session home");
    for (const [tile, screen] of [
      ["#task-dossiers", "dossiers"],
      ["#task-personal", "personal"],
      ["#task-identity", "identity"],
    ]) {
      await page.click("#btn-home");
      await page.click(tile);
      await expectScreen(app, screen);
      await expectText(app, "header #offline-session", LEAD_VI);
    }
    await page.click("#lang-toggle");
    await expectScreen(app, "identity", "Identity information");
    await expectText(app, "#offline-session", `${LEAD_EN} ${HELP_EN}`, { exact: true });
    await expectText(app, "#btn-sign-out", "Sign out", { exact: true });
    await page.click("#btn-home");
    await expectScreen(app, "home", "What would you like to do?");
    await expectText(app, "[data-screen=home] .hint", "This computer is offline: you are seeing the copy of Nguyễn Văn An saved on it.");
    await app.done("offline session home english");
  });

  test("the dossiers are searched and a saved one opens, with when it was saved", async (t) => {
    const shell = offline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    // Signed in from the saved copy: no sign-in choice on the way.
    assert.equal(shell.count("wizard") + shell.count("vneid"), 0);
    await expectText(app, "#offline-banner", `Không kết nối được với Cổng Dịch vụ công. Bạn đang xem dữ liệu đã lưu lúc ${SYNCED_AT}.`);
    await expectText(app, "#btn-sync-retry", "Thử lại", { exact: true });
    await page.fill("#dossier-search", "DANG KY");
    await expectText(app, "#dossier-count", "Tìm thấy 600 trên 1.200 hồ sơ");
    await page.fill("#filter-from", "01/01/2025");
    await expectText(app, "#dossier-count", "Tìm thấy");
    await barrier(app);
    assert.equal(shell.last("dossiers").args.query.from, "2025-01-01");
    await app.done("offline session dossiers search");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await expectText(app, "#dossier-as-of", `Dữ liệu đã lưu trên máy, cập nhật lúc ${SYNCED_AT}`, { exact: true });
    await expectText(app, "header #offline-session", LEAD_VI);
    await page.click("#btn-back");
    await expectScreen(app, "dossiers");
    assert.equal(await page.inputValue("#dossier-search"), "DANG KY");
  });

  test("a dossier the saved copy does not hold says it needs the network", async (t) => {
    const shell = offline({ dossiers: 45 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    // The saved rows went meanwhile: the card's dossier is not in the saved copy any more.
    shell.cached = 0;
    await page.locator("[data-dossier-code]").first().click();
    await expectText(app, '[data-screen="dossiers"] [role="alert"]', "Kết nối tới Cổng Dịch vụ công thất bại.");
    await expectScreen(app, "dossiers");
    await app.done("offline session dossier not saved");
  });

  test("the identity update is disabled with its reason beside it; «Thử lại» tries the kept sign-in", async (t) => {
    const shell = offline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await expectText(app, "#identity-offline", `Thông tin dưới đây được lưu lúc ${AS_OF}.`);
    await expectText(app, ".details", "Nguyễn Văn An");
    assert.equal(await page.isDisabled("#btn-identity-refresh"), true);
    const reason = "Cần có mạng để cập nhật từ CSDL Quốc gia về Dân cư. Nút này sẽ dùng được khi máy có mạng trở lại.";
    await expectText(app, "#identity-refresh-reason", reason, { exact: true });
    assert.equal(await page.isVisible("#identity-refresh-reason"), true, "said on the screen, not in a tooltip");
    assert.equal(await page.getAttribute("#btn-identity-refresh", "aria-describedby"), "identity-refresh-reason");
    await app.done("offline session identity");
    // The shell refuses the update too, as the contract says.
    const tries = shell.resumeTries;
    await page.click("#btn-identity-retry");
    await barrier(app);
    await page.waitForFunction(() => !document.querySelector("[aria-busy]"));
    assert.equal(shell.resumeTries, tries + 1, "«Thử lại» tries the kept sign-in again");
    assert.deepEqual(shell.last("identity").args.input, { event: "open" });
    await page.locator("#identity-offline").waitFor();
    assert.equal(await focusedId(app), "btn-identity-retry");
    await page.click("#lang-toggle");
    await expectScreen(app, "identity", "Identity information");
    await expectText(
      app,
      "#identity-refresh-reason",
      "Updating from the national population database needs the network. This button works again when the network returns.",
      { exact: true },
    );
    assert.equal(await page.isDisabled("#btn-identity-refresh"), true);
    // Live again: the screen reads itself again and the update is back.
    shell.goLive();
    await page.locator("#offline-session").waitFor({ state: "detached" });
    await page.locator("#identity-offline").waitFor({ state: "detached" });
    await page.waitForFunction(() => !document.querySelector("#btn-identity-refresh").disabled);
    assert.equal(await page.locator("#identity-refresh-reason").count(), 0);
    await expectText(app, ".user-name", "Signed in: Nguyễn Văn An");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-preview", "Check the details before updating");
  });

  test("«Thử lại» calls sync start; going live removes the marker and the list follows the sync", async (t) => {
    const shell = offline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#dossier-search", "ket hon");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    await page.click("#btn-sync-retry");
    await page.locator("#offline-retrying").waitFor();
    assert.deepEqual(shell.last("sync").args, { action: "start" });
    assert.equal(shell.resumeTries, 1);
    assert.equal(await page.getAttribute("#offline-retrying", "role"), "status");
    await expectText(app, "#offline-retrying", "Đang thử kết nối lại.");
    await page.waitForFunction(() => !document.querySelector("[aria-busy]"));
    assert.equal(await focusedId(app), "btn-sync-retry");
    await expectText(app, "#offline-session", LEAD_VI);
    await app.done("offline session retry");

    // The network is back: the shell signs in by itself, then the sync runs.
    const reads = shell.count("dossiers");
    shell.goLive();
    await page.locator("#offline-session").waitFor({ state: "detached" });
    await expectText(app, ".user-name", "Đang đăng nhập: Nguyễn Văn An");
    await page.locator('#sync-status[data-sync-state="running"]').waitFor();
    assert.equal(await page.locator("#offline-banner").count(), 0);
    assert.equal(await page.locator("#offline-retrying").count(), 0);
    await barrier(app);
    assert.ok(shell.count("dossiers") > reads, "the list is read again");
    assert.equal(await page.inputValue("#dossier-search"), "ket hon", "the search is kept");
    await emit(app, "sync://progress", shell.syncProgress(600));
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 600 / 1.200");
    await emit(app, "sync://progress", shell.syncDone());
    await page.locator('[data-sync-state="done"]').waitFor();
    await expectText(app, "#sync-status", "Đã cập nhật lúc 16/03/2026 10:05");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    await app.done("offline session live again");
  });

  test("the end-to-end flow: «Thử lại» once the network is back goes live by itself", async (t) => {
    const shell = offline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.locator("#offline-session").waitFor();
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await expectText(app, "#offline-banner", "Không kết nối được");
    await page.fill("#dossier-search", "DANG KY");
    await expectText(app, "#dossier-count", "Tìm thấy");
    shell.networkBack = true;
    await page.click("#btn-sync-retry");
    await page.locator("#offline-session").waitFor({ state: "detached" });
    await emit(app, "sync://progress", shell.syncDone());
    await page.locator('[data-sync-state="done"]').waitFor();
    await expectScreen(app, "dossiers");
    await app.done();
  });

  test("«Đăng xuất» forgets the saved copy", async (t) => {
    const shell = offline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.click("#btn-sign-out");
    await expectScreen(app, "home");
    assert.equal(await page.locator("#offline-session").count(), 0);
    assert.equal(await page.locator(".userbar").count(), 0);
    assert.equal(shell.count("sign_out"), 1);
    assert.equal(shell.offlineAsOf, null);
    assert.equal(shell.cached, 0, "the saved rows are gone");
    await page.click("#task-dossiers");
    await expectScreen(app, "signin-choice");
    await app.done();
  });

  test("a saved copy opened after the start shows at once; closed by the shell, home", async (t) => {
    const shell = new FakeShell({ dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    assert.equal(await page.locator("#offline-session").count(), 0);
    // The shell opened the saved copy while the page was starting.
    shell.signIn("nguyenvanan", "vneid");
    shell.offlineAsOf = AS_OF;
    await emit(app, "session://changed", shell.session());
    await expectText(app, "#offline-session", LEAD_VI);
    await expectText(app, "[data-screen=home] .hint", "Máy đang ngoại tuyến");
    await toDossiers(app);
    // VNeID refused the kept sign-in: the copy is closed.
    shell.sess = null;
    shell.offlineAsOf = null;
    await emit(app, "session://changed", null);
    await expectScreen(app, "home");
    assert.equal(await page.locator("#offline-session").count(), 0);
    await app.done();
  });
});
