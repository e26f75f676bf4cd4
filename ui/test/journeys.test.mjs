// Whole journeys: the wizard (already linked, linked, each match failure, skipped), VNeID, the
// identity update, the dossier list with paging and the detail, signing out.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  FAILURE_TITLES,
  FakeShell,
  alerts,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
} from "./support/harness.mjs";
import { emit, toCode, toEnterCccd, toVneidWaiting } from "./support/flows.mjs";

const env = setup({ before, after });

describe("wizard", () => {
  test("an account already linked lands on the task, without a notice", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCode(app, "nguyenvanan", "#task-dossiers");
    assert.deepEqual(shell.last("wizard").args.input.event, "submit_password");
    assert.deepEqual(shell.calls.find((c) => c.cmd === "wizard").args.input, {
      event: "start",
      task: { kind: "submitted_dossiers" },
    });
    await page.fill("#otp", "123456");
    await page.click("#btn-submit-code");
    await expectScreen(app, "dossiers");
    assert.equal(await page.locator("#landing-notice").count(), 0);
    await expectText(app, ".user-name", "Nguyễn Văn An");
    assert.equal(await page.isVisible("#btn-sign-out"), true);
    await app.done();
  });

  test("entering the CCCD links the account and lands on the task with a notice", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toEnterCccd(app, "tranthibinh", "#task-personal");
    await page.fill("#cccd", "0791 9000 4321");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "personal");
    assert.deepEqual(shell.last("wizard").args.input, { event: "submit_cccd", input: "0791 9000 4321" });
    await expectText(
      app,
      "#landing-notice",
      "Tài khoản của bạn đã được liên kết với số CCCD. Từ lần sau, hãy chọn «Đăng nhập qua VNeID» để đăng nhập.",
      { exact: true },
    );
    await expectText(app, '[data-screen="personal"]', "079190004321");
    await app.done();
  });

  for (const [kind, number] of [
    ["unknown_number", "079190999999"],
    ["mismatch_full_name", "079190004322"],
    ["mismatch_birth_date", "079190004323"],
    ["mismatch_sex", "079090004324"],
    ["taken", "031082001122"],
  ]) {
    test(`${kind}: its own screen, edit keeps the number, then skip`, async (t) => {
      const app = await openApp(env, t);
      const { page, shell } = app;
      await toEnterCccd(app, "tranthibinh", "#task-identity");
      await page.fill("#cccd", number);
      await page.click("#btn-update-cccd");
      await expectScreen(app, "match-failed", FAILURE_TITLES[kind]);
      assert.equal(await focusedId(app), "screen-title");
      await expectText(app, ".typed-number-value", number, { exact: true });
      const [message] = await alerts(app);
      assert.ok(message.includes(shell.m(kind)), `the shell's advice is shown: ${message}`);
      assert.ok(message.startsWith("Bạn nên làm gì tiếp theo"));
      await app.done(`journey match-failed ${kind}`);
      await page.click("#btn-edit-cccd");
      await expectScreen(app, "enter-cccd");
      assert.equal(await page.inputValue("#cccd"), number, "the number is kept to correct");
      await page.click("#btn-update-cccd");
      await expectScreen(app, "match-failed", FAILURE_TITLES[kind]);
      await page.click("#btn-skip");
      await expectScreen(app, "identity");
      await expectText(
        app,
        "#landing-notice",
        "Bạn chưa cập nhật số CCCD. Bạn có thể cập nhật sau tại Thông tin cá nhân → Thông tin định danh.",
        { exact: true },
      );
      assert.equal(shell.count("wizard", "skip"), 1);
    });
  }

  test("skipping straight away", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await toEnterCccd(app, "vuquanghuy", "#task-dossiers");
    await page.click("#btn-skip");
    await expectScreen(app, "dossiers");
    await expectText(app, "#landing-notice", "Bạn chưa cập nhật số CCCD.");
    await app.done();
  });
});

describe("vneid", () => {
  test("waiting → working → signed in: lands on the task, notice when the old account is not linked", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app, "#task-dossiers");
    assert.deepEqual(shell.last("vneid").args.input, { event: "start", task: { kind: "submitted_dossiers" } });
    await page.click("#btn-vneid-reopen");
    await expectText(app, "#vneid-url", "https://sso.dancuquocgia.gov.vn/");
    assert.equal(shell.count("vneid", "reopen"), 1);
    await emit(app, "vneid://changed", shell.vneidWorking());
    await expectScreen(app, "vneid-working");
    await expectText(app, '[data-screen="vneid-working"] [role="status"]', "VNeID đã xác nhận.");
    await emit(app, "vneid://changed", shell.vneidSignedIn(false));
    await expectScreen(app, "dossiers");
    await expectText(app, "#landing-notice", "Hồ sơ đã nộp trước đây chưa hiện ra vì tài khoản cũ chưa được liên kết.");
    await expectText(app, "#landing-notice", "hãy đăng nhập bằng tài khoản Cổng Dịch vụ công Quốc gia và cập nhật số CCCD");
    await expectText(app, '[data-screen="dossiers"]', "Bạn chưa có hồ sơ nào.");
    await expectText(app, ".user-name", "Trần Thị Bình");
    await app.done();
  });

  test("signed in with the old account linked: no notice", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app, "#task-personal");
    await emit(app, "vneid://changed", shell.vneidSignedIn(true));
    await expectScreen(app, "personal");
    assert.equal(await page.locator("#landing-notice").count(), 0);
    await expectText(app, '[data-screen="personal"]', "VNeID");
    await app.done();
  });

  test("failed → retry starts again; cancel goes back to the choice", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app, "#task-identity");
    await emit(app, "vneid://changed", shell.vneidFailed());
    await expectScreen(app, "vneid-failed");
    await expectText(app, '[role="alert"]', "Quá 10 phút chưa hoàn tất đăng nhập VNeID");
    await page.click("#btn-vneid-retry");
    await expectScreen(app, "vneid-waiting");
    assert.equal(shell.count("vneid", "start"), 2);
    assert.deepEqual(shell.last("vneid").args.input, { event: "start", task: { kind: "identity_info" } });
    await page.click("#btn-vneid-cancel");
    await expectScreen(app, "signin-choice");
    await expectText(app, ".lead", "«Thông tin định danh»");
    await app.done();
  });

  test("a sign-in finished by the link the app was started with lands on its task", async (t) => {
    const shell = new FakeShell();
    shell.vneid({ event: "start", task: { kind: "submitted_dossiers" } });
    shell.vneidSignedIn(true);
    const app = await openApp(env, t, shell, { screen: "dossiers" });
    await expectText(app, ".user-name", "Nguyễn Văn An");
    await app.done();
  });

  test("a sign-in still waiting when the app starts shows its waiting screen", async (t) => {
    const shell = new FakeShell();
    shell.vneid({ event: "start", task: { kind: "identity_info" } });
    const app = await openApp(env, t, shell, { screen: "vneid-waiting" });
    await expectText(app, "#vneid-url", "https://sso.dancuquocgia.gov.vn/");
    await app.done();
  });

  test("a quick sign-in goes from waiting straight to the task, with no progress screen between", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app);
    await page.evaluate(() => {
      const seen = [document.querySelector("[data-screen]")?.getAttribute("data-screen")];
      window.__screensSeen = seen;
      new MutationObserver(() => {
        const name = document.querySelector("[data-screen]")?.getAttribute("data-screen");
        if (name && seen.at(-1) !== name) seen.push(name);
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await emit(app, "vneid://changed", shell.vneidSignedIn(true));
    await expectScreen(app, "dossiers");
    assert.deepEqual(await page.evaluate(() => window.__screensSeen), ["vneid-waiting", "dossiers"]);
    await app.done();
  });

  test("a link that finishes a sign-in while another screen is up moves on to the task", async (t) => {
    const app = await openApp(env, t);
    const { shell } = app;
    shell.vneid({ event: "start", task: { kind: "personal_info" } });
    await emit(app, "vneid://changed", shell.vneidWorking());
    await expectScreen(app, "vneid-working");
    await emit(app, "vneid://changed", shell.vneidSignedIn(true));
    await expectScreen(app, "personal");
    await app.done();
  });

  test("an answer that arrives after the event is not shown over it", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app);
    const release = shell.holdNext("vneid");
    await page.click("#btn-vneid-reopen");
    await page.locator("#btn-vneid-reopen[aria-busy]").waitFor();
    await emit(app, "vneid://changed", shell.vneidWorking());
    await expectScreen(app, "vneid-working");
    release();
    await emit(app, "vneid://changed", shell.vneidSignedIn(true));
    await expectScreen(app, "dossiers");
    await app.done();
  });
});

describe("identity", () => {
  test("viewing → begin → preview → confirm → updated", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    assert.deepEqual(shell.last("identity").args.input, { event: "open" });
    const currentAddress = page.locator(".details-row", { hasText: "Nơi ở hiện nay" });
    assert.equal(await currentAddress.locator(".verified").count(), 0, "not verified yet");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-preview");
    assert.ok((await page.locator(".verified").count()) >= 8, "the population record is marked verified");
    await expectText(app, "#btn-identity-confirm", "Cập nhật", { exact: true });
    await app.done("identity preview");
    await page.click("#btn-identity-confirm");
    await expectScreen(app, "identity");
    await expectText(app, "#identity-notice", "Đã cập nhật thông tin định danh từ CSDL Quốc gia về Dân cư.");
    assert.equal(await page.getAttribute("#identity-notice", "role"), "status");
    assert.equal(shell.count("identity", "confirm"), 1);
    await app.done("identity updated");
    await page.click("#btn-back");
    await expectScreen(app, "personal");
  });

  test("preview → cancel changes nothing", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-preview");
    await page.click("#btn-identity-cancel");
    await expectScreen(app, "identity");
    assert.equal(await page.locator("#identity-notice").count(), 0);
    assert.equal(shell.count("identity", "cancel"), 1);
    await app.done();
  });

  test("no CCCD yet: enter, fail, edit, enter a good one, preview, confirm", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toEnterCccd(app, "tranthibinh", "#task-personal");
    await page.click("#btn-skip");
    await expectScreen(app, "personal");
    await page.click("#btn-identity-open");
    await expectScreen(app, "identity");
    await expectText(app, '[data-screen="identity"]', "Tài khoản chưa có số CCCD.");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    await page.fill("#cccd", "079190004323");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "identity-match-failed", FAILURE_TITLES.mismatch_birth_date);
    await page.click("#btn-edit-cccd");
    await expectScreen(app, "identity-enter-cccd");
    assert.equal(await page.inputValue("#cccd"), "079190004323");
    await page.fill("#cccd", "079190004321");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "identity-preview");
    await page.click("#btn-identity-confirm");
    await expectScreen(app, "identity");
    await expectText(app, "#identity-notice", "Đã cập nhật");
    await app.done();
  });
});

describe("dossiers", () => {
  test("1.200 dossiers: total with Vietnamese grouping, paging with «Xem thêm», detail and back", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 }));
    const { page, shell } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    const everything = { text: "", statuses: [], from: null, to: null, order: "newest_first" };
    assert.deepEqual(shell.last("dossiers").args, { query: { ...everything, offset: 0, limit: 20 } });
    await expectText(app, ".count", "1.200 hồ sơ · Đang hiển thị 20 trên 1.200 hồ sơ, mới nhất ở trên.", { exact: true });
    assert.equal(await page.locator("[data-dossier-code]").count(), 20);
    await page.click("#btn-more");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 40);
    assert.deepEqual(shell.last("dossiers").args, { query: { ...everything, offset: 20, limit: 20 } });
    await expectText(app, ".count", "Đang hiển thị 40 trên 1.200 hồ sơ");
    const first = await page.getAttribute("[data-dossier-code] >> nth=20", "data-dossier-code");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-dossier-code")), first,
      "focus on the first new dossier");
    // Every status has its colour family and its words («Mới đăng ký», not received yet, comes last;
    // the search tests check its colour).
    const badges = await page.$$eval(".dossier-card .badge", (els) =>
      els.map((e) => [Number(e.getAttribute("data-status")), e.className.replace("badge ", ""), e.textContent]),
    );
    const tones = { 1: "badge-new", 2: "badge-progress", 4: "badge-progress", 5: "badge-waiting", 6: "badge-waiting",
      3: "badge-stopped", 7: "badge-stopped", 8: "badge-stopped", 9: "badge-done", 10: "badge-done" };
    assert.deepEqual([...new Set(badges.map(([code]) => code))].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9, 10],
      "every status received on screen");
    for (const [code, cls, text] of badges) {
      assert.equal(cls, tones[code], `status ${code}`);
      assert.ok(text.length > 3, "a label, not colour alone");
    }
    await app.done("dossiers paged");
    const code = await page.getAttribute("[data-dossier-code] >> nth=25", "data-dossier-code");
    await page.click(`[data-dossier-code="${code}"]`);
    await expectScreen(app, "dossier-detail");
    assert.deepEqual(shell.last("dossier").args, { code });
    await expectText(app, ".detail-head", code);
    for (const words of ["Thông tin chung", "Quá trình xử lý", "Phí, lệ phí", "Giấy tờ đã nộp", "Kết quả giải quyết",
      "Số biên nhận", "Mã thủ tục", "Chủ hồ sơ", "Hình thức nộp", "Trích yếu", "Tiếp nhận hồ sơ", "Bộ phận Một cửa"]) {
      await expectText(app, '[data-screen="dossier-detail"]', words);
    }
    const times = await page.$$eval(".timeline-time", (els) => els.map((e) => e.textContent));
    assert.equal(times.length, 2, "the steps as a timeline");
    await app.done("dossier detail");
    const calls = shell.count("dossiers");
    await page.click("#btn-back");
    await expectScreen(app, "dossiers");
    assert.equal(await page.locator("[data-dossier-code]").count(), 40, "the list as it was");
    assert.equal(shell.count("dossiers"), calls, "not loaded again");
  });

  test("the last page hides «Xem thêm»", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan", dossiers: 45 }));
    const { page } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await expectText(app, "#btn-more", "Xem thêm 20 hồ sơ");
    await page.click("#btn-more");
    await expectText(app, "#btn-more", "Xem thêm 5 hồ sơ");
    await page.click("#btn-more");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 45);
    assert.equal(await page.isVisible("#btn-more"), false);
    await expectText(app, ".count", "45 hồ sơ · Đang hiển thị tất cả, mới nhất ở trên.", { exact: true });
    await app.done();
  });

  test("a dossier that does not exist", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    shell.failNext("dossier", "not_found");
    await page.locator("[data-dossier-code]").first().click();
    await expectText(app, '[data-screen="dossiers"] [role="alert"]', "Không tìm thấy thông tin yêu cầu");
    assert.equal(await page.locator("#btn-retry").count(), 0, "trying again would not help");
    await app.done();
  });
});

describe("session", () => {
  test("signing out returns home and clears the header", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page, shell } = app;
    await expectText(app, "#task-dossiers", "Hồ sơ đã nộp");
    await expectText(app, ".hint", "Bạn đang đăng nhập với tên Nguyễn Văn An.");
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    await page.click("#btn-sign-out");
    await expectScreen(app, "home");
    assert.equal(shell.count("sign_out"), 1);
    assert.equal(await page.locator("#btn-sign-out").count(), 0);
    await page.click("#task-personal");
    await expectScreen(app, "signin-choice");
    await app.done();
  });

  test("session://changed updates the header", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    assert.equal(await page.locator("#btn-sign-out").count(), 0);
    await emit(app, "session://changed", shell.signIn("nguyenvanan", "vneid"));
    await expectText(app, ".user-name", "Nguyễn Văn An");
    await expectText(app, ".hint", "Bạn đang đăng nhập với tên Nguyễn Văn An.");
    await emit(app, "session://changed", null);
    await page.locator("#btn-sign-out").waitFor({ state: "detached" });
    await app.done();
  });
});
