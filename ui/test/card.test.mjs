// The chip CCCD card at the CCCD field (card.ts), in the wizard and in Thông tin định danh: no
// reader, no button; with one, «Đọc thẻ CCCD gắn chip» reads the card with the number typed, asks
// for the card when none lies on the reader and reads it by itself once placed, shows the progress,
// then the account beside the card (the "mismatch" persona's birth date marked, with its advice) and
// the card's number in the field; or why nothing from the card is used (refused, not a chip card,
// the chip locked until the dates printed on it are typed, a read interrupted). Whatever the card
// said goes with the screen, and with a kiosk session. axe checks each state.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import {
  CARD_TEXTS,
  FAILURE_TITLES,
  FakeShell,
  barrier,
  expectScreen,
  expectText,
  focusedId,
  openApp,
  setup,
  shot,
} from "./support/harness.mjs";
import { emit, toEnterCccd } from "./support/flows.mjs";

const env = setup({ before, after });
const CARD = CARD_TEXTS.vi;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

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

/** Waits until the screen has asked which readers there are, and had its answer. */
async function readersAsked(app, times = 1) {
  while (app.shell.count("card_readers") < times) await barrier(app);
  await barrier(app);
}

/** The wizard's CCCD step with a reader (and a card on it, unless `card` is false). */
async function wizardWithReader(t, { username = "tranthibinh", card = true, cardOutcomes = [], mode = "laptop" } = {}) {
  const shell = new FakeShell({ mode, reader: true, card, cardOutcomes });
  const app = await openApp(env, t, shell);
  await toEnterCccd(app, username);
  await app.page.locator("#btn-read-card").waitFor({ state: "visible" });
  return app;
}

/** The rows of the table: [label, account, card, differs] (the label without its mark). */
function tableRows(app) {
  return app.page.$$eval("#card-table tbody tr", (rows) =>
    rows.map((tr) => [
      tr.querySelector(".card-row-label").textContent,
      tr.querySelectorAll("td")[0].textContent,
      tr.querySelectorAll("td")[1].textContent,
      tr.dataset.differs,
    ]),
  );
}

/** Checks the result of the "mismatch" persona's card: the birth date marked, its advice, the number. */
async function expectMismatchRead(app) {
  const { page } = app;
  await page.locator("#card-result").waitFor();
  assert.equal(await focusedId(app), "card-result-title", "focus on the result's heading");
  await expectText(app, "#card-result-title", "Kết quả đọc thẻ CCCD", { exact: true });
  assert.deepEqual(await tableRows(app), [
    ["Họ và tên", "Lê Văn Cường", "Lê Văn Cường", "false"],
    ["Ngày sinh", "05/11/1978", "11/05/1978", "true"],
    ["Giới tính", "Nam", "Nam", "false"],
  ]);
  // Marked with a word and an icon, not by colour alone.
  await expectText(app, '#card-table tr[data-differs="true"] th', "Ngày sinhKhác", { exact: true });
  assert.equal(await page.locator("#card-table .card-mark-differs").count(), 1);
  assert.equal(await page.locator("#card-table .card-mark-differs svg").count(), 1);
  assert.deepEqual(await page.$$eval("#card-table th[scope]", (ths) => ths.map((th) => th.getAttribute("scope"))), [
    "col",
    "col",
    "col",
    "row",
    "row",
    "row",
  ]);
  await expectText(
    app,
    '#card-advice li[data-blocks-link="true"] .card-advice-text',
    "Tài khoản ghi ngày sinh 05/11/1978, thẻ ghi 11/05/1978: hãy sửa ngày sinh trong Thông tin cá nhân.",
    { exact: true },
  );
  await expectText(app, '#card-advice li[data-blocks-link="true"] .card-tag', "Liên kết sẽ không thành công cho tới khi sửa", {
    exact: true,
  });
  assert.equal(await page.getAttribute("#card-advice", "class"), "box box-error", "a difference that blocks the link");
  await expectText(app, "#card-authenticity", CARD.genuine, { exact: true });
  assert.match(await page.getAttribute("#card-authenticity", "class"), /box-success/);
  assert.equal(await page.locator("#card-expired").count(), 0);
  assert.equal(await page.inputValue("#cccd"), "038078006789", "the card's number is in the field");
  await expectText(app, "#card-filled", "Đã điền số CCCD trên thẻ (038078006789) vào ô Số CCCD.");
}

describe("the chip CCCD card", () => {
  test("without a reader there is no button, and a reader plugged in later brings it", async (t) => {
    const app = await openApp(env, t);
    const { page, shell } = app;
    await toEnterCccd(app);
    await readersAsked(app);
    assert.equal(await page.isVisible("#btn-read-card"), false, "no button without a reader");
    assert.equal(await page.isVisible("#card-reader"), false);
    await shot(page, "card no reader");
    await emit(app, "card://readers", shell.plugReader());
    await page.locator("#btn-read-card").waitFor({ state: "visible" });
    await expectText(app, "#btn-read-card", "Đọc thẻ CCCD gắn chip", { exact: true });
    // The reader and whether a card lies on it are said as they change.
    const reader = shell.plugReader().readers[0];
    await expectText(app, "#card-reader-status", `Đầu đọc «${reader}» đã kết nối — chưa có thẻ.`, { exact: true });
    await emit(app, "card://readers", shell.placeCard());
    await expectText(app, "#card-reader-status", `Đầu đọc «${reader}» đã kết nối — đang có thẻ trên đầu đọc.`, {
      exact: true,
    });
    assert.equal(await page.getAttribute("#card-reader-status", "role"), "status");
    await shot(page, "card reader status");
    await emit(app, "card://readers", shell.plugReader(false));
    await page.locator("#btn-read-card").waitFor({ state: "hidden" });
    // Typing works as ever.
    await page.fill("#cccd", "079190004321");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "dossiers");
    assert.equal(shell.count("read_card"), 0);
    await app.done();
  });

  test("with a reader: the button beside the field; a number not yet typed whole is said on the field", async (t) => {
    const app = await wizardWithReader(t);
    const { page, shell } = app;
    await expectText(app, "#card-read-hint", "chip của thẻ mở bằng 9 số cuối");
    assert.equal(await page.getAttribute("#btn-read-card", "aria-describedby"), "card-read-hint");
    assert.equal(await page.getAttribute("#btn-read-card", "type"), "button");
    await axe(app, "the CCCD step with a reader");
    await shot(page, "card button");
    await page.fill("#cccd", "0380 7800 67");
    await page.click("#btn-read-card");
    await expectText(app, "#cccd-error", CARD.number_first, { exact: true });
    assert.equal(await page.getAttribute("#cccd", "aria-invalid"), "true");
    assert.equal(await focusedId(app), "cccd");
    assert.deepEqual(shell.last("read_card").args, { input: { number: "0380 7800 67" } });
    assert.equal(await page.locator("#card-panel > *").count(), 0, "nothing else shows");
    assert.equal(await page.locator('[data-screen="enter-cccd"] .box-error').count(), 0, "no error box");
    assert.equal(await page.inputValue("#cccd"), "0380 7800 67");
    await app.done("card number not typed whole");
  });

  test("no card: the panel asks for it, placing it reads by itself with progress, then the table", async (t) => {
    const app = await wizardWithReader(t, { username: "levancuong", card: false });
    const { page, shell } = app;
    await page.fill("#cccd", "038078006789");
    await page.click("#btn-read-card");
    await page.locator("#card-wait-title").waitFor();
    await expectText(app, "#card-wait-title", "Đặt thẻ lên đầu đọc", { exact: true });
    await expectText(app, "#card-wait-message", CARD.no_card, { exact: true });
    assert.equal(await page.locator(".card-wait svg.card-art[aria-hidden=true]").count(), 1, "the picture");
    assert.equal(await page.getAttribute("#card-panel", "aria-live"), "polite");
    await axe(app, "the panel asking for the card");
    await shot(page, "card place on reader");

    const release = shell.holdCardRead();
    await emit(app, "card://readers", shell.placeCard());
    const bar = page.locator('#card-progress[role="progressbar"][aria-valuenow="80"]');
    await bar.waitFor();
    assert.equal(await bar.getAttribute("aria-valuemin"), "0");
    assert.equal(await bar.getAttribute("aria-valuemax"), "100");
    await expectText(app, "#card-progress-label", CARD.progress[4], { exact: true });
    await expectText(app, ".card-bar-percent", "80%", { exact: true });
    assert.ok(await page.locator("#card-panel #card-progress").count(), "the progress is in the live region");
    await axe(app, "a read under way");
    await shot(page, "card reading");
    release();

    await expectMismatchRead(app);
    assert.equal(shell.count("read_card"), 2, "the press, then the read when the card was placed");
    assert.deepEqual(shell.last("read_card").args, { input: { number: "038078006789" } });
    await axe(app, "the card read");
    await shot(page, "card read mismatch");

    // «Cập nhật» sends the card's number as if typed; the panel goes with the screen.
    await page.click("#btn-update-cccd");
    await expectScreen(app, "match-failed", FAILURE_TITLES.mismatch_birth_date);
    assert.deepEqual(shell.last("wizard").args.input, { event: "submit_cccd", input: "038078006789" });
    assert.equal(await page.locator("#card-panel").count(), 0);
    assert.equal(await page.locator("#card-table").count(), 0);
    await app.done("card read then update");
  });

  test("«Hủy» closes the panel asking for the card, and a card placed afterwards is not read", async (t) => {
    const app = await wizardWithReader(t, { card: false });
    const { page, shell } = app;
    await page.fill("#cccd", "079190004321");
    await page.click("#btn-read-card");
    await page.locator("#btn-card-cancel").waitFor();
    await page.click("#btn-card-cancel");
    await page.locator("#card-wait-title").waitFor({ state: "detached" });
    assert.equal(await focusedId(app), "btn-read-card");
    await emit(app, "card://readers", shell.placeCard());
    await barrier(app);
    assert.equal(shell.count("read_card"), 1, "no read after «Hủy»");
    await app.done();
  });

  test("refused: only the message; the number stays as typed and nothing of the card is used", async (t) => {
    const app = await wizardWithReader(t, { cardOutcomes: ["refused"] });
    const { page } = app;
    await page.fill("#cccd", "0791 9000 4321");
    await page.click("#btn-read-card");
    const failure = page.locator('#card-failure[data-reason="refused"]');
    await failure.waitFor();
    assert.equal(await failure.getAttribute("role"), "alert");
    await expectText(app, "#card-failure .box-title", "Thẻ bị từ chối", { exact: true });
    await expectText(app, "#card-failure .box-body", CARD.refused);
    assert.equal(await page.locator("#btn-card-retry").count(), 0, "no «Thử lại»");
    assert.equal(await page.locator("#card-table").count(), 0);
    assert.equal(await page.inputValue("#cccd"), "0791 9000 4321");
    await axe(app, "a refused card");
    await shot(page, "card refused");
    await page.click("#btn-card-close");
    await page.locator("#card-failure").waitFor({ state: "detached" });
    assert.equal(await focusedId(app), "btn-read-card");
    await app.done();
  });

  test("locked: the dates printed on the card, checked, then «Đọc lại» (Enter too) reads it", async (t) => {
    const app = await wizardWithReader(t, { username: "levancuong", cardOutcomes: ["locked"] });
    const { page, shell } = app;
    await page.fill("#cccd", "038078006789");
    await page.click("#btn-read-card");
    await page.locator('#card-failure[data-reason="locked"]').waitFor();
    await expectText(app, "#card-failure .box-body", CARD.locked);
    assert.equal(await page.inputValue("#card-birth"), "05/11/1978", "the birth date to start from");
    assert.equal(await page.inputValue("#card-expiry"), "");
    assert.equal(await focusedId(app), "card-expiry");
    await expectText(app, "label[for=card-birth]", "Ngày sinh trên thẻ", { exact: true });
    await expectText(app, "label[for=card-expiry]", "Ngày hết hạn trên thẻ", { exact: true });
    await axe(app, "the dates printed on the card");
    await shot(page, "card locked");

    // A date not on the calendar is said under its field; nothing is read.
    await page.fill("#card-birth", "11/05/1978");
    await page.fill("#card-expiry", "31/02/2038");
    await page.click("#btn-card-reread");
    await expectText(app, "#card-expiry-error", "Không có ngày 31/02/2038 trên lịch.");
    assert.equal(await focusedId(app), "card-expiry");
    assert.equal(shell.count("read_card"), 1);
    await axe(app, "a wrong expiry date");

    // Enter in a date reads again, and does not send «Cập nhật».
    await page.fill("#card-expiry", "11.5.2038");
    await page.press("#card-expiry", "Enter");
    await page.locator("#card-result").waitFor();
    assert.deepEqual(shell.last("read_card").args, {
      input: { number: "038078006789", birth_date: "11/05/1978", expiry: "11/05/2038" },
    });
    assert.equal(shell.count("wizard", "submit_cccd"), 0);
    await expectMismatchRead(app);
    await app.done("card locked then read");
  });

  test("not a chip card, then interrupted: «Thử lại» reads again", async (t) => {
    const app = await wizardWithReader(t, { cardOutcomes: ["not_chip_card", "interrupted"] });
    const { page, shell } = app;
    await page.fill("#cccd", "079190004321");
    await page.click("#btn-read-card");
    await page.locator('#card-failure[data-reason="not_chip_card"]').waitFor();
    await expectText(app, "#card-failure .box-title", "Không phải thẻ CCCD gắn chip", { exact: true });
    await expectText(app, "#card-failure .box-body", CARD.not_chip_card);
    assert.equal(await focusedId(app), "btn-card-retry");
    await shot(page, "card not chip card");
    await page.click("#btn-card-retry");
    await page.locator('#card-failure[data-reason="interrupted"]').waitFor();
    await expectText(app, "#card-failure .box-title", "Chưa đọc xong thẻ", { exact: true });
    await expectText(app, "#card-failure .box-body", CARD.interrupted);
    await expectText(app, "#btn-card-retry", "Thử lại", { exact: true });
    await axe(app, "an interrupted read");
    await shot(page, "card interrupted");
    await page.click("#btn-card-retry");
    await page.locator("#card-result").waitFor();
    assert.equal(shell.count("read_card"), 3);
    assert.deepEqual(await tableRows(app), [
      ["Họ và tên", "Trần Thị Bình", "Trần Thị Bình", "false"],
      ["Ngày sinh", "21/07/1990", "21/07/1990", "false"],
      ["Giới tính", "Nữ", "Nữ", "false"],
    ]);
    await expectText(app, "#card-advice", "Họ tên, ngày sinh và giới tính trên tài khoản khớp với thẻ.");
    assert.equal(await page.inputValue("#cccd"), "079190004321");
    await app.done("card interrupted then read");
  });

  test("an unverified, expired card says so in warning boxes", async (t) => {
    const app = await wizardWithReader(t, { cardOutcomes: ["unverified"] });
    const { page, shell } = app;
    await page.fill("#cccd", "079190004321");
    await page.click("#btn-read-card");
    await page.locator("#card-result").waitFor();
    await expectText(app, "#card-authenticity", CARD.unverified, { exact: true });
    assert.match(await page.getAttribute("#card-authenticity", "class"), /box-warning/);
    shell.cardOutcomes.push("expired");
    await page.click("#btn-read-card");
    await page.locator("#card-expired").waitFor();
    await expectText(app, "#card-expired", CARD.expired("11/05/2023"), { exact: true });
    assert.match(await page.getAttribute("#card-expired", "class"), /box-warning/);
    await expectText(app, "#card-authenticity", CARD.genuine, { exact: true });
    await app.done("card expired");
  });

  test("Thông tin định danh reads the card too, in English after a language switch", async (t) => {
    const shell = new FakeShell({ signedIn: "levancuong", reader: true, card: true });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    await page.locator("#btn-read-card").waitFor({ state: "visible" });
    await page.click("#lang-toggle");
    await expectScreen(app, "identity-enter-cccd", "Enter your CCCD number to update");
    await page.locator("#btn-read-card").waitFor({ state: "visible" });
    await expectText(app, "#btn-read-card", "Read the chip CCCD card", { exact: true });
    await page.fill("#cccd", "038078006789");
    await page.click("#btn-read-card");
    await page.locator("#card-result").waitFor();
    await expectText(app, "#card-result-title", "What the CCCD card says", { exact: true });
    assert.deepEqual(await page.$$eval("#card-table thead th", (ths) => ths.map((th) => th.textContent)), [
      "Detail",
      "On the account",
      "On the CCCD card",
    ]);
    await expectText(app, '#card-table tr[data-differs="true"] th', "Date of birthDifferent", { exact: true });
    await expectText(app, "#card-advice .card-advice-text", CARD_TEXTS.en.birth("05/11/1978", "11/05/1978"), { exact: true });
    await expectText(app, "#card-advice .card-tag", "Linking will fail until this is corrected", { exact: true });
    await shot(page, "card read english");
    await page.click("#btn-identity-cancel");
    await expectScreen(app, "identity", "Identity information");
    assert.equal(await page.locator("#card-panel").count(), 0);
    await app.done("card identity english");
  });

  test("kiosk: the panel asking for the card is large; all the card said goes with the session", async (t) => {
    const shell = new FakeShell({ mode: "kiosk", signedIn: "levancuong", reader: true });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    await page.locator("#btn-read-card").waitFor({ state: "visible" });
    const button = await page.locator("#btn-read-card").boundingBox();
    assert.ok(button.height >= 60, `a large target (${button.height}px)`);
    for (const digit of "038078006789") await page.click(`.keypad[data-for="cccd"] button[aria-label="Số ${digit}"]`);
    assert.equal(await page.inputValue("#cccd"), "038078006789");
    await page.click("#btn-read-card");
    await page.locator("#card-wait-title").waitFor();
    const art = await page.locator(".card-wait .card-art").boundingBox();
    assert.ok(art.width >= 300, `a large picture (${art.width}px)`);
    const cancel = await page.locator("#btn-card-cancel").boundingBox();
    assert.ok(cancel.height >= 60, `a large «Hủy» (${cancel.height}px)`);
    await axe(app, "the panel asking for the card, kiosk");
    await shot(page, "card kiosk place on reader");

    await emit(app, "card://readers", shell.placeCard());
    await page.locator("#card-result").waitFor();
    await expectText(app, '#card-table tr[data-differs="true"] .card-row-label', "Ngày sinh", { exact: true });
    await axe(app, "the card read, kiosk");
    await shot(page, "card kiosk read");

    // The locked card's dates have the pad with «/».
    shell.cardOutcomes.push("locked");
    await page.click("#btn-read-card");
    await page.locator("#card-expiry").waitFor();
    await page.locator('.keypad[data-for="card-expiry"]').waitFor({ state: "visible" });
    assert.equal(await page.locator('.keypad[data-for="card-expiry"] .key-slash').count(), 1);
    await shot(page, "card kiosk locked");

    await page.click("#btn-end-session");
    await page.locator("#end-confirm").waitFor();
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    await page.locator("#session-ended").waitFor();
    assert.equal(await page.locator("#card-panel, #card-reader").count(), 0);
    const text = await page.evaluate(() => document.body.textContent);
    assert.ok(!text.includes("038078006789") && !text.includes("11/05/1978"), "nothing of the card is left");
    // The screen stopped listening: a card placed now reads nothing.
    const reads = shell.count("read_card");
    await emit(app, "card://readers", shell.placeCard(false));
    await emit(app, "card://readers", shell.placeCard());
    await barrier(app);
    assert.equal(shell.count("read_card"), reads);
    await app.done("card kiosk session ended");
  });
});
