// Each form checks what was typed before calling the shell (and then calls nothing), ties the
// message to its field (aria-invalid, aria-describedby, role=alert), and shows the shell's own
// problems.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, TEXTS, alerts, barrier, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { toCode, toCredentials, toEnterCccd } from "./support/flows.mjs";

const env = setup({ before, after });

/** The field's error text, and that it is tied to the input. */
async function fieldError(app, id) {
  const { page } = app;
  await page.locator(`#${id}-error`).waitFor({ state: "visible" });
  assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true", `${id} is marked invalid`);
  const describedBy = (await page.getAttribute(`#${id}`, "aria-describedby")) ?? "";
  assert.ok(describedBy.split(" ").includes(`${id}-error`), `${id} is described by its error`);
  assert.equal(await page.getAttribute(`#${id}-error`, "role"), "alert");
  return (await page.textContent(`#${id}-error`)).trim();
}

/**
 * The calls the page made about what was typed: the CCCD screens also ask, on their own and
 * whenever, which card readers there are (card.ts).
 */
function typedCalls(shell) {
  return shell.calls.filter((c) => c.cmd !== "card_readers").length;
}

async function noFieldError(app, id) {
  assert.equal(await app.page.getAttribute(`#${id}`, "aria-invalid"), null, `${id} has no problem`);
  assert.equal(await app.page.isVisible(`#${id}-error`), false);
}

describe("forms", () => {
  test("credentials: empty user name and password are caught without calling the shell", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCredentials(app);
    const calls = shell.calls.length;
    await page.click("#btn-submit-password");
    assert.equal(await fieldError(app, "username"), "Vui lòng nhập tên đăng nhập.");
    assert.equal(await fieldError(app, "password"), "Vui lòng nhập mật khẩu.");
    assert.equal(await focusedId(app), "username", "focus on the first field to fix");
    await app.done("credentials empty fields");
    await page.fill("#username", "tranthibinh");
    await page.press("#username", "Enter");
    await expectText(app, "#password-error", "Vui lòng nhập mật khẩu.");
    await noFieldError(app, "username");
    assert.equal(await focusedId(app), "password");
    await barrier(app);
    assert.equal(shell.calls.length, calls, "no call to the shell");
  });

  test("credentials: a wrong password shows the shell's message and keeps the user name", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCredentials(app);
    await page.fill("#username", "tranthibinh");
    await page.fill("#password", "sai-mat-khau");
    await page.click("#btn-submit-password");
    await expectText(app, '[role="alert"]', "Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn 4 lần thử");
    await expectScreen(app, "credentials");
    assert.deepEqual(shell.last("wizard").args.input, {
      event: "submit_password",
      username: "tranthibinh",
      password: "sai-mat-khau",
    });
    assert.equal(await page.inputValue("#username"), "tranthibinh");
    assert.equal(await page.inputValue("#password"), "", "the wrong password is cleared");
    assert.equal(await focusedId(app), "password");
    await app.done();
  });

  test("credentials: show password", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await toCredentials(app);
    await page.fill("#password", "Matkhau@123");
    await page.click(".reveal");
    assert.equal(await page.getAttribute("#password", "type"), "text");
    assert.equal(await page.getAttribute(".reveal", "aria-pressed"), "true");
    await expectText(app, ".reveal", "Ẩn mật khẩu", { exact: true });
    await app.done();
  });

  test("code: empty, letters and a wrong length are caught; spaces are ignored", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toCode(app);
    const calls = shell.calls.length;
    for (const [typed, message] of [
      ["", "Vui lòng nhập mã xác thực gồm 6 chữ số."],
      ["12a456", "Mã xác thực chỉ gồm chữ số."],
      ["12345", "Mã xác thực có 6 chữ số, bạn đã nhập 5 chữ số."],
      ["1234567", "Mã xác thực có 6 chữ số, bạn đã nhập 7 chữ số."],
    ]) {
      await page.fill("#otp", typed);
      await page.click("#btn-submit-code");
      await expectText(app, "#otp-error", message, { exact: true });
      assert.equal(await fieldError(app, "otp"), message);
    }
    await barrier(app);
    assert.equal(shell.calls.length, calls, "no call to the shell");
    await app.done("code bad input");
    await page.fill("#otp", "123 456");
    await page.click("#btn-submit-code");
    await expectScreen(app, "enter-cccd");
    assert.deepEqual(shell.last("wizard").args.input, { event: "submit_code", code: "123456" });
  });

  test("code: a wrong code is shown on the field", async (t) => {
    const app = await openApp(env, t);
    const { page } = app;
    await toCode(app);
    await page.fill("#otp", "654321");
    await page.click("#btn-submit-code");
    await expectText(app, "#otp-error", "Mã xác thực không đúng. Bạn còn 4 lần thử.");
    assert.equal(await fieldError(app, "otp"), "Mã xác thực không đúng. Bạn còn 4 lần thử.");
    assert.equal(await focusedId(app), "otp");
    await app.done();
  });

  test("code: «Gửi lại mã» counts down, then sends a new code", async (t) => {
    const shell = new FakeShell({ resendSecs: 2 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toCode(app);
    await expectText(app, "#btn-resend", "Gửi lại mã (sau ");
    assert.equal(await page.isDisabled("#btn-resend"), true);
    await page.waitForFunction(() => !document.querySelector("#btn-resend").disabled, null, { timeout: 5000 });
    await expectText(app, "#btn-resend", "Gửi lại mã", { exact: true });
    await page.click("#btn-resend");
    await expectText(app, '[data-screen="code"] [role="status"]', "Đã gửi mã mới.");
    assert.equal(shell.count("wizard", "resend_code"), 1);
    assert.equal(await page.isDisabled("#btn-resend"), true, "a new wait starts");
    await expectText(app, "#btn-resend", "Gửi lại mã (sau 1 phút)");
    await app.done();
    await page.click("#btn-change-account");
    await expectScreen(app, "credentials");
    assert.equal(shell.count("wizard", "change_account"), 1);
  });

  test("cccd: letters, 11 digits and a 9-digit CMND are caught without calling the shell", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toEnterCccd(app);
    const calls = typedCalls(shell);
    for (const [typed, message] of [
      ["", "Vui lòng nhập số CCCD gồm 12 chữ số, in ở mặt trước thẻ Căn cước."],
      ["0791900O4321", "Số CCCD chỉ gồm chữ số; hãy xóa ký tự «O»."],
      ["079-190-004321", "Số CCCD chỉ gồm chữ số; hãy xóa ký tự «-»."],
      ["07919000432", "Số CCCD có 12 chữ số, bạn đã nhập 11 chữ số. Hãy kiểm tra lại."],
      ["123 456 789", "Đây là số Chứng minh nhân dân cũ (9 số). Hãy nhập số CCCD gồm 12 chữ số."],
    ]) {
      await page.fill("#cccd", typed);
      await page.click("#btn-update-cccd");
      await expectText(app, "#cccd-error", message, { exact: true });
      assert.equal(await fieldError(app, "cccd"), message);
      assert.equal(await focusedId(app), "cccd");
      assert.equal(await page.inputValue("#cccd"), typed, "what was typed stays");
    }
    await barrier(app);
    assert.equal(typedCalls(shell), calls, "no call to the shell");
    await app.done("cccd bad input");
  });

  test("cccd: the shell's problem on the field, then its warning, then «Cập nhật» again goes ahead", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toEnterCccd(app);
    await page.fill("#cccd", "0791 9000 0000");
    await page.click("#btn-update-cccd");
    await expectText(app, "#cccd-error", TEXTS.vi.sex_mismatch);
    assert.equal(await page.inputValue("#cccd"), "0791 9000 0000", "the input is kept");
    await fieldError(app, "cccd");
    await page.fill("#cccd", "099 190 004 321");
    await page.click("#btn-update-cccd");
    await expectText(app, "#cccd-warnings", TEXTS.vi.unknown_province);
    await expectText(app, "#cccd-warnings", "hãy bấm «Cập nhật» một lần nữa");
    await noFieldError(app, "cccd");
    assert.equal(await page.inputValue("#cccd"), "099 190 004 321");
    await app.done("cccd warning");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "dossiers");
    assert.equal(shell.count("wizard", "submit_cccd"), 3);
    assert.deepEqual(shell.last("wizard").args.input, { event: "submit_cccd", input: "099 190 004 321" });
  });

  test("identity: the CCCD field checks the same way", async (t) => {
    const shell = new FakeShell();
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toEnterCccd(app, "tranthibinh", "#task-identity");
    await page.click("#btn-skip");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    const calls = typedCalls(shell);
    await page.fill("#cccd", "abc");
    await page.click("#btn-update-cccd");
    assert.equal(await fieldError(app, "cccd"), "Số CCCD chỉ gồm chữ số; hãy xóa ký tự «a».");
    await page.fill("#cccd", "012345678");
    await page.click("#btn-update-cccd");
    await expectText(app, "#cccd-error", "Đây là số Chứng minh nhân dân cũ (9 số).");
    await barrier(app);
    assert.equal(typedCalls(shell), calls, "no call to the shell");
    assert.equal((await alerts(app)).length, 1, "one message");
    await app.done();
  });
});
