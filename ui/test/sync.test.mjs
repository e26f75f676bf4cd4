// The saved copy of Hồ sơ đã nộp and its sync: `sync://progress` moves the bar and the list
// follows (at most every 400 ms, and once more at the end), «Dừng tải», «Tải tiếp», «Cập nhật»
// and «Thử lại» call `sync`, the offline banner says when the data shown was saved, an empty
// cache while loading is not "no dossiers"; the detail and Thông tin định danh say when they
// show a saved copy.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  FakeShell,
  SYNCED_AT,
  barrier,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
} from "./support/harness.mjs";
import { emit } from "./support/flows.mjs";

const env = setup({ before, after });

async function toDossiers(app) {
  await app.page.click("#task-dossiers");
  await expectScreen(app, "dossiers");
  await app.page.waitForFunction(() => document.querySelector("#sync-status[data-sync-state]") !== null);
  await barrier(app);
}

async function syncState(app, state) {
  await app.page.locator(`#sync-status[data-sync-state="${state}"]`).waitFor();
}

/** 1.200 dossiers, `done` of them in the cache, a first sync running. */
const running = (done = 0, total = null) =>
  new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200, cached: done, sync: { state: "running", done, total, last_synced_at: null } });

describe("sync", () => {
  test("progress moves the bar and the list follows; the end shows every dossier", async (t) => {
    const shell = running();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await syncState(app, "running");
    assert.equal(await page.getAttribute("#sync-status", "aria-live"), "polite");
    // Nothing saved yet, while loading: say it is loading, not that there are no dossiers.
    await expectText(app, "#dossiers-loading", "Đang tải hồ sơ của bạn từ Cổng Dịch vụ công.");
    assert.equal(await page.locator("#dossiers-none").count(), 0);
    assert.equal(await page.isVisible("#dossier-search"), false, "nothing to search yet");
    assert.equal(await page.getAttribute("#sync-progress", "value"), null, "no total yet: indeterminate");
    await expectText(app, "#sync-status", "Đang tải hồ sơ…");
    await expectText(app, "#btn-sync-cancel", "Dừng tải", { exact: true });
    await app.done("sync running empty");

    await emit(app, "sync://progress", shell.syncProgress(400, 1200));
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 400 / 1.200");
    assert.deepEqual(
      await page.$eval("#sync-progress", (p) => [p.value, p.max]),
      [400, 1200],
    );
    await expectText(app, "#dossier-count", "400 hồ sơ · Đang hiển thị 20 trên 400 hồ sơ");
    assert.equal(await page.locator("[data-dossier-code]").count(), 20);
    assert.equal(await page.isVisible("#dossier-search"), true);
    await app.done("sync running 400 of 1200");

    // Many pages at once: the list is read again a few times, not at every page.
    const calls = shell.count("dossiers");
    await page.evaluate(async (views) => {
      for (const view of views) await window.__emit("sync://progress", view);
    }, [500, 600, 700, 800, 900, 1000, 1100].map((n) => shell.syncProgress(n, 1200)));
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 1.100 / 1.200");
    await expectText(app, "#dossier-count", "1.100 hồ sơ");
    assert.ok(shell.count("dossiers") - calls <= 3, `${shell.count("dossiers") - calls} reads for 7 pages`);

    await emit(app, "sync://progress", shell.syncDone("16/03/2026 10:05"));
    await syncState(app, "done");
    await expectText(app, "#sync-status", "Đã cập nhật lúc 16/03/2026 10:05");
    await expectText(app, "#btn-sync-start", "Cập nhật", { exact: true });
    await expectText(app, "#dossier-count", "1.200 hồ sơ · Đang hiển thị 20 trên 1.200 hồ sơ, mới nhất ở trên.", { exact: true });
    assert.equal(await page.locator("#sync-progress").count(), 0);
    const text = await page.textContent("main");
    assert.ok(text.includes("1.200"));
    await app.done("sync done");
  });

  test("«Dừng tải», «Tải tiếp» and «Cập nhật» call sync and show its answer", async (t) => {
    const shell = running(300, 1200);
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await syncState(app, "running");
    await page.click("#btn-sync-cancel");
    await syncState(app, "cancelled");
    assert.deepEqual(shell.last("sync").args, { action: "cancel" });
    await expectText(app, "#sync-status", "Đã dừng tải. Danh sách có thể chưa đầy đủ.");
    await expectText(app, "#btn-sync-start", "Tải tiếp", { exact: true });
    assert.equal(await focusedId(app), "btn-sync-start", "focus on the button that replaced the one pressed");
    await expectText(app, "#dossier-count", "300 hồ sơ");
    await app.done("sync cancelled");
    await page.click("#btn-sync-start");
    await syncState(app, "running");
    assert.deepEqual(shell.last("sync").args, { action: "start" });
    assert.equal(await focusedId(app), "btn-sync-cancel");
    await emit(app, "sync://progress", shell.syncDone());
    await syncState(app, "done");
    assert.equal(await focusedId(app), "btn-sync-start", "focus follows the region's button");
    const starts = shell.count("sync");
    await page.click("#btn-sync-start");
    await syncState(app, "running");
    assert.equal(shell.count("sync"), starts + 1);
    assert.deepEqual(shell.last("sync").args, { action: "start" });
  });

  test("a failed «Dừng tải» says why, next to the sync status", async (t) => {
    const shell = running(300, 1200);
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    shell.failNext("sync", "unreachable");
    await page.click("#btn-sync-cancel");
    await expectText(app, '[data-screen="dossiers"] [role="alert"]', "Kết nối tới Cổng Dịch vụ công thất bại.");
    await syncState(app, "running");
    await page.click("#btn-retry");
    await syncState(app, "cancelled");
    await app.done();
  });

  test("offline: the banner says when the data was saved; «Thử lại» starts again", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    shell.syncOffline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await syncState(app, "failed");
    assert.equal(await page.getAttribute("#offline-banner", "role"), "status");
    await expectText(
      app,
      "#offline-banner",
      `Không kết nối được với Cổng Dịch vụ công. Bạn đang xem dữ liệu đã lưu lúc ${SYNCED_AT}.`,
    );
    await expectText(app, "#btn-sync-retry", "Thử lại", { exact: true });
    // The saved copy still answers.
    await expectText(app, "#dossier-count", "1.200 hồ sơ");
    await page.fill("#dossier-search", "ket hon");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    await app.done("sync offline banner");

    await page.click("#lang-toggle");
    await expectScreen(app, "dossiers", "Submitted dossiers");
    await expectText(app, "#offline-banner", `Could not connect to the National Public Service Portal. You are seeing the data saved at ${SYNCED_AT}.`);
    await expectText(app, "#btn-sync-retry", "Try again", { exact: true });
    await page.click("#lang-toggle");
    await expectScreen(app, "dossiers");

    await page.click("#btn-sync-retry");
    await syncState(app, "running");
    assert.deepEqual(shell.last("sync").args, { action: "start" });
    assert.equal(await page.locator("#offline-banner").count(), 0);
    // The network goes again in the middle of a run.
    await emit(app, "sync://progress", shell.syncOffline());
    await page.locator("#offline-banner").waitFor();
    await emit(app, "sync://progress", shell.syncDone());
    await syncState(app, "done");
    assert.equal(await page.locator("#offline-banner").count(), 0);
  });

  test("offline with nothing saved, and a failure that is not the network", async (t) => {
    const shell = running(0, null);
    shell.syncOffline();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await expectText(app, "#offline-banner .box-body > p", "Không kết nối được với Cổng Dịch vụ công. Chưa có dữ liệu đã lưu trên máy.", {
      exact: true,
    });
    await expectText(app, "#dossiers-none", "Chưa có hồ sơ nào được lưu trên máy.");
    assert.equal(await page.locator("#dossiers-loading").count(), 0);
    await app.done("sync offline nothing saved");
    await page.click("#btn-sync-retry");
    await syncState(app, "running");
    await page.locator("#dossiers-loading").waitFor();
    const problem = { code: "maintenance", message: shell.m("maintenance") };
    shell.cached = 200;
    shell.syncState = { ...shell.syncState, state: "failed", offline: false, problem };
    await emit(app, "sync://progress", shell.syncView());
    await syncState(app, "failed");
    await expectText(app, "#sync-status", "Chưa tải xong hồ sơ");
    await expectText(app, "#sync-status", "Hệ thống đang bảo trì.");
    assert.equal(await page.locator("#offline-banner").count(), 0);
    await expectText(app, "#btn-sync-retry", "Thử lại", { exact: true });
    await expectText(app, "#dossier-count", "200 hồ sơ");
    await app.done("sync failed maintenance");
  });

  test("never synced: a short note with a start button", async (t) => {
    const shell = new FakeShell({
      signedIn: "nguyenvanan",
      cached: 0,
      sync: { state: "never", done: 0, total: null, last_synced_at: null },
    });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await syncState(app, "never");
    await expectText(app, "#sync-status", "Chưa tải hồ sơ từ Cổng Dịch vụ công.");
    await page.locator("#dossiers-loading").waitFor();
    await page.click("#btn-sync-start");
    await syncState(app, "running");
    assert.deepEqual(shell.last("sync").args, { action: "start" });
    await app.done();
  });

  test("a sync that moved on before the screen listened is caught up", async (t) => {
    const shell = running(100, 1200);
    const app = await openApp(env, t, shell);
    const { page } = app;
    const release = shell.holdNext("sync_view");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 100 / 1.200");
    // Pages arrived between the list's answer and the listener.
    shell.syncProgress(700, 1200);
    release();
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 700 / 1.200");
    await expectText(app, "#dossier-count", "700 hồ sơ");
    await app.done();
  });

  test("leaving the screen stops listening", async (t) => {
    const shell = running(100, 1200);
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.click("#btn-home");
    await expectScreen(app, "home");
    await barrier(app);
    const calls = shell.count("dossiers");
    await emit(app, "sync://progress", shell.syncProgress(500, 1200));
    await emit(app, "sync://progress", shell.syncDone());
    await barrier(app);
    assert.equal(shell.count("dossiers"), calls, "no list read after leaving");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await syncState(app, "done");
    await expectText(app, "#dossier-count", "1.200 hồ sơ");
    await app.done();
  });

  test("the list keeps focus on its dossier while it refreshes", async (t) => {
    const shell = running(400, 1200);
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    const third = await page.getAttribute("[data-dossier-code] >> nth=2", "data-dossier-code");
    await page.focus(`[data-dossier-code="${third}"]`);
    await emit(app, "sync://progress", shell.syncProgress(800, 1200));
    await expectText(app, "#dossier-count", "800 hồ sơ");
    await emit(app, "sync://progress", shell.syncDone());
    await expectText(app, "#dossier-count", "1.200 hồ sơ");
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("data-dossier-code")),
      third,
      "focus stays on the same dossier",
    );
    await app.done();
  });
});

describe("saved copies", () => {
  test("the detail says when its saved copy was brought up to date", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    assert.equal(await page.locator("#dossier-as-of").count(), 0, "read from the portal just now: no note");
    await page.click("#btn-back");
    await expectScreen(app, "dossiers");
    shell.detailAsOf = "15/03/2026 09:30";
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await expectText(app, "#dossier-as-of", "Dữ liệu đã lưu trên máy, cập nhật lúc 15/03/2026 09:30", { exact: true });
    await app.done("detail saved copy");
    await page.click("#lang-toggle");
    await expectScreen(app, "dossier-detail", "Dossier details");
    await expectText(app, "#dossier-as-of", "Saved on this computer, last updated at 15/03/2026 09:30", { exact: true });
    await page.click("#lang-toggle");
    await expectScreen(app, "dossier-detail");
    shell.detailAsOf = "";
    await page.click("#btn-back");
    await expectScreen(app, "dossiers");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await expectText(app, "#dossier-as-of", "Dữ liệu đã lưu trên máy", { exact: true });
  });

  test("Thông tin định danh offline: the banner with the saved time, and «Thử lại»", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    shell.identityOfflineAsOf = "14/03/2026 08:00";
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    assert.equal(await page.getAttribute("#identity-offline", "role"), "status");
    await expectText(
      app,
      "#identity-offline",
      "Không kết nối được với Cổng Dịch vụ công. Thông tin dưới đây được lưu lúc 14/03/2026 08:00.",
    );
    await expectText(app, "#btn-identity-retry", "Thử lại", { exact: true });
    await expectText(app, ".details", "Nguyễn Văn An");
    await app.done("identity offline");
    const opens = shell.count("identity", "open");
    // Still offline: the banner stays, focus stays on «Thử lại».
    await page.click("#btn-identity-retry");
    await barrier(app);
    await page.waitForFunction(() => !document.querySelector("[aria-busy]"));
    assert.equal(shell.count("identity", "open"), opens + 1);
    await page.locator("#identity-offline").waitFor();
    assert.equal(await focusedId(app), "btn-identity-retry");
    // Back online.
    shell.identityOfflineAsOf = null;
    await page.click("#btn-identity-retry");
    await page.locator("#identity-offline").waitFor({ state: "detached" });
    assert.deepEqual(shell.last("identity").args.input, { event: "open" });
    await expectScreen(app, "identity");
  });
});
