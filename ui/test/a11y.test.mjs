// Accessibility, checked by axe-core: every screen of the app (each `data-screen`), in Vietnamese,
// on a laptop and on a kiosk, with the dialogs (the end-session confirmation, the idle warning),
// the error states of the forms (the date filters too), the saved copy of a laptop started
// without a network and large text, must have no violation of any of axe's default rules
// (WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { FakeShell, OFFICER_PIN, FAILURE_TITLES, expectScreen, openApp, setup } from "./support/harness.mjs";
import { emit, toCode, toCredentials, toEnterCccd, toSigninChoice, toVneidWaiting } from "./support/flows.mjs";

const env = setup({ before, after });

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Every screen the app has; the tests below must each have been checked in both modes. */
const SCREENS = [
  "home",
  "signin-choice",
  "credentials",
  "code",
  "account-unavailable",
  "enter-cccd",
  "match-failed",
  "vneid-waiting",
  "vneid-working",
  "vneid-failed",
  "personal",
  "identity",
  "identity-enter-cccd",
  "identity-match-failed",
  "identity-preview",
  "dossiers",
  "dossier-detail",
  "error",
  "officer-pin",
  "audit",
];

const seen = { laptop: new Set(), kiosk: new Set() };

/**
 * Runs axe on the whole page (injected through the debugging protocol, so the page's CSP is not
 * touched) and fails with each violation, its rule and the elements it concerns.
 */
async function check(app, mode, what) {
  const { page } = app;
  const screen = await page.evaluate(() => document.querySelector("[data-screen]")?.getAttribute("data-screen") ?? "");
  seen[mode].add(screen);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
    }));
  });
  assert.deepEqual(violations, [], `axe on ${what} (${mode}, screen ${screen}):\n${JSON.stringify(violations, null, 2)}`);
}

for (const mode of ["laptop", "kiosk"]) {
  const shell = (opts = {}) => new FakeShell({ mode, ...opts });

  describe(`accessibility (axe), ${mode}`, () => {
    test("home, the sign-in choice, the portal sign-in with its errors", async (t) => {
      const app = await openApp(env, t, shell());
      const { page } = app;
      await check(app, mode, "home");
      await toSigninChoice(app);
      await check(app, mode, "signin-choice");
      await page.click("#btn-signin-portal");
      await expectScreen(app, "credentials");
      await check(app, mode, "credentials");
      await page.click("#btn-submit-password");
      await page.locator("#username-error").waitFor();
      await check(app, mode, "credentials, empty fields");
      await page.fill("#username", "tranthibinh");
      await page.fill("#password", "sai");
      await page.click("#btn-submit-password");
      await page.locator('[data-screen="credentials"] .box-error').waitFor();
      await check(app, mode, "credentials, wrong password");
      await page.fill("#password", "Matkhau@123");
      await page.click("#btn-submit-password");
      await expectScreen(app, "code");
      await check(app, mode, "code");
      await page.fill("#otp", "1");
      await page.click("#btn-submit-code");
      await page.locator("#otp-error").waitFor();
      await check(app, mode, "code, short code");
    });

    test("the CCCD step: the field, its problems and warnings, a failed match", async (t) => {
      const app = await openApp(env, t, shell());
      const { page } = app;
      await toEnterCccd(app);
      await check(app, mode, "enter-cccd");
      await page.click("#btn-update-cccd");
      await page.locator("#cccd-error").waitFor();
      await check(app, mode, "enter-cccd, empty");
      await page.fill("#cccd", "099190004321");
      await page.click("#btn-update-cccd");
      await page.locator("#cccd-warnings").waitFor();
      await check(app, mode, "enter-cccd, warnings");
      await page.fill("#cccd", "079190999999");
      await page.click("#btn-update-cccd");
      await expectScreen(app, "match-failed", FAILURE_TITLES.unknown_number);
      await check(app, mode, "match-failed");
    });

    test("an account that could not be opened", async (t) => {
      const app = await openApp(env, t, shell());
      const { page } = app;
      await toCode(app, "loitaikhoan");
      await page.fill("#otp", "123456");
      await page.click("#btn-submit-code");
      await expectScreen(app, "account-unavailable");
      await check(app, mode, "account-unavailable");
    });

    test("VNeID: waiting, working, failed", async (t) => {
      const s = shell();
      const app = await openApp(env, t, s);
      await toVneidWaiting(app);
      await check(app, mode, "vneid-waiting");
      await emit(app, "vneid://changed", s.vneidWorking());
      await expectScreen(app, "vneid-working");
      await check(app, mode, "vneid-working");
      await emit(app, "vneid://changed", s.vneidFailed());
      await expectScreen(app, "vneid-failed");
      await check(app, mode, "vneid-failed");
    });

    test("personal and identity information, the identity update", async (t) => {
      const app = await openApp(env, t, shell({ signedIn: "tranthibinh" }));
      const { page } = app;
      await check(app, mode, "home, signed in");
      await page.click("#task-personal");
      await expectScreen(app, "personal");
      await check(app, mode, "personal");
      await page.click("#btn-identity-open");
      await expectScreen(app, "identity");
      await check(app, mode, "identity");
      await page.click("#btn-identity-refresh");
      await expectScreen(app, "identity-enter-cccd");
      await check(app, mode, "identity-enter-cccd");
      await page.fill("#cccd", "079190999999");
      await page.click("#btn-update-cccd");
      await expectScreen(app, "identity-match-failed", FAILURE_TITLES.unknown_number);
      await check(app, mode, "identity-match-failed");
      await page.click("#btn-edit-cccd");
      await expectScreen(app, "identity-enter-cccd");
      await page.fill("#cccd", "079190004321");
      await page.click("#btn-update-cccd");
      await expectScreen(app, "identity-preview");
      await check(app, mode, "identity-preview");
      await page.click("#btn-identity-confirm");
      await page.locator("#identity-notice").waitFor();
      await check(app, mode, "identity, updated");
    });

    test("submitted dossiers, a search with nothing found, the detail, offline", async (t) => {
      const s = shell({ signedIn: "nguyenvanan" });
      const app = await openApp(env, t, s);
      const { page } = app;
      await page.click("#task-dossiers");
      await expectScreen(app, "dossiers");
      await check(app, mode, "dossiers");
      await page.fill("#dossier-search", "khong co gi nhu the nay");
      await page.locator("#dossiers-no-match").waitFor();
      await check(app, mode, "dossiers, nothing found");
      await page.click("#btn-clear-filters-empty");
      await page.locator("[data-dossier-code]").first().waitFor();
      await emit(app, "sync://progress", s.syncOffline());
      await page.locator(".sync-status.is-banner").waitFor();
      await check(app, mode, "dossiers, offline");
      await page.locator("[data-dossier-code]").first().click();
      await expectScreen(app, "dossier-detail");
      await check(app, mode, "dossier-detail");
    });

    test("the date filters: a wrong date, dates the wrong way round, the pad", async (t) => {
      const app = await openApp(env, t, shell({ signedIn: "nguyenvanan" }));
      const { page } = app;
      await page.click("#task-dossiers");
      await expectScreen(app, "dossiers");
      await page.click("#filter-from");
      await page.fill("#filter-from", "31/02/2024");
      await page.locator("#filter-from-error").waitFor({ state: "visible" });
      await check(app, mode, "dossiers, a date not on the calendar");
      await page.fill("#filter-from", "01/06/2024");
      await page.fill("#filter-to", "01/01/2024");
      await page.locator("#filter-dates-error").waitFor({ state: "visible" });
      await check(app, mode, "dossiers, dates the wrong way round");
    });

    test("the saved copy of a laptop started without a network", async (t) => {
      const s = shell({ offlineAsOf: "15/03/2026 09:30" });
      const app = await openApp(env, t, s);
      const { page } = app;
      await page.locator("#offline-session").waitFor();
      await check(app, mode, "home, saved copy");
      await page.click("#task-dossiers");
      await expectScreen(app, "dossiers");
      await page.locator("#offline-banner").waitFor();
      await page.click("#btn-sync-retry");
      await page.locator("#offline-retrying").waitFor();
      await check(app, mode, "dossiers, saved copy, trying again");
      await page.click("#btn-home");
      await page.click("#task-identity");
      await expectScreen(app, "identity");
      await page.locator("#identity-refresh-reason").waitFor();
      await check(app, mode, "identity, saved copy, the update disabled");
      await page.click("#lang-toggle");
      await expectScreen(app, "identity", "Identity information");
      await check(app, mode, "identity, saved copy, English");
    });

    test("the error screen", async (t) => {
      const s = shell({ signedIn: "nguyenvanan" });
      const app = await openApp(env, t, s);
      s.failNext("dossiers", "maintenance");
      await app.page.click("#task-dossiers");
      await expectScreen(app, "error", "Hệ thống đang bảo trì");
      await check(app, mode, "error");
    });

    test("the officer PIN (wrong, not set) and the audit log", async (t) => {
      const app = await openApp(env, t, shell());
      const { page } = app;
      await page.click("#btn-officer");
      await expectScreen(app, "officer-pin", "Dành cho cán bộ");
      await check(app, mode, "officer-pin");
      await page.fill("#officer-pin", "1");
      await page.click("#btn-officer-open");
      await page.locator("#officer-pin-error:not([hidden])").waitFor();
      await check(app, mode, "officer-pin, wrong PIN");
      await page.fill("#officer-pin", OFFICER_PIN);
      await page.click("#btn-officer-open");
      await expectScreen(app, "audit", "Nhật ký sử dụng máy");
      await page.click("#btn-audit-export");
      await page.locator("#audit-exported:not(:empty)").waitFor();
      await check(app, mode, "audit");

      const none = await openApp(env, t, shell({ officerPin: null }));
      await none.page.click("#btn-officer");
      await none.page.fill("#officer-pin", "1");
      await none.page.click("#btn-officer-open");
      await none.page.locator("#officer-not-configured").waitFor();
      await check(none, mode, "officer-pin, not configured");
    });

    test("large text", async (t) => {
      const app = await openApp(env, t, shell({ signedIn: "nguyenvanan" }));
      const { page } = app;
      await page.click("#btn-large-text");
      await check(app, mode, "home, large text");
      await page.click("#task-dossiers");
      await expectScreen(app, "dossiers");
      await check(app, mode, "dossiers, large text");
    });

    if (mode === "kiosk") {
      test("the end-session confirmation and the idle warning", async (t) => {
        // Warning 20 s before a 22 s time-out: it shows 2 s after the screen is left.
        const app = await openApp(env, t, shell({ idleTimeout: 22, idleWarning: 20 }));
        const { page } = app;
        await toCredentials(app);
        await page.click("#btn-end-session");
        await page.locator("#end-confirm").waitFor();
        await check(app, mode, "end-session confirmation");
        await page.click("#btn-end-cancel");
        await page.locator("#end-confirm").waitFor({ state: "detached" });
        await page.locator("#idle-warning").waitFor({ timeout: 10_000 });
        await check(app, mode, "idle warning");
        await page.click("#btn-idle-continue");
        await page.locator("#idle-warning").waitFor({ state: "detached" });
      });
    }

    test("every screen was checked", () => {
      assert.deepEqual([...seen[mode]].sort(), [...SCREENS].sort());
    });
  });
}
