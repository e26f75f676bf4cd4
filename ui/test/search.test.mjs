// Hồ sơ đã nộp searched as the user types: the text goes to the shell after a short pause, marks
// are optional, answers overtaken by a newer query are dropped, typing never loses focus or its
// caret; the status, date and order filters send the right query, the dates are typed and read
// as dd/mm/yyyy in both languages (d/m/yyyy, . - / and full-width digits too) and a date that is
// not one is said next to its field, a date range the wrong way round is caught, and the query
// (with its pages) survives opening a dossier and coming back.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, barrier, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { emit } from "./support/flows.mjs";

const env = setup({ before, after });

const EVERYTHING = { text: "", statuses: [], from: null, to: null, order: "newest_first", offset: 0, limit: 20 };

async function toDossiers(app) {
  await app.page.click("#task-dossiers");
  await expectScreen(app, "dossiers");
  // The screen asks where the sync stands once it listens to its progress.
  await app.page.waitForFunction(() => document.querySelector("#sync-status[data-sync-state]") !== null);
  await barrier(app);
}

function lastQuery(shell) {
  return shell.last("dossiers").args.query;
}

/** Waits until the shell was asked for a list with this text (typing waits a moment first). */
async function asked(app, text) {
  const deadline = Date.now() + 5000;
  while (lastQuery(app.shell).text !== text) {
    assert.ok(Date.now() < deadline, `no query for «${text}»; the last was «${lastQuery(app.shell).text}»`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
  await barrier(app);
}

function titles(app) {
  return app.page.$$eval("[data-dossier-code] .card-title", (els) => els.map((e) => e.textContent));
}

function cardCount(app) {
  return app.page.locator("[data-dossier-code]").count();
}

describe("search", () => {
  test("the search box sends the text; «dang ky ket hon» finds «Đăng ký kết hôn»", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await expectText(app, "label[for=dossier-search]", "Tìm hồ sơ", { exact: true });
    assert.equal(await page.getAttribute("#dossier-search", "type"), "search");
    assert.equal(await page.getAttribute("#dossier-search", "placeholder"), "Mã hồ sơ, tên thủ tục, cơ quan…");
    await expectText(app, "#dossier-search-help", "không dấu");
    assert.equal(await page.isVisible("#btn-clear-filters"), false, "nothing to clear yet");
    await expectText(app, "#dossier-count", "1.200 hồ sơ", { exact: false });
    const calls = shell.count("dossiers");
    await page.click("#dossier-search");
    await page.keyboard.type("dang ky ket hon");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, text: "dang ky ket hon" });
    assert.ok(shell.count("dossiers") - calls < "dang ky ket hon".length, "one search per pause, not per key");
    assert.deepEqual(new Set(await titles(app)), new Set(["Đăng ký kết hôn"]));
    assert.equal(await cardCount(app), 20);
    await expectText(app, "#dossier-results [role=status]", "Tìm thấy 150 hồ sơ.", { exact: true });
    assert.equal(await focusedId(app), "dossier-search", "focus stays in the box");
    assert.equal(await page.evaluate(() => document.getElementById("dossier-search").selectionStart), 15);
    assert.equal(await page.isVisible("#btn-clear-filters"), true);
    await app.done("dossiers search dang ky ket hon");

    // With the marks, in capitals, and a word still being typed: the same dossiers.
    await page.fill("#dossier-search", "ĐĂNG KÝ KẾT HÔN");
    await asked(app, "ĐĂNG KÝ KẾT HÔN");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    await page.fill("#dossier-search", "dang ky ket h");
    await asked(app, "dang ky ket h");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    // A dossier code, part of the way.
    const code = (await page.getAttribute("[data-dossier-code] >> nth=3", "data-dossier-code")).slice(0, -2);
    await page.fill("#dossier-search", code);
    await asked(app, code);
    await expectText(app, "#dossier-count", "Tìm thấy");
    const codes = await page.$$eval("[data-dossier-code]", (els) => els.map((e) => e.getAttribute("data-dossier-code")));
    assert.ok(codes.length > 0 && codes.every((c) => c.startsWith(code)), `every code starts with ${code}`);
  });

  test("typing keeps focus and the caret while results and sync progress arrive", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200, cached: 600, sync: { state: "running", done: 600, total: 1200 } });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.click("#dossier-search");
    await page.keyboard.type("hon");
    await page.keyboard.press("Home");
    await page.keyboard.type("ket ");
    await emit(app, "sync://progress", shell.syncProgress(900));
    await expectText(app, "#sync-status", "Đang tải hồ sơ: 900 / 1.200");
    await expectText(app, "#dossier-count", "Tìm thấy");
    await page.keyboard.type("x");
    await page.keyboard.press("Backspace");
    await emit(app, "sync://progress", shell.syncDone());
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    assert.equal(await page.inputValue("#dossier-search"), "ket hon");
    assert.equal(await focusedId(app), "dossier-search");
    assert.deepEqual(
      await page.evaluate(() => {
        const input = document.getElementById("dossier-search");
        return [input.selectionStart, input.selectionEnd];
      }),
      [4, 4],
      "the caret is where it was",
    );
    await app.done();
  });

  test("an answer that comes back after a newer query is dropped", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    const release = shell.holdNext("dossiers");
    await page.fill("#dossier-search", "ket hon");
    // The held call reached the shell, and waits.
    await asked(app, "ket hon");
    await page.fill("#dossier-search", "khai sinh");
    await asked(app, "khai sinh");
    await expectText(app, "#dossier-count", "Tìm thấy 150 trên 1.200 hồ sơ");
    assert.deepEqual(new Set(await titles(app)), new Set(["Đăng ký khai sinh"]));
    release();
    await barrier(app);
    await barrier(app);
    assert.deepEqual(new Set(await titles(app)), new Set(["Đăng ký khai sinh"]), "the late answer is not shown");
    await expectText(app, "#dossier-results [role=status]", "Tìm thấy 150 hồ sơ.", { exact: true });
    await app.done();
  });

  test("status, date and order filters send the right query; «Xoá bộ lọc» clears them", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await expectText(app, "label[for=filter-status]", "Trạng thái", { exact: true });
    await expectText(app, "label[for=filter-from]", "Từ ngày", { exact: true });
    await expectText(app, "label[for=filter-to]", "Đến ngày", { exact: true });
    await expectText(app, "label[for=sort-order]", "Sắp xếp", { exact: true });
    const options = await page.$$eval("#filter-status option", (els) => els.map((e) => [e.value, e.textContent]));
    assert.equal(options.length, 11);
    assert.deepEqual(options[0], ["", "Tất cả trạng thái"]);
    assert.deepEqual(options[5], ["5", "Yêu cầu bổ sung giấy tờ"]);
    assert.deepEqual(
      await page.$$eval("#sort-order option", (els) => els.map((e) => e.textContent)),
      ["Mới nhất trước", "Cũ nhất trước"],
    );

    await page.selectOption("#filter-status", "5");
    await expectText(app, "#dossier-count", "Tìm thấy 120 trên 1.200 hồ sơ");
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, statuses: [5] });
    const statuses = await page.$$eval("[data-dossier-code] .badge", (els) => els.map((e) => e.getAttribute("data-status")));
    assert.deepEqual(new Set(statuses), new Set(["5"]));
    assert.equal(await page.isVisible("#btn-clear-filters"), true);

    // «Mới đăng ký» (not received yet) has its own colour too.
    await page.selectOption("#filter-status", "1");
    await expectText(app, "#dossier-count", "Tìm thấy 120 trên 1.200 hồ sơ");
    await page.waitForFunction(() => document.querySelector("[data-dossier-code] .badge")?.getAttribute("data-status") === "1");
    assert.deepEqual(
      new Set(await page.$$eval("[data-dossier-code] .badge", (els) => els.map((e) => e.className))),
      new Set(["badge badge-new"]),
    );
    await expectText(app, "[data-dossier-code]", "Chưa tiếp nhận");
    await page.selectOption("#filter-status", "");

    for (const id of ["filter-from", "filter-to"]) {
      assert.equal(await page.getAttribute(`#${id}`, "type"), "text");
      assert.equal(await page.getAttribute(`#${id}`, "placeholder"), "dd/mm/yyyy");
    }
    await expectText(app, "#filter-dates-hint", "Gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2024.", { exact: true });
    await page.fill("#filter-from", "01/01/2024");
    await page.fill("#filter-to", "31/03/2024");
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("Tìm thấy"));
    await barrier(app);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-01-01", to: "2024-03-31" });
    await page.selectOption("#sort-order", "oldest_first");
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("cũ nhất ở trên"));
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-01-01", to: "2024-03-31", order: "oldest_first" });
    const days = await page.$$eval("[data-dossier-code]", (els) =>
      els.map((e) => {
        const received = e.querySelectorAll(".card-meta")[1].textContent;
        const [d, m, y] = received.match(/(\d\d)\/(\d\d)\/(\d{4})/).slice(1);
        return `${y}-${m}-${d}`;
      }),
    );
    assert.ok(days.length > 0 && days.every((d) => d >= "2024-01-01" && d <= "2024-03-31"), `received in range: ${days}`);
    assert.deepEqual(days, [...days].sort(), "oldest first");
    await app.done("dossiers filters");

    await page.click("#btn-clear-filters");
    await expectText(app, "#dossier-count", "1.200 hồ sơ · Đang hiển thị 20 trên 1.200 hồ sơ, cũ nhất ở trên.", { exact: true });
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, order: "oldest_first" }, "the order stays");
    assert.equal(await page.inputValue("#filter-from"), "");
    assert.equal(await page.inputValue("#filter-to"), "");
    assert.equal(await page.inputValue("#filter-status"), "");
    assert.equal(await page.isVisible("#btn-clear-filters"), false);
    assert.equal(await focusedId(app), "dossier-search", "focus goes to the search box");
  });

  test("«Từ ngày» after «Đến ngày»: a clear message, and nothing is asked", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#filter-to", "31/01/2024");
    await expectText(app, "#dossier-count", "Tìm thấy");
    await barrier(app);
    const calls = shell.count("dossiers");
    await page.fill("#filter-from", "01/06/2024");
    await page.locator("#filter-dates-error").waitFor({ state: "visible" });
    await expectText(
      app,
      "#filter-dates-error",
      "«Từ ngày» phải trước hoặc trùng với «Đến ngày». Hãy sửa lại một trong hai ngày.",
      { exact: true },
    );
    assert.equal(await page.getAttribute("#filter-dates-error", "role"), "alert");
    for (const id of ["filter-from", "filter-to"]) {
      assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true");
      assert.ok((await page.getAttribute(`#${id}`, "aria-describedby")).includes("filter-dates-error"));
    }
    await barrier(app);
    assert.equal(shell.count("dossiers"), calls, "no query with the dates the wrong way round");
    await app.done("dossiers dates reversed");
    await page.fill("#filter-to", "30/06/2024");
    await page.locator("#filter-dates-error").waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#filter-from").getAttribute("aria-invalid") === null);
    await barrier(app);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-06-01", to: "2024-06-30" });
  });

  test("dates are typed as dd/mm/yyyy: d/m/yyyy, . and -, full-width digits, or ddmmyyyy", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    for (const [typed, iso, shown] of [
      ["1/2/2024", "2024-02-01", "01/02/2024"],
      ["5.3.2024", "2024-03-05", "05/03/2024"],
      ["29-02-2024", "2024-02-29", "29/02/2024"],
      ["１５／０３／２０２４", "2024-03-15", "15/03/2024"],
      ["１５－０３－２０２４", "2024-03-15", "15/03/2024"],
      [" 7 / 4 / 2024 ", "2024-04-07", "07/04/2024"],
      ["10042024", "2024-04-10", "10/04/2024"],
    ]) {
      await page.fill("#filter-from", "");
      await page.click("#filter-from");
      await page.keyboard.insertText(typed);
      const deadline = Date.now() + 5000;
      while (lastQuery(shell).from !== iso) {
        assert.ok(Date.now() < deadline, `«${typed}» asks from ${iso}; the last query had ${lastQuery(shell).from}`);
        await new Promise((ok) => setTimeout(ok, 10));
      }
      assert.equal(await page.getAttribute("#filter-from", "aria-invalid"), null, `«${typed}» is a date`);
      // Left, the field shows the date as dd/mm/yyyy.
      await page.keyboard.press("Tab");
      assert.equal(await page.inputValue("#filter-from"), shown, `«${typed}» shown as ${shown}`);
    }
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-04-10" });
    await app.done("dossiers date typed");
  });

  test("a date that is not one is said next to its field, and nothing is asked", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#filter-from", "01/01/2024");
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("Tìm thấy"));
    await barrier(app);
    const calls = shell.count("dossiers");
    const expectError = async (id, typed, message, { leave = false } = {}) => {
      await page.fill(`#${id}`, typed);
      if (leave) await page.keyboard.press("Tab");
      await page.locator(`#${id}-error`).waitFor({ state: "visible" });
      await expectText(app, `#${id}-error`, message, { exact: true });
      assert.equal(await page.getAttribute(`#${id}-error`, "role"), "alert");
      assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true");
      assert.ok((await page.getAttribute(`#${id}`, "aria-describedby")).split(" ").includes(`${id}-error`));
      // The error sits right under its own field.
      const [field, error] = await page.$$eval([`#${id}`, `#${id}-error`].join(","), (els) =>
        els.map((e) => e.getBoundingClientRect().toJSON()),
      );
      assert.ok(error.top >= field.bottom && error.top - field.bottom < 30 && Math.abs(error.left - field.left) < 5, "under the field");
    };
    await expectError("filter-from", "31/02/2024", "Không có ngày 31/02/2024 trên lịch. Hãy kiểm tra lại ngày và tháng.");
    await app.done("dossiers date not on the calendar");
    await expectError("filter-from", "15/13/2024", "Không có ngày 15/13/2024 trên lịch. Hãy kiểm tra lại ngày và tháng.");
    await expectError("filter-from", "29/02/2023", "Không có ngày 29/02/2023 trên lịch. Hãy kiểm tra lại ngày và tháng.");
    await expectError("filter-from", "15/03/1899", "Năm phải từ 1900 đến 2100.");
    await expectError("filter-to", "01/01/2101", "Năm phải từ 1900 đến 2100.");
    await expectError("filter-to", "hôm qua", "Chưa đúng dạng ngày. Hãy gõ ngày/tháng/năm, ví dụ 05/03/2024.");
    // A date still being typed is not wrong yet; once the field is left, it is.
    await page.fill("#filter-to", "15/03/20");
    await page.locator("#filter-to-error").waitFor({ state: "hidden" });
    assert.equal(await page.getAttribute("#filter-to", "aria-invalid"), null);
    await expectError("filter-to", "15/03/20", "Chưa đúng dạng ngày. Hãy gõ ngày/tháng/năm, ví dụ 05/03/2024.", { leave: true });
    await barrier(app);
    assert.equal(shell.count("dossiers"), calls, "no query while a date is not one");
    assert.equal(await page.isVisible("#btn-clear-filters"), true, "what was typed can be cleared");
    await app.done("dossiers date unfinished");
    // Put right, the message goes and the query is asked.
    await page.fill("#filter-to", "15/03/2024");
    await page.locator("#filter-to-error").waitFor({ state: "hidden" });
    await page.fill("#filter-from", "1/3/2024");
    await page.locator("#filter-from-error").waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#filter-from").getAttribute("aria-invalid") === null);
    await barrier(app);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-03-01", to: "2024-03-15" });
    // «Xoá bộ lọc» takes a wrong date and its message away too.
    await page.fill("#filter-from", "32/01/2024");
    await page.locator("#filter-from-error").waitFor({ state: "visible" });
    await page.click("#btn-clear-filters");
    await page.locator("#filter-from-error").waitFor({ state: "hidden" });
    assert.equal(await page.inputValue("#filter-from"), "");
    assert.equal(await page.inputValue("#filter-to"), "");
    await barrier(app);
    assert.deepEqual(lastQuery(shell), EVERYTHING);
  });

  test("in English the dates still read and are typed as dd/mm/yyyy", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#filter-from", "01/02/2024");
    await barrier(app);
    await page.click("#lang-toggle");
    await expectScreen(app, "dossiers", "Submitted dossiers");
    await expectText(app, "label[for=filter-from]", "From", { exact: true });
    await expectText(app, "label[for=filter-to]", "To", { exact: true });
    assert.equal(await page.inputValue("#filter-from"), "01/02/2024", "1 February, not 2 January");
    assert.equal(await page.getAttribute("#filter-from", "placeholder"), "dd/mm/yyyy");
    await expectText(app, "#filter-dates-hint", "Type the date as day/month/year, for example 05/03/2024.", { exact: true });
    // 13 is a day here: as mm/dd it would not be a date at all.
    await page.fill("#filter-to", "13/04/2024");
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("Found"));
    await barrier(app);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, from: "2024-02-01", to: "2024-04-13", limit: 20 });
    await page.fill("#filter-to", "31/04/2024");
    await expectText(app, "#filter-to-error", "There is no such day as 31/04/2024. Please check the day and the month.", { exact: true });
    await page.fill("#filter-to", "2024");
    await page.keyboard.press("Tab");
    await expectText(app, "#filter-to-error", "This is not a date yet. Please type day/month/year, for example 05/03/2024.", {
      exact: true,
    });
    await page.fill("#filter-to", "01/01/2024");
    await expectText(app, "#filter-dates-error", "«From» must be on or before «To». Please correct one of the two dates.", { exact: true });
    await app.done("dossiers dates english");
  });

  test("nothing found says so and offers to clear", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#dossier-search", "giay phep xay dung");
    await page.locator("#dossiers-no-match").waitFor();
    await expectText(app, "#dossiers-no-match", "Không tìm thấy hồ sơ nào phù hợp.");
    await expectText(app, "#dossiers-no-match", "gõ không dấu cũng được");
    await expectText(app, "#dossier-count", "Tìm thấy 0 trên 1.200 hồ sơ", { exact: true });
    await expectText(app, "#dossier-results [role=status]", "Không tìm thấy hồ sơ nào phù hợp.", { exact: true });
    assert.equal(await cardCount(app), 0);
    assert.equal(await page.isVisible("#btn-more"), false);
    await app.done("dossiers nothing found");
    await page.click("#btn-clear-filters-empty");
    await expectText(app, "#dossier-count", "1.200 hồ sơ");
    assert.equal(await page.inputValue("#dossier-search"), "");
    assert.equal(await focusedId(app), "dossier-search");
    assert.equal(await cardCount(app), 20);
  });

  test("paging keeps the query, a new query starts again at page 1, and «Quay lại» keeps it all", async (t) => {
    const shell = new FakeShell({ signedIn: "nguyenvanan", dossiers: 1200 });
    const app = await openApp(env, t, shell);
    const { page } = app;
    await toDossiers(app);
    await page.fill("#dossier-search", "dang ky");
    await expectText(app, "#dossier-count", "Tìm thấy 600 trên 1.200 hồ sơ · Đang hiển thị 20 trên 600 hồ sơ");
    await page.click("#btn-more");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 40);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, text: "dang ky", offset: 20 });
    await page.selectOption("#sort-order", "oldest_first");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 20);
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, text: "dang ky", order: "oldest_first" }, "back to page 1");
    await page.click("#btn-more");
    await page.waitForFunction(() => document.querySelectorAll("[data-dossier-code]").length === 40);
    const shown = await page.$$eval("[data-dossier-code]", (els) => els.map((e) => e.getAttribute("data-dossier-code")));
    await page.click(`[data-dossier-code="${shown[30]}"]`);
    await expectScreen(app, "dossier-detail");
    const calls = shell.count("dossiers");
    await page.click("#btn-back");
    await expectScreen(app, "dossiers");
    assert.equal(await page.inputValue("#dossier-search"), "dang ky");
    assert.equal(await page.inputValue("#sort-order"), "oldest_first");
    assert.deepEqual(
      await page.$$eval("[data-dossier-code]", (els) => els.map((e) => e.getAttribute("data-dossier-code"))),
      shown,
      "the same dossiers, in the same order",
    );
    await barrier(app);
    assert.equal(shell.count("dossiers"), calls, "not asked again");
    assert.equal(await page.isVisible("#btn-clear-filters"), true);

    // The language switch reads the same list again, in English.
    await page.click("#lang-toggle");
    await expectScreen(app, "dossiers", "Submitted dossiers");
    await expectText(app, "#dossier-count", "Found 600 of 1,200 dossiers · Showing 40 of 600, oldest first.", { exact: true });
    assert.equal(await page.inputValue("#dossier-search"), "dang ky");
    assert.deepEqual(lastQuery(shell), { ...EVERYTHING, text: "dang ky", order: "oldest_first", limit: 40 });
    await expectText(app, "label[for=filter-status]", "Status", { exact: true });
    await expectText(app, "#filter-status option:first-child", "All statuses", { exact: true });
    await app.done("dossiers search english");
  });
});
