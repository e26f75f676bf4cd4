// Reading and typing help: the «Chữ lớn» switch in the header (125% text, no layout broken, reset
// for the next citizen on a kiosk) and the kiosk's on-screen number pad under every CCCD field,
// the officer PIN and the dossiers' date filters, with a «/» key there (taps edit at the caret like
// keys; absent on a laptop; keys of 60×60 px).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FakeShell, OFFICER_PIN, barrier, expectScreen, expectText, focusedId, openApp, setup } from "./support/harness.mjs";
import { toEnterCccd } from "./support/flows.mjs";

const env = setup({ before, after });

const kiosk = (opts = {}) => new FakeShell({ mode: "kiosk", ...opts });

const rootSize = (page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

/** Whether the page scrolls sideways (a layout broken by the larger text). */
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Taps the pad's keys for `text` (digits and "/"; "⌫" is «Xoá», "∅" is «Xoá hết»). */
async function tap(page, text, field = "cccd") {
  for (const ch of text) {
    const label =
      ch === "⌫" ? "Xoá chữ số trước con trỏ" : ch === "∅" ? "Xoá hết các chữ số đã nhập" : ch === "/" ? "Dấu gạch chéo /" : `Số ${ch}`;
    await page.click(`.keypad[data-for="${field}"] button[aria-label="${label}"]`);
  }
}

describe("large text", () => {
  test("«Chữ lớn» scales the text by 125% without breaking the layout, for the run on a laptop", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "nguyenvanan" }));
    const { page } = app;
    const btn = page.locator("header #btn-large-text");
    await expectText(app, "#btn-large-text", "Chữ lớn");
    assert.equal(await btn.getAttribute("aria-pressed"), "false");
    assert.equal(await rootSize(page), "20px");
    const h1 = async () => parseFloat(await page.evaluate(() => getComputedStyle(document.querySelector("h1")).fontSize));
    const before = await h1();
    await btn.click();
    assert.equal(await btn.getAttribute("aria-pressed"), "true");
    assert.equal(await focusedId(app), "btn-large-text", "focus stays on the switch");
    assert.equal(await rootSize(page), "25px");
    assert.ok(Math.abs((await h1()) / before - 1.25) < 0.01, "the title is 125% too");
    assert.equal(await overflows(page), false, "home fits");
    await app.done("large text home");
    for (const [tile, screen] of [
      ["#task-dossiers", "dossiers"],
      ["#task-personal", "personal"],
    ]) {
      await page.click("#btn-home");
      await page.click(tile);
      await expectScreen(app, screen);
      assert.equal(await overflows(page), false, `${screen} fits`);
    }
    await page.setViewportSize({ width: 800, height: 900 });
    assert.equal(await overflows(page), false, "fits a narrow window too");
    await page.setViewportSize({ width: 1280, height: 900 });
    // Kept through screens and the language switch, for this run.
    await page.click("#lang-toggle");
    await expectScreen(app, "personal", "Personal information");
    await expectText(app, "#btn-large-text", "Large text");
    assert.equal(await page.getAttribute("#btn-large-text", "aria-pressed"), "true");
    assert.equal(await rootSize(page), "25px");
    await page.click("#btn-large-text");
    assert.equal(await page.getAttribute("#btn-large-text", "aria-pressed"), "false");
    assert.equal(await rootSize(page), "20px");
  });

  test("on a kiosk it ends with the session", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan" }));
    const { page } = app;
    await page.click("#btn-large-text");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    assert.equal(await rootSize(page), "25px");
    assert.equal(await overflows(page), false, "the kiosk's header fits");
    await page.click("#btn-end-session");
    await page.click("#btn-end-confirm");
    await expectScreen(app, "home");
    assert.equal(await page.getAttribute("#btn-large-text", "aria-pressed"), "false");
    assert.equal(await rootSize(page), "20px");
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("large-text")), false);
  });
});

describe("kiosk number pad", () => {
  test("taps give the same number as typing, at the caret; «Xoá» and «Xoá hết»", async (t) => {
    const app = await openApp(env, t, kiosk());
    const { page } = app;
    await toEnterCccd(app);
    const pad = page.locator('[data-screen="enter-cccd"] .keypad[data-for="cccd"]');
    assert.equal(await pad.count(), 1);
    assert.equal(await pad.getAttribute("role"), "group");
    assert.equal(await pad.getAttribute("aria-label"), "Bàn phím số: Số CCCD (12 chữ số)");
    assert.deepEqual(
      await pad.locator("button").evaluateAll((bs) => bs.map((b) => [b.textContent, b.getAttribute("aria-label"), b.type])),
      [
        ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => [d, `Số ${d}`, "button"]),
        ["Xoá hết", "Xoá hết các chữ số đã nhập", "button"],
        ["0", "Số 0", "button"],
        ["Xoá", "Xoá chữ số trước con trỏ", "button"],
      ],
    );
    for (const box of await pad.locator("button").evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width >= 60 && box.height >= 60, `key of ${box.width}×${box.height}`);
    }
    // The field's own `input` events still fire, one a tap.
    await page.evaluate(() => {
      window.__inputs = 0;
      document.querySelector("#cccd").addEventListener("input", () => (window.__inputs += 1));
    });
    await tap(page, "079190004321");
    assert.equal(await page.inputValue("#cccd"), "079190004321");
    assert.equal(await page.evaluate(() => window.__inputs), 12);
    await app.done("kiosk keypad on the CCCD screen");
    // The same by typing.
    await page.fill("#cccd", "");
    await page.click("#cccd");
    await page.keyboard.type("079190004321");
    const typed = await page.inputValue("#cccd");
    assert.equal(typed, "079190004321", "the physical keyboard works too");
    // «Xoá» deletes before the caret; a tap goes in at the caret.
    await tap(page, "⌫⌫");
    assert.equal(await page.inputValue("#cccd"), "0791900043");
    await page.evaluate(() => document.querySelector("#cccd").setSelectionRange(4, 4));
    await tap(page, "55");
    assert.equal(await page.inputValue("#cccd"), "079155900043");
    await tap(page, "⌫⌫");
    assert.equal(await page.inputValue("#cccd"), "0791900043");
    // A selection is replaced, as a key would.
    await page.evaluate(() => document.querySelector("#cccd").setSelectionRange(0, 4));
    await tap(page, "8");
    assert.equal(await page.inputValue("#cccd"), "8900043");
    await tap(page, "∅");
    assert.equal(await page.inputValue("#cccd"), "");
    await tap(page, "⌫");
    assert.equal(await page.inputValue("#cccd"), "", "«Xoá» on an empty field does nothing");
    // The check and the update behave as with typed digits.
    await tap(page, "0791");
    await page.click("#btn-update-cccd");
    await expectText(app, "#cccd-error", "Số CCCD có 12 chữ số, bạn đã nhập 4 chữ số.");
    await tap(page, "90004321");
    await page.click("#btn-update-cccd");
    await expectScreen(app, "dossiers");
    assert.equal(app.shell.last("wizard").args.input.input, "079190004321");
  });

  test("Thông tin định danh and the officer PIN have it too; large text keeps the keys big", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "tranthibinh" }));
    const { page } = app;
    await page.click("#task-identity");
    await expectScreen(app, "identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    assert.equal(await page.locator('.keypad[data-for="cccd"]').count(), 1);
    await tap(page, "079190004321");
    assert.equal(await page.inputValue("#cccd"), "079190004321");
    await page.click("#btn-home");
    await page.click("#btn-officer");
    await expectScreen(app, "officer-pin", "Dành cho cán bộ");
    await page.click("#btn-large-text");
    for (const box of await page.locator('.keypad[data-for="officer-pin"] button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width >= 60 && box.height >= 60, `key of ${box.width}×${box.height} with large text`);
    }
    assert.equal(await overflows(page), false);
    await tap(page, "1", "officer-pin");
    await page.click("#btn-officer-open");
    await expectText(app, "#officer-pin-error", "Mã PIN không đúng");
    assert.equal(await page.inputValue("#officer-pin"), "");
    await tap(page, OFFICER_PIN, "officer-pin");
    assert.equal(await page.inputValue("#officer-pin"), OFFICER_PIN);
    await app.done("kiosk keypad on the officer PIN with large text");
    await page.click("#btn-officer-open");
    await expectScreen(app, "audit", "Nhật ký sử dụng máy");
  });

  test("the date filters have it with a «/» key, while a date field is in use", async (t) => {
    const app = await openApp(env, t, kiosk({ signedIn: "nguyenvanan", dossiers: 1200 }));
    const { page, shell } = app;
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    const pad = page.locator('.keypad[data-for="filter-from"]');
    assert.equal(await pad.count(), 1);
    assert.equal(await page.locator('.keypad[data-for="filter-to"]').count(), 1);
    assert.equal(await pad.isVisible(), false, "hidden until the field is used");
    await page.click("#filter-from");
    await pad.waitFor({ state: "visible" });
    assert.equal(await page.isVisible('.keypad[data-for="filter-to"]'), false, "one pad at a time");
    assert.equal(await pad.getAttribute("aria-label"), "Bàn phím số: Từ ngày");
    assert.deepEqual(
      await pad.locator("button").evaluateAll((bs) => bs.map((b) => [b.textContent, b.getAttribute("aria-label")])),
      [
        ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => [d, `Số ${d}`]),
        ["/", "Dấu gạch chéo /"],
        ["0", "Số 0"],
        ["Xoá", "Xoá chữ số trước con trỏ"],
        ["Xoá hết", "Xoá hết các chữ số đã nhập"],
      ],
    );
    for (const box of await pad.locator("button").evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width >= 60 && box.height >= 60, `key of ${box.width}×${box.height}`);
    }
    await tap(page, "1/2/2024", "filter-from");
    assert.equal(await page.inputValue("#filter-from"), "1/2/2024");
    assert.equal(await focusedId(app), "filter-from", "the taps leave focus in the field");
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("Tìm thấy"));
    await barrier(app);
    assert.equal(shell.last("dossiers").args.query.from, "2024-02-01");
    await app.done("kiosk keypad on a date filter");
    // A wrong date is said as when typed; «Xoá» and «Xoá hết» put it right.
    await tap(page, "⌫⌫⌫⌫2101", "filter-from");
    await expectText(app, "#filter-from-error", "Năm phải từ 1900 đến 2100.", { exact: true });
    await tap(page, "∅", "filter-from");
    assert.equal(await page.inputValue("#filter-from"), "");
    await page.locator("#filter-from-error").waitFor({ state: "hidden" });
    // The other field has its own pad; leaving the dates hides them.
    await page.click("#filter-to");
    await page.locator('.keypad[data-for="filter-to"]').waitFor({ state: "visible" });
    // The first one goes once the press is over (so nothing moves under the finger meanwhile).
    await pad.waitFor({ state: "hidden" });
    await tap(page, "31/03/2024", "filter-to");
    await barrier(app);
    await page.waitForFunction(() => document.querySelector("#dossier-count").textContent.includes("Tìm thấy"));
    assert.deepEqual([shell.last("dossiers").args.query.from, shell.last("dossiers").args.query.to], [null, "2024-03-31"]);
    await page.click("#dossier-search");
    await page.locator('.keypad[data-for="filter-to"]').waitFor({ state: "hidden" });
    // Shown as dd/mm/yyyy once left.
    assert.equal(await page.inputValue("#filter-to"), "31/03/2024");
  });

  test("no pad on a laptop", async (t) => {
    const app = await openApp(env, t, new FakeShell({ signedIn: "tranthibinh" }));
    const { page } = app;
    await page.click("#task-identity");
    await page.click("#btn-identity-refresh");
    await expectScreen(app, "identity-enter-cccd");
    assert.equal(await page.locator(".keypad").count(), 0);
    await page.click("#btn-home");
    await page.click("#btn-officer");
    await expectScreen(app, "officer-pin", "Dành cho cán bộ");
    assert.equal(await page.locator(".keypad").count(), 0);
    await page.click("#btn-home");
    await page.click("#task-dossiers");
    await expectScreen(app, "dossiers");
    await page.click("#filter-from");
    assert.equal(await page.locator(".keypad").count(), 0);
    const fresh = await openApp(env, t);
    await toEnterCccd(fresh);
    assert.equal(await fresh.page.locator(".keypad").count(), 0);
  });
});
