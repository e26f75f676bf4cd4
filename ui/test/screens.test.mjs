// Every screen renders, in Vietnamese with its title and with focus on it; the language switch
// re-reads the view from the shell so its messages come back in the new language.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  FAILURE_TITLES,
  FakeShell,
  TEXTS,
  alerts,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
} from "./support/harness.mjs";
import { emit, toCode, toCredentials, toEnterCccd, toSigninChoice, toVneidWaiting } from "./support/flows.mjs";

const env = setup({ before, after });

describe("screens", () => {
  test("home in Vietnamese, with the sandbox banner and the three tasks", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.equal(await focusedId(app), "screen-title");
    await expectText(app, "#sandbox-banner", "Môi trường thử nghiệm — dữ liệu không phải thật");
    await expectText(app, "#sandbox-banner", "http://127.0.0.1:8787/sandbox/sms");
    await expectText(app, ".brand-title", "Liên kết tài khoản Dịch vụ công", { exact: true });
    await expectText(app, "#task-dossiers", "Hồ sơ đã nộp");
    await expectText(app, "#task-personal", "Thông tin cá nhân");
    await expectText(app, "#task-identity", "Thông tin định danh");
    await expectText(app, "#lang-toggle", "English", { exact: true });
    assert.equal(await page.locator("#btn-sign-out").count(), 0, "nobody is signed in");
    await app.done();
  });

  test("no sandbox banner with a real portal", async (t) => {
    const app = await openApp(env, t, new FakeShell({ sandbox: false }));
    assert.equal(await app.page.locator("#sandbox-banner").count(), 0);
    await app.done();
  });

  test("language switch: English and back, html lang follows", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await page.click("#lang-toggle");
    await expectScreen(app, "home", "What would you like to do?");
    assert.deepEqual(shell.last("set_language").args, { lang: "en" });
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await expectText(app, "#sandbox-banner", "Test environment — the data is not real");
    await expectText(app, "#task-dossiers", "Submitted dossiers");
    await expectText(app, "#lang-toggle", "Tiếng Việt", { exact: true });
    assert.equal(await focusedId(app), "lang-toggle", "focus stays on the switch");
    await app.done("language switch english");
    await page.click("#lang-toggle");
    await expectScreen(app, "home");
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.deepEqual(shell.last("set_language").args, { lang: "vi" });
  });

  test("language switch on a wizard step re-reads the view and keeps what was typed", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCredentials(app);
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "sai-mat-khau");
    await page.click("#btn-submit-password");
    await expectText(app, '[data-screen="credentials"] [role="alert"]', "Tên đăng nhập hoặc mật khẩu không đúng");
    await page.fill("#password", "dang-go-do");
    const before = shell.count("wizard_view");
    await page.click("#lang-toggle");
    await expectScreen(app, "credentials", "Sign in to your National Public Service Portal account");
    assert.equal(shell.count("wizard_view"), before + 1, "wizard_view asked again");
    await expectText(app, '[data-screen="credentials"] [role="alert"]', "Wrong user name or password");
    assert.equal(await page.inputValue("#username"), "tranthibinh");
    assert.equal(await page.inputValue("#password"), "dang-go-do");
    await expectText(app, "label[for=username]", "User name", { exact: true });
    await app.done();
  });

  test("language switch re-reads identity, personal, dossiers, detail and VNeID views", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    const toggle = async (screen, title) => {
      await page.click("#lang-toggle");
      await expectScreen(app, screen, title);
    };
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await toggle("identity", "Identity information");
    assert.equal(shell.count("identity_view"), 1);
    await expectText(app, ".details", "Full name");
    await expectText(app, ".verified", "Verified", { exact: true });
    await page.click("#btn-back");
    await expectScreen(app, "personal", "Personal information");
    await expectText(app, '[data-screen="personal"]', "Citizen");
    const sessions = shell.count("session");
    await toggle("personal", "Thông tin cá nhân");
    assert.ok(shell.count("session") > sessions);
    await expectText(app, '[data-screen="personal"]', "Công dân");
    await page.click("#btn-home");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.click("#btn-more");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 40);
    await toggle("dossiers", "Submitted dossiers");
    assert.equal(await page.locator("[data-dossier-code]").count(), 40, "as many dossiers as before");
    await expectText(app, ".count", "45 dossiers · Showing 40 of 45, newest first.", { exact: true });
    await expectText(app, "label[for=dossier-search]", "Search dossiers", { exact: true });
    await expectText(app, "#sync-status", "Updated at 15/03/2026 09:30");
    const labels = await page.$$eval(".dossier-card .badge", (els) => els.map((e) => e.textContent));
    assert.ok(labels.includes("Being processed"), "status labels in English");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail", "Dossier details");
    await toggle("dossier-detail", "Chi tiết hồ sơ");
    await expectText(app, '[data-screen="dossier-detail"]', "Quá trình xử lý");
    await page.click("#btn-sign-out");
    await expectScreen(app, "home");
    await page.click("#task-dossiers");
    await page.click("#btn-signin-vneid");
    await expectScreen(app, "vneid-waiting");
    const views = shell.count("vneid_view");
    await toggle("vneid-waiting", "Waiting for the VNeID sign-in");
    assert.equal(shell.count("vneid_view"), views + 1);
    await expectText(app, ".host-line", "The sign-in page belongs to: sso.dancuquocgia.gov.vn");
    await app.done();
  });

  test("signin-choice explains both ways", async (t) => {
    const app = await openApp(env, t);
    await toSigninChoice(app, "#task-personal");
    await expectText(app, ".lead", "Để xem «Thông tin cá nhân», bạn cần đăng nhập.");
    await expectText(app, "#btn-signin-portal", "Đăng nhập bằng tài khoản Cổng Dịch vụ công Quốc gia");
    await expectText(app, "#btn-signin-portal", "mã xác thực gửi qua tin nhắn");
    await expectText(app, "#btn-signin-vneid", "Đăng nhập qua VNeID");
    await expectText(app, "#btn-signin-vneid", "chỉ hiện ra khi tài khoản cũ đã được liên kết");
    await app.done();
    await app.page.click("#btn-back");
    await expectScreen(app, "home");
  });

  test("credentials, code, enter-cccd", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await toCredentials(app);
    assert.equal(await focusedId(app), "screen-title");
    await expectText(app, "label[for=username]", "Tên đăng nhập", { exact: true });
    await expectText(app, "label[for=password]", "Mật khẩu", { exact: true });
    assert.equal(await page.getAttribute("#password", "type"), "password");
    await app.done("screen credentials");
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "Matkhau@123");
    await page.click("#btn-submit-password");
    await expectScreen(app, "code");
    await expectText(app, ".lead", "Mã xác thực đã được gửi tới số điện thoại 098****321");
    assert.equal(await page.getAttribute("#otp", "inputmode"), "numeric");
    assert.equal(await page.getAttribute("#otp", "autocomplete"), "one-time-code");
    assert.equal(await page.isDisabled("#btn-resend"), true);
    await expectText(app, "#btn-resend", "Gửi lại mã (sau 1 phút)");
    await app.done("screen code");
    await page.fill("#otp", "123456");
    await page.click("#btn-submit-code");
    await expectScreen(app, "enter-cccd");
    await expectText(app, ".greeting", "Xin chào Trần Thị Bình.");
    await expectText(app, '[data-screen="enter-cccd"]', "Theo quy định của Chính phủ");
    await expectText(app, '[data-screen="enter-cccd"]', "Thông tin cá nhân → Thông tin định danh");
    await expectText(app, "#btn-update-cccd", "Cập nhật", { exact: true });
    await expectText(app, "#btn-skip", "Bỏ qua", { exact: true });
    assert.equal(await page.getAttribute("#cccd", "inputmode"), "numeric");
    await app.done("screen enter-cccd");
  });

  test("account-unavailable", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await toCode(app, "loitaikhoan");
    await page.fill("#otp", "123456");
    await page.click("#btn-submit-code");
    await expectScreen(app, "account-unavailable");
    // The portal error that stopped the account from loading, as the shell says it.
    assert.deepEqual(await alerts(app), [TEXTS.vi.unreachable]);
    await app.done();
    await page.click("#btn-retry");
    await expectScreen(app, "enter-cccd");
    assert.equal(app.shell.count("wizard", "retry"), 1);
  });

  for (const [kind, title] of Object.entries(FAILURE_TITLES)) {
    const numbers = {
      unknown_number: "079190999999",
      mismatch_full_name: "079190004322",
      mismatch_birth_date: "079190004323",
      mismatch_sex: "079090004324",
      taken: "031082001122",
    };
    test(`match-failed: ${kind}`, async (t) => {
      const app = await openApp(env, t);
      await toEnterCccd(app);
      await app.page.fill("#cccd", numbers[kind]);
      await app.page.click("#btn-update-cccd");
      await expectScreen(app, "match-failed", title);
      await expectText(app, ".typed-number-value", numbers[kind], { exact: true });
      await app.done(`screen match-failed ${kind}`);
    });
  }

  test("vneid waiting (laptop: browser), working and failed", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toVneidWaiting(app);
    await expectText(app, ".host-line", "Trang đăng nhập thuộc: sso.dancuquocgia.gov.vn");
    await expectText(app, ".host-box", "trang VNeID giả");
    await expectText(app, '[data-screen="vneid-waiting"]', "đã được mở trong trình duyệt");
    const url = await page.textContent("#vneid-url");
    assert.equal(url, shell.vn.url, "the full address");
    await expectText(app, ".countdown", "Lượt đăng nhập này còn hiệu lực trong 10 phút");
    await expectText(app, "#btn-vneid-reopen", "Mở lại trang đăng nhập");
    await expectText(app, "#btn-vneid-cancel", "Hủy");
    await app.done("screen vneid-waiting");
    await emit(app, "vneid://changed", shell.vneidWorking());
    await expectScreen(app, "vneid-working");
    await app.done("screen vneid-working");
    await emit(app, "vneid://changed", shell.vneidFailed());
    await expectScreen(app, "vneid-failed");
    assert.deepEqual(await alerts(app), [shell.vn.problem.message]);
    await app.done("screen vneid-failed");
  });

  // Each failure a citizen can act on: what happened, the numbered steps, and which button leads.
  for (const [code, first] of [
    ["level_too_low", "btn-vneid-home"],
    ["web_sign_in_not_allowed", "btn-vneid-home"],
    ["account_locked", "btn-vneid-home"],
    ["account_not_activated", "btn-vneid-home"],
    ["otp_not_received", "btn-vneid-home"],
    ["maintenance", "btn-vneid-retry"],
  ]) {
    test(`vneid failed: ${code}, with its next steps`, async (t) => {
      const app = await openApp(env, t, new FakeShell({ mode: "kiosk" }));
      const { page, shell } = app;
      await toVneidWaiting(app);
      await emit(app, "vneid://changed", shell.vneidFailed(code));
      await expectScreen(app, "vneid-failed");
      const vi = TEXTS.vi;
      assert.deepEqual(await alerts(app), [vi[`vneid_${code}`]]);
      await expectText(app, "#next-step-title", vi[`vneid_${code}_title`], { exact: true });
      const steps = await page.locator(".next-step-list li").allTextContents();
      assert.deepEqual(steps, vi[`vneid_${code}_steps`].split("\n"));
      const primary = await page.locator(".btn-primary").getAttribute("id");
      assert.equal(primary, first, "the button that leads");
      await app.done(`screen vneid-failed ${code}`);
    });
  }

  test("vneid waiting on a kiosk (window)", async (t) => {
    const app = await openApp(env, t, new FakeShell({ mode: "kiosk" }));
    await toVneidWaiting(app);
    await expectText(app, '[data-screen="vneid-waiting"]', "quét mã QR bằng ứng dụng VNeID");
    assert.equal(await app.page.locator("#vneid-url").count(), 0);
    await expectText(app, "#btn-vneid-reopen", "Mở lại cửa sổ đăng nhập");
    await app.done();
  });

  test("personal, identity and its update screens", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page } = app;
    await expectText(app, ".user-name", "Nguyễn Văn An");
    await page.click("#task-personal");
    await expectScreen(app, "personal");
    await expectText(app, '[data-screen="personal"]', "Công dân");
    await expectText(app, '[data-screen="personal"]', "nguyenvanan");
    await expectText(app, '[data-screen="personal"]', "Tài khoản Cổng Dịch vụ công Quốc gia");
    await expectText(app, '[data-screen="personal"]', "Định danh mức độ 2");
    assert.ok((await page.locator(".verified").count()) >= 3, "verified fields are marked");
    await app.done("screen personal");
    await page.click("#btn-identity-open");
    await expectScreen(app, "identity");
    await expectText(app, "#btn-identity-refresh", "Cập nhật từ CSDL Quốc gia về Dân cư", { exact: true });
    await app.done("screen identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-preview");
    await app.done("screen identity-preview");
  });

  test("identity for an account without a CCCD: enter-cccd and match-failed", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toEnterCccd(app, "tranthibinh", "#task-identity");
    await page.click("#btn-skip");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    await app.done("screen identity-enter-cccd");
    await page.fill("#cccd", "031082001122");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "identity-match-failed", FAILURE_TITLES.taken);
    await expectText(app, "#btn-edit-cccd", "Nhập lại", { exact: true });
    await expectText(app, "#btn-identity-cancel", "Hủy", { exact: true });
    await app.done("screen identity-match-failed");
  });

  test("dossiers, detail and the error screen", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan" });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await app.done("screen dossiers");
    await page.locator("[data-dossier-code]").first().click();
    await expectScreen(app, "dossier-detail");
    await app.done("screen dossier-detail");
    await page.click("#btn-home");
    await expectScreen(app, "home");
    shell.failNext("dossiers", "error", "Cổng Dịch vụ công trả lời không như mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.");
    await page.click("#task-dossiers");
    await expectScreen(app, "error", "Đã có lỗi xảy ra");
    assert.deepEqual(await alerts(app), [
      "Cổng Dịch vụ công trả lời không như mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.",
    ]);
    await app.done("screen error");
    await page.click("#btn-retry");
    await expectScreen(app, "dossiers");
  });

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 600, height: 960 },
  ]) {
    test(`a ${viewport.width}px window: nothing sideways, every target at least 44×44 px`, async (t) => {
      const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }), { viewport });
      const { page } = app;
      const check = async (where) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${where}: ${overflow}px wider than the window`);
        const small = await page.$$eval("button, input, a[href]", (els) =>
          els
            .filter((e) => e.getClientRects().length > 0 && !e.classList.contains("skip-link"))
            .map((e) => ({ id: e.id || e.className, box: e.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ id, box }) => `${id} ${Math.round(box.width)}×${Math.round(box.height)}`),
        );
        assert.deepEqual(small, [], `${where}: targets under 44×44 px`);
      };
      await check("home");
      await page.click("#task-dossiers");
      await expectScreen(app, "dossiers");
      await check("dossiers");
      await app.done(`small window ${viewport.width} dossiers`);
      await page.locator("[data-dossier-code]").first().click();
      await expectScreen(app, "dossier-detail");
      await check("dossier-detail");
      await page.click("#btn-sign-out");
      await expectScreen(app, "home");
      await page.click("#task-identity");
      await page.click("#btn-signin-portal");
      await expectScreen(app, "credentials");
      await check("credentials");
      await app.done(`small window ${viewport.width} credentials`);
    });
  }

  test("keyboard only: Tab and Enter through a sign-in, focus always visible", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id || el.className, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
      });
    /** Presses Tab until `id` has focus (at most 15 times), checking the ring on the way. */
    const tabTo = async (id) => {
      for (let i = 0; i < 15; i += 1) {
        await page.keyboard.press("Tab");
        const now = await ring();
        assert.ok(now.outline, `focus ring on ${now.id}`);
        if (now.id === id) return;
      }
      assert.fail(`could not reach #${id} with Tab`);
    };
    // Focus starts on the title; the header is just before it.
    assert.equal(await focusedId(app), "screen-title");
    await page.keyboard.press("Shift+Tab");
    assert.deepEqual(await ring(), { id: "lang-toggle", outline: true });
    await page.keyboard.press("Shift+Tab");
    assert.deepEqual(await ring(), { id: "btn-home", outline: true });
    await tabTo("task-dossiers");
    await app.done("keyboard focus ring");
    await page.keyboard.press("Enter");
    await expectScreen(app, "signin-choice");
    await tabTo("btn-signin-portal");
    await page.keyboard.press("Enter");
    await expectScreen(app, "credentials");
    await tabTo("username");
    await page.keyboard.type("tranthibinh");
    await tabTo("password");
    await page.keyboard.type("Matkhau@123");
    await page.keyboard.press("Enter");
    await expectScreen(app, "code");
    await tabTo("otp");
    await page.keyboard.type("123456");
    await page.keyboard.press("Enter");
    await expectScreen(app, "enter-cccd");
  });
});
