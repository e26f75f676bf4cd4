// «Sửa thông tin cá nhân» on Thông tin cá nhân (profile.ts): offered only to an old portal account
// not yet linked to its CCCD; the form opens in place, prefilled from the account, checks the name
// and the birth date before anything is sent, sends only what changed (or says nothing did), and
// after saving shows the corrected details with a notice that leads to Thông tin định danh. The
// shell's refusals stay on the form with what was typed. The "mismatch" persona (levancuong) has
// 05/11/1978 on the account where the card says 11/05/1978. On a kiosk the birth date has the
// number pad with «/» and the controls are touch-sized; in English too; axe checks each state.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import {
  FakeShell,
  PERSONAL_TEXTS,
  TEXTS,
  alerts,
  barrier,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
  shot,
} from "./support/harness.mjs";

const env = setup({ before, after });

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const SAVED = "Đã lưu thông tin cá nhân. Bây giờ bạn có thể cập nhật số CCCD tại Thông tin định danh.";

/** Runs axe on the page (every default rule) and fails with each violation. */
async function axe(app, what) {
  const { page } = app;
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
    }));
  });
  assert.deepEqual(violations, [], `axe on ${what}:\n${JSON.stringify(violations, null, 2)}`);
}

/** Signed in as `username` with the portal account, on Thông tin cá nhân. */
async function onPersonal(t, { username = "levancuong", title, ...opts } = {}) {
  const shell = new FakeShell({ signedIn: username, ...opts });
  const app = await openApp(env, t, shell, title ? { title: title.home } : {});
  await app.page.click("#task-personal");
  await expectScreen(app, "personal", title?.personal);
  return app;
}

/** Opens the form and checks that focus went to its first field. */
async function openForm(app) {
  await app.page.click("#btn-personal-edit");
  await app.page.locator("form.personal-form").waitFor();
  assert.equal(await focusedId(app), "personal-full-name", "focus on the form's first field");
}

/** The value shown for `label` in the identity details (the list under «Thông tin định danh»). */
function detail(app, label) {
  return app.page.evaluate((l) => {
    const row = [...document.querySelectorAll(".fields .details-row")].find((r) => r.querySelector("dt")?.textContent === l);
    return row?.querySelector(".details-value")?.textContent ?? null;
  }, label);
}

/** The ids in an element's aria-describedby. */
async function describedBy(app, selector) {
  return ((await app.page.getAttribute(selector, "aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
}

describe("«Sửa thông tin cá nhân»", () => {
  test("offered to an old portal account not yet linked, not to a linked one", async (t) => {
    const app = await onPersonal(t);
    const { page } = app;
    await expectText(app, "#btn-personal-edit", "Sửa thông tin cá nhân", { exact: true });
    assert.deepEqual(await describedBy(app, "#btn-personal-edit"), ["personal-edit-why"]);
    await expectText(app, "#personal-edit-why", "chưa đúng như trên thẻ CCCD");
    assert.equal(await page.locator("form.personal-form").count(), 0, "the form waits for the button");
    assert.equal(await page.locator("#personal-from-db").count(), 0);
    assert.equal(await page.locator("#btn-identity-open").count(), 1, "Thông tin định danh stays");
    await app.done("personal edit offered");

    const linked = await onPersonal(t, { username: "nguyenvanan" });
    assert.equal(await linked.page.locator("#btn-personal-edit, form.personal-form").count(), 0);
    await expectText(linked, "#personal-from-db", "lấy từ CSDL Quốc gia về Dân cư");
    await linked.done("personal edit linked account");
  });

  test("not offered after a VNeID sign-in either", async (t) => {
    const shell = new FakeShell();
    shell.signIn("nguyenvanan", "vneid");
    const app = await openApp(env, t, shell);
    await app.page.click("#task-personal");
    await expectScreen(app, "personal");
    await expectText(app, '[data-screen="personal"]', "VNeID");
    assert.equal(await app.page.locator("#btn-personal-edit").count(), 0);
    await app.done("personal edit vneid");
  });

  test("the form opens in place, prefilled from the account; «Hủy» closes it", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    await expectScreen(app, "personal");
    assert.equal(await page.inputValue("#personal-full-name"), "Lê Văn Cường");
    assert.equal(await page.inputValue("#personal-birth-date"), "05/11/1978");
    assert.equal(await page.isChecked("#personal-sex-male"), true);
    assert.equal(await page.isChecked("#personal-sex-female"), false);
    // Labelled, the sex as a radio group with its legend, the format said under the date.
    await expectText(app, 'label[for="personal-full-name"]', "Họ và tên", { exact: true });
    await expectText(app, 'label[for="personal-birth-date"]', "Ngày sinh", { exact: true });
    await expectText(app, 'label[for="personal-sex-male"]', "Nam", { exact: true });
    await expectText(app, 'label[for="personal-sex-female"]', "Nữ", { exact: true });
    await expectText(app, ".personal-sex legend", "Giới tính", { exact: true });
    assert.equal(await page.locator('fieldset.personal-sex input[type="radio"][name="personal-sex"]').count(), 2);
    await expectText(app, "#personal-edit-help", "Hãy ghi đúng như trên thẻ CCCD");
    assert.equal(await page.getAttribute("form.personal-form", "aria-describedby"), "personal-edit-help");
    assert.equal(await page.getAttribute("form.personal-form", "aria-labelledby"), "personal-edit-title");
    assert.deepEqual(await describedBy(app, "#personal-birth-date"), ["personal-birth-date-help"]);
    await expectText(app, "#personal-birth-date-help", "11/05/1978");
    assert.equal(await page.getAttribute("#btn-personal-save", "type"), "submit");
    assert.match(await page.getAttribute("#btn-personal-save", "class"), /btn-primary/);
    await expectText(app, "#btn-personal-save", "Lưu", { exact: true });
    await expectText(app, "#btn-personal-cancel", "Hủy", { exact: true });
    assert.equal(await page.locator("#btn-personal-edit").count(), 0, "the button makes way for the form");
    await axe(app, "the form");
    await app.done("personal edit form");

    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click("#btn-personal-cancel");
    await page.locator("#btn-personal-edit").waitFor();
    assert.equal(await page.locator("form.personal-form").count(), 0);
    assert.equal(await focusedId(app), "btn-personal-edit", "focus back on the button");
    assert.equal(await detail(app, TEXTS.vi.field_birth_date), "05/11/1978", "nothing changed");
    // Opened again: from the account, not from what was typed before «Hủy».
    await openForm(app);
    assert.equal(await page.inputValue("#personal-birth-date"), "05/11/1978");
    assert.equal(shell.count("update_personal"), 0);
  });

  test("an empty name and a wrong birth date are said on their fields, and nothing is sent", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    await page.fill("#personal-full-name", "   ");
    await page.fill("#personal-birth-date", "31/02/1978");
    await page.click("#btn-personal-save");
    await expectText(app, "#personal-full-name-error", "Hãy nhập họ và tên như trên thẻ CCCD.", { exact: true });
    await expectText(app, "#personal-birth-date-error", "Không có ngày 31/02/1978 trên lịch.");
    assert.equal(await page.getAttribute("#personal-full-name", "aria-invalid"), "true");
    assert.equal(await page.getAttribute("#personal-birth-date", "aria-invalid"), "true");
    assert.ok((await describedBy(app, "#personal-full-name")).includes("personal-full-name-error"));
    assert.ok((await describedBy(app, "#personal-birth-date")).includes("personal-birth-date-error"));
    assert.equal(await focusedId(app), "personal-full-name", "focus on the first field with a problem");
    assert.equal(shell.count("update_personal"), 0);
    await axe(app, "the form's errors");
    await app.done("personal edit errors");

    await page.fill("#personal-full-name", "Lê Văn Cường");
    for (const [typed, said] of [
      ["", "Hãy nhập ngày sinh như trên thẻ CCCD, ví dụ 11/05/1978."],
      ["11/05/19", "Chưa đúng dạng ngày."],
      ["11/05/1878", "Năm phải từ 1900 đến 2100."],
      ["11/05/2099", "Ngày sinh không thể sau hôm nay."],
      ["ngày 11", "Chưa đúng dạng ngày."],
    ]) {
      await page.fill("#personal-birth-date", typed);
      await page.click("#btn-personal-save");
      await expectText(app, "#personal-birth-date-error", said);
      assert.equal(await page.locator("#personal-full-name-error").isHidden(), true, "the name is right now");
      assert.equal(await focusedId(app), "personal-birth-date", `focus on the date (${typed})`);
    }
    await barrier(app);
    assert.equal(shell.count("update_personal"), 0, "nothing was sent");
  });

  test("nothing changed: said on the form, without asking the shell", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    // The same details, typed differently: spaces, d/m/yyyy.
    await page.fill("#personal-full-name", "  Lê  Văn   Cường ");
    await page.fill("#personal-birth-date", "5-11-1978");
    await page.click("#btn-personal-save");
    await expectText(app, "#personal-nothing", "Chưa có gì để sửa.", { exact: true });
    assert.equal(await page.getAttribute("#personal-nothing", "role"), "alert");
    assert.ok(await page.locator("form.personal-form #personal-nothing").isVisible(), "on the form");
    assert.equal(await page.inputValue("#personal-full-name"), "Lê Văn Cường", "the name shown tidied");
    assert.equal(await page.inputValue("#personal-birth-date"), "05/11/1978", "the date shown as dd/mm/yyyy");
    await barrier(app);
    assert.equal(shell.count("update_personal"), 0);
    await app.done("personal edit nothing changed");
  });

  test("saving the birth date as on the card: only it is sent, the details show it, with the notice", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    const delivered = [];
    const send = shell.emitter;
    shell.emitter = async (event, payload) => {
      await send(event, payload);
      delivered.push(event);
    };
    assert.equal(await detail(app, TEXTS.vi.field_birth_date), "05/11/1978");
    await openForm(app);
    await page.fill("#personal-birth-date", "11.5.1978");
    await page.click("#btn-personal-save");
    await page.locator("#personal-notice").waitFor();
    await expectScreen(app, "personal");
    assert.deepEqual(shell.last("update_personal").args, { change: { birth_date: "11/05/1978" } });
    assert.equal(shell.count("update_personal"), 1);
    await expectText(app, "#personal-notice", SAVED);
    assert.equal(await page.getAttribute("#personal-notice", "role"), "status");
    assert.match(await page.getAttribute("#personal-notice", "class"), /box-success/);
    assert.equal(await focusedId(app), "personal-notice", "focus on the notice");
    assert.equal(await detail(app, TEXTS.vi.field_birth_date), "11/05/1978");
    assert.equal(await page.locator("form.personal-form").count(), 0, "the form closed");
    assert.equal(await page.locator("#btn-personal-edit").count(), 1, "still not linked: it may be corrected again");
    // The shell's `session://changed` arrives too: it only renews the header, the screen stays.
    while (!delivered.includes("session://changed")) await barrier(app);
    await expectText(app, "#personal-notice", SAVED);
    assert.equal(await focusedId(app), "personal-notice");
    await axe(app, "the notice after saving");
    await app.done("personal edit saved");

    // The notice leads to Thông tin định danh.
    await expectText(app, "#btn-personal-identity", "Đến Thông tin định danh", { exact: true });
    await page.click("#btn-personal-identity");
    await expectScreen(app, "identity");
    assert.equal(shell.last("identity").args.input.event, "open");
    await expectText(app, '[data-screen="identity"]', "11/05/1978");
    // Back: the notice has done its job.
    await page.click("#btn-back");
    await expectScreen(app, "personal");
    assert.equal(await page.locator("#personal-notice").count(), 0);
  });

  test("the name and the sex: each sent when changed, the header follows the name", async (t) => {
    const app = await onPersonal(t, { username: "tranthibinh" });
    const { page, shell } = app;
    await openForm(app);
    assert.equal(await page.isChecked("#personal-sex-female"), true);
    await page.fill("#personal-full-name", "Trần  Thị Bính");
    await page.click('label[for="personal-sex-male"]');
    assert.equal(await page.isChecked("#personal-sex-male"), true);
    await page.keyboard.press("Enter");
    await page.locator("#personal-notice").waitFor();
    assert.deepEqual(shell.last("update_personal").args, { change: { full_name: "Trần Thị Bính", sex: "male" } });
    assert.equal(await detail(app, TEXTS.vi.field_full_name), "Trần Thị Bính");
    assert.equal(await detail(app, TEXTS.vi.field_sex), TEXTS.vi.sex_male);
    await expectText(app, ".user-name", "Trần Thị Bính");
    await app.done("personal edit name and sex");
  });

  test("the shell's refusal (the account was linked meanwhile) stays on the form with what was typed", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    // Linked in the meantime (at another counter): the screen does not know yet.
    shell.sess.cccd = "038078006789";
    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click("#btn-personal-save");
    await page.locator("form.personal-form .box-error").waitFor();
    await expectScreen(app, "personal");
    await expectText(app, "form.personal-form .alert-slot", PERSONAL_TEXTS.vi.linked, { exact: true });
    assert.ok((await alerts(app)).includes(PERSONAL_TEXTS.vi.linked));
    assert.equal(await page.locator("form.personal-form #btn-retry").count(), 0, "nothing to try again");
    assert.equal(await page.inputValue("#personal-birth-date"), "11/05/1978", "what was typed stays");
    assert.equal(await page.inputValue("#personal-full-name"), "Lê Văn Cường");
    assert.equal(await page.isEnabled("#btn-personal-save"), true);
    assert.equal(await focusedId(app), "btn-personal-save");
    assert.equal(await page.locator("#personal-notice").count(), 0);
    await app.done("personal edit refused linked");
  });

  test("the portal out of reach: said on the form with «Thử lại», which saves", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    shell.failNext("update_personal", "unreachable");
    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click("#btn-personal-save");
    await page.locator("form.personal-form #btn-retry").waitFor();
    await expectText(app, "form.personal-form .alert-slot", TEXTS.vi.unreachable);
    assert.equal(await page.inputValue("#personal-birth-date"), "11/05/1978");
    await page.click("form.personal-form #btn-retry");
    await page.locator("#personal-notice").waitFor();
    assert.equal(shell.count("update_personal"), 2);
    assert.equal(await detail(app, TEXTS.vi.field_birth_date), "11/05/1978");
  });

  test("after the correction the card agrees with the account", async (t) => {
    const app = await onPersonal(t, { reader: true, card: true });
    const { page } = app;
    await openForm(app);
    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click("#btn-personal-save");
    await page.locator("#personal-notice").waitFor();
    await page.click("#btn-personal-identity");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    await page.locator("#btn-read-card").waitFor({ state: "visible" });
    await page.fill("#cccd", "038078006789");
    await page.click("#btn-read-card");
    await page.locator("#card-result").waitFor();
    assert.equal(await page.locator('#card-table tr[data-differs="true"]').count(), 0);
    await expectText(app, "#card-advice", "Họ tên, ngày sinh và giới tính trên tài khoản khớp với thẻ.", { exact: true });
    await app.done("personal edit then card");
  });

  test("kiosk: the birth date has the number pad with «/», every control touch-sized", async (t) => {
    const app = await onPersonal(t, { mode: "kiosk" });
    const { page, shell } = app;
    await openForm(app);
    assert.equal(await page.locator('.keypad[data-for="personal-birth-date"]').isHidden(), true, "the pad waits for the field");
    await page.click("#personal-birth-date");
    const pad = page.locator('.keypad[data-for="personal-birth-date"]');
    await pad.waitFor({ state: "visible" });
    assert.equal(await pad.locator(".key-slash").count(), 1);
    await pad.locator(".key-clear").click();
    for (const key of "11/05/1978") {
      await pad.locator(key === "/" ? ".key-slash" : `button[aria-label="Số ${key}"]`).click();
    }
    assert.equal(await page.inputValue("#personal-birth-date"), "11/05/1978");
    assert.equal(await focusedId(app), "personal-birth-date", "the pad leaves focus in the field");
    for (const sel of [
      "#personal-full-name",
      "#personal-birth-date",
      "#personal-sex-male",
      "#personal-sex-female",
      "#btn-personal-save",
      "#btn-personal-cancel",
    ]) {
      const box = await page.locator(sel).boundingBox();
      assert.ok(box.height >= 60 && box.width >= 60, `${sel} is large (${box.width}×${box.height})`);
    }
    await axe(app, "the form, kiosk");
    await shot(page, "personal edit kiosk keypad");
    // Pressed while the pad shows: the pad goes only once the press is over, so «Lưu» gets it.
    await page.click("#btn-personal-save");
    await page.locator("#personal-notice").waitFor();
    assert.deepEqual(shell.last("update_personal").args, { change: { birth_date: "11/05/1978" } });
    const go = await page.locator("#btn-personal-identity").boundingBox();
    assert.ok(go.height >= 60, `a large «Đến Thông tin định danh» (${go.height}px)`);
    await app.done("personal edit kiosk saved");
  });

  test("English, and the form kept as typed through a language switch", async (t) => {
    const app = await onPersonal(t);
    const { page, shell } = app;
    await openForm(app);
    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click('label[for="personal-sex-female"]');
    await page.click("#lang-toggle");
    await expectScreen(app, "personal", "Personal information");
    await page.locator("form.personal-form").waitFor();
    await expectText(app, "#personal-edit-title", "Correct personal details", { exact: true });
    await expectText(app, 'label[for="personal-full-name"]', "Full name", { exact: true });
    await expectText(app, 'label[for="personal-birth-date"]', "Date of birth", { exact: true });
    await expectText(app, ".personal-sex legend", "Sex", { exact: true });
    await expectText(app, 'label[for="personal-sex-male"]', "Male", { exact: true });
    await expectText(app, 'label[for="personal-sex-female"]', "Female", { exact: true });
    await expectText(app, "#btn-personal-save", "Save", { exact: true });
    await expectText(app, "#btn-personal-cancel", "Cancel", { exact: true });
    await expectText(app, "#personal-edit-help", "exactly as on your CCCD card");
    assert.equal(await page.inputValue("#personal-birth-date"), "11/05/1978", "the typed date stays");
    assert.equal(await page.isChecked("#personal-sex-female"), true, "the chosen sex stays");
    await page.click('label[for="personal-sex-male"]');
    await page.fill("#personal-birth-date", "05/11/1978");
    await page.click("#btn-personal-save");
    await expectText(app, "#personal-nothing", "Nothing to correct.", { exact: true });
    await page.fill("#personal-full-name", "");
    await page.click("#btn-personal-save");
    await expectText(app, "#personal-full-name-error", "Type the full name as on the CCCD card.", { exact: true });
    await page.fill("#personal-full-name", "Lê Văn Cường");
    await page.fill("#personal-birth-date", "11/05/1978");
    await page.click("#btn-personal-save");
    await page.locator("#personal-notice").waitFor();
    await expectText(
      app,
      "#personal-notice",
      "Your personal details are saved. You can now add your CCCD number in Identity information.",
    );
    await expectText(app, "#btn-personal-identity", "Go to Identity information", { exact: true });
    assert.equal(await detail(app, TEXTS.en.field_birth_date), "11/05/1978");
    assert.equal(shell.count("update_personal"), 1);
    await app.done("personal edit english");
  });
});
