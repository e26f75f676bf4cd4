// Failures as the contract says: unreachable and maintenance offer «Thử lại» and keep what was
// typed; session_expired and not_signed_in go back to the sign-in choice with the same task;
// refused reloads the view; app://notice shows a banner. Every wait shows progress and a second
// click does nothing.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, alerts, barrier, expectScreen, expectText, openApp, setup } from "./support/harness.mjs";
import { emit, toCode, toCredentials, toEnterCccd } from "./support/flows.mjs";

const env = setup({ before, after });

describe("errors", () => {
  test("unreachable on sign-in: the message, «Thử lại», and what was typed is kept", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCredentials(app);
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "Matkhau@123");
    shell.failNext("wizard", "unreachable");
    await page.click("#btn-submit-password");
    await expectText(app, '[data-screen="credentials"] [role="alert"]', "Kết nối tới Cổng Dịch vụ công thất bại.");
    await page.locator("#btn-retry").waitFor();
    await expectText(app, "#btn-retry", "Thử lại", { exact: true });
    assert.equal(await page.inputValue("#username"), "tranthibinh");
    assert.equal(await page.inputValue("#password"), "Matkhau@123");
    assert.equal(await page.isDisabled("#btn-submit-password"), false, "the form can be sent again");
    await app.done();
    await page.click("#btn-retry");
    await expectScreen(app, "code");
    assert.equal(shell.count("wizard", "submit_password"), 2);
    assert.deepEqual(await alerts(app), [], "the message is gone");
  });

  test("a network problem inside the view (enter-cccd) keeps the number and retries it", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toEnterCccd(app);
    await page.fill("#cccd", "0791 9000 4321");
    shell.queue("wizard", () => {
      shell.wiz.input = "0791 9000 4321";
      shell.wiz.problem = { code: "maintenance", key: "maintenance" };
      return shell.wizardView();
    });
    await page.click("#btn-update-cccd");
    await expectText(app, '[data-screen="enter-cccd"] [role="alert"]', "Hệ thống đang bảo trì.");
    assert.equal(await page.inputValue("#cccd"), "0791 9000 4321");
    await page.click("#btn-retry");
    await expectScreen(app, "dossiers");
    await expectText(app, "#landing-notice", "đã được liên kết với số CCCD");
    await app.done();
  });

  test("maintenance while loading a task: the error screen, then «Thử lại» loads it", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    shell.failNext("dossiers", "maintenance");
    await page.click("#task-dossiers");
    await expectScreen(app, "error", "Hệ thống đang bảo trì");
    assert.deepEqual(await alerts(app), [shell.m("maintenance")]);
    await app.done();
    await page.click("#btn-retry");
    await expectScreen(app, "dossiers");
  });

  test("unreachable while paging keeps the list and retries the page", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    shell.failNext("dossiers", "unreachable");
    await page.click("#btn-more");
    await expectText(app, '[data-screen="dossiers"] [role="alert"]', "Kết nối tới Cổng Dịch vụ công thất bại.");
    assert.equal(await page.locator("[data-dossier-code]").count(), 20);
    await page.click("#btn-retry");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 40);
    assert.deepEqual(await alerts(app), []);
    await app.done();
  });

  test("session_expired goes back to the sign-in choice with the same task", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    shell.failNext("dossier", "session_expired");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "signin-choice");
    await expectText(app, '[data-screen="signin-choice"] [role="alert"]', "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.");
    await expectText(app, ".lead", "Để xem «Hồ sơ đã nộp»");
    assert.equal(await page.locator("#btn-sign-out").count(), 0, "the header shows nobody signed in");
    await app.done();
    await page.click("#btn-signin-portal");
    await expectScreen(app, "credentials");
    assert.deepEqual(shell.last("wizard").args.input, {
      event: "start",
      task: { kind: "submitted_dossiers" },
    });
  });

  test("not_signed_in on a task from home goes to the choice with that task", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    shell.failNext("identity", "not_signed_in");
    await page.click("#task-identity");
    await expectScreen(app, "signin-choice");
    await expectText(app, ".lead", "Để xem «Thông tin định danh»");
    await page.click("#btn-signin-vneid");
    await expectScreen(app, "vneid-waiting");
    assert.deepEqual(shell.last("vneid").args.input, { event: "start", task: { kind: "identity_info" } });
    await app.done();
  });

  test("refused reloads the current view", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toCode(app);
    shell.failNext("wizard", "refused", shell.m("refused"));
    await page.fill("#otp", "123456");
    await page.click("#btn-submit-code");
    await barrier(app);
    await page.waitForFunction(() => !document.querySelector("[aria-busy]"));
    assert.equal(shell.count("wizard_view"), 1, "the view is asked for again");
    await expectScreen(app, "code");
    assert.deepEqual(await alerts(app), []);
    await app.done();
  });

  test("a wait shows a spinner and words, and a second click does nothing", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toCredentials(app);
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "Matkhau@123");
    const release = shell.holdNext("wizard");
    await page.click("#btn-submit-password");
    await page.locator("#btn-submit-password[aria-busy] .spinner").waitFor();
    await expectText(app, "#btn-submit-password", "Đang đăng nhập…", { exact: true });
    assert.equal(await page.isDisabled("#btn-submit-password"), true);
    await page.click("#btn-submit-password", { force: true });
    await page.press("#password", "Enter");
    await app.done();
    await barrier(app);
    assert.equal(shell.count("wizard", "submit_password"), 1, "one call only");
    release();
    await expectScreen(app, "code");
    assert.equal(shell.count("wizard", "submit_password"), 1);
  });

  test("«Trang chủ» during a slow load: the late answer does not pull the user away", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    const release = shell.holdNext("dossiers");
    await page.click("#task-dossiers");
    await page.locator("#task-dossiers[aria-busy] .spinner").waitFor();
    await expectText(app, "#task-dossiers", "Đang tải…");
    await page.click("#btn-home");
    await expectScreen(app, "home");
    assert.equal(await page.isDisabled("#task-personal"), false);
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    release();
    await barrier(app);
    await page.click("#btn-identity-open");
    await expectScreen(app, "identity");
    assert.equal(await page.locator('[data-screen="dossiers"]').count(), 0);
    await app.done();
  });

  test("app://notice shows a banner that can be closed", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await emit(app, "app://notice", {
      level: "error",
      message: "Liên kết vừa mở không hợp lệ nên đã bị bỏ qua.",
    });
    await expectText(app, '.notices [role="alert"]', "Liên kết vừa mở không hợp lệ nên đã bị bỏ qua.");
    await app.done();
    await page.click('.notices button[aria-label="Đóng"]');
    await page.locator(".notices .box").waitFor({ state: "detached" });
    await expectScreen(app, "home");
  });

  test("notices from before the app listened are shown once", async (t) => {
    const message = "Ứng dụng được mở từ một liên kết không hợp lệ nên đã bỏ qua liên kết đó.";
    const shell = new FakeShell({ notices: [{ level: "info", message }] });
    const app = await openApp(env, t, shell);
    await expectText(app, '.notices [role="alert"]', message);
    assert.equal(await app.page.locator(".notices .box").count(), 1);
    assert.equal(shell.count("take_notices"), 1);
    await app.done();
  });

  test("the app cannot start: an error screen with «Thử lại»", async (t) => {
    const shell = new FakeShell();
    shell.failNext("app_info", "error", "Không đọc được cấu hình của ứng dụng.");
    const app = await openApp(env, t, shell, { screen: "error", title: "Đã có lỗi xảy ra" });
    assert.deepEqual(await alerts(app), ["Không đọc được cấu hình của ứng dụng."]);
    await app.done();
    await app.page.click("#btn-retry");
    await expectScreen(app, "home");
    assert.equal(shell.count("app_info"), 2);
  });
});
