// The page around the screens: the header (the brand, «Chữ lớn», «Trang chủ», the language switch,
// «Kết thúc phiên» or «Đăng xuất», the sandbox banner, who is signed in or whose saved copy is open
// offline), the shell's notices, the footer and the skip link; the screens themselves go in
// `page.main`.

import { emblem, h, icon, replace } from "./dom";
import { lang, tr } from "./i18n";
import { call } from "./ipc";
import { kiosk, markDirty, state } from "./state";
import type { AppInfo, Notice, SessionView } from "./contract";
import { alertBox, button } from "./ui";
import "./chrome.css";

/** What the header's buttons do; the app (app.ts) wires them. */
export interface ChromeActions {
  act: (button: HTMLElement | null, busyText: string, op: () => Promise<void>) => void;
  goHome: () => void;
  switchLanguage: (next: AppInfo["lang"]) => Promise<void>;
  signOut: () => Promise<void>;
  /** «Kết thúc phiên» (kiosk mode): asks first. */
  confirmEnd: () => void;
}

/** The page's parts, made once by `buildPage`. */
export interface Page {
  header: HTMLElement;
  notices: HTMLElement;
  main: HTMLElement;
  footer: HTMLElement;
  /** Says what is going on (an action's progress) to screen readers. */
  announcer: HTMLElement;
}

export const page = {} as Page;

let actions: ChromeActions;

/**
 * «Chữ lớn»: the whole page's text at 125%. Kept in memory only: for this run on a laptop, for
 * this citizen on a kiosk (the next one starts with the usual size).
 */
let largeText = false;

/** Builds the page's frame in `root`, empty until `renderChrome`. */
export function buildPage(root: HTMLElement, chromeActions: ChromeActions): void {
  actions = chromeActions;
  page.header = h("header", { class: "site-header" });
  page.notices = h("div", { class: "notices" });
  page.main = h("main", { id: "main", class: "main", tabindex: -1 });
  page.footer = h("footer", { class: "site-footer" });
  page.announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const skip = h("a", { class: "skip-link", href: "#main" });
  skip.addEventListener("click", (e) => {
    e.preventDefault();
    page.main.querySelector<HTMLElement>("#screen-title")?.focus();
  });
  root.replaceChildren(skip, page.header, page.notices, page.main, page.footer, page.announcer);
}

export function renderChrome(): void {
  renderHeader();
  renderFooter();
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = tr().skipToContent;
}

export function renderHeader(): void {
  const t = tr();
  const { info, session } = state;
  const had = page.header.contains(document.activeElement) ? document.activeElement?.id : undefined;
  const other = lang() === "vi" ? "en" : "vi";
  const langBtn = button(t.langToggle, {
    id: "lang-toggle",
    kind: "nav",
    icon: "globe",
    onClick: (btn) => {
      actions.act(btn, t.busyLang, () => actions.switchLanguage(other));
    },
  });
  langBtn.setAttribute("aria-label", t.langToggleLabel);
  langBtn.querySelector(".btn-label")?.setAttribute("lang", other);
  replace(
    page.header,
    info.sandbox
      ? h(
          "div",
          { id: "sandbox-banner", class: "sandbox-banner", role: "note" },
          h("p", { class: "sandbox-main" }, icon("alert"), h("span", null, t.sandbox)),
          info.sandbox_sms_url
            ? h("p", { class: "sandbox-sms" }, `${t.sandboxSms} `, h("span", { class: "sandbox-url" }, info.sandbox_sms_url))
            : null,
        )
      : null,
    h(
      "div",
      { class: "topbar" },
      h(
        "div",
        { class: "brand" },
        emblem(),
        h("div", { class: "brand-text" }, h("p", { class: "brand-title" }, t.appTitle), h("p", { class: "brand-sub" }, t.appSubtitle)),
      ),
      h(
        "nav",
        { class: "topnav", "aria-label": t.appTitle },
        // First, so it is found before anything needs reading (and «Trang chủ» stays next to the page).
        largeTextButton(),
        button(t.home, { id: "btn-home", kind: "nav", icon: "home", onClick: actions.goHome }),
        langBtn,
        // On a kiosk, ending the session is what signing out means: always there, on every screen.
        kiosk()
          ? button(t.endSession, { id: "btn-end-session", kind: "nav", icon: "logout", extraClass: "btn-end", onClick: actions.confirmEnd })
          : null,
      ),
    ),
    session
      ? h(
          "div",
          { class: session.offline_as_of === null ? "userbar" : "userbar userbar-offline" },
          h(
            "div",
            { class: "userbar-inner" },
            session.offline_as_of === null
              ? h(
                  "p",
                  { class: "user-name" },
                  icon("person"),
                  h("span", null, `${t.signedInAs}: `, h("strong", null, session.account.full_name), ` · ${session.account.kind_label}`),
                )
              : offlineSession(session.account.full_name, session.offline_as_of),
            kiosk()
              ? null
              : button(t.signOut, {
                  id: "btn-sign-out",
                  kind: "secondary",
                  icon: "logout",
                  extraClass: "btn-small",
                  onClick: (btn) => {
                    actions.act(btn, t.busySignOut, actions.signOut);
                  },
                }),
          ),
        )
      : null,
  );
  if (had) document.getElementById(had)?.focus();
}

/**
 * The laptop started without a network and shows the official's saved copy: whose, as of when,
 * what still works and that the rest comes back by itself (`#offline-session`).
 */
function offlineSession(name: string, asOf: string): HTMLElement {
  const t = tr();
  return h(
    "div",
    { id: "offline-session", class: "offline-session", role: "status" },
    icon("alert"),
    h(
      "div",
      { class: "offline-session-text" },
      h("p", { class: "offline-session-lead" }, t.offlineSessionLead(name, asOf)),
      // So that the text read as a whole (a status announced, a test) has a space between.
      " ",
      h("p", { class: "offline-session-help" }, t.offlineSessionHelp),
    ),
  );
}

/** Who is signed in now, in the header too. */
export function setSession(s: SessionView | null): void {
  state.session = s;
  if (s) markDirty();
  renderHeader();
}

/** The «Chữ lớn» switch: a toggle button (`aria-pressed`). */
function largeTextButton(): HTMLButtonElement {
  const btn = button(h("span", { class: "large-text-mark", "aria-hidden": "true" }, "A+"), {
    id: "btn-large-text",
    kind: "nav",
    onClick: () => {
      setLargeText(!largeText);
      btn.setAttribute("aria-pressed", String(largeText));
    },
  });
  btn.querySelector(".btn-label")?.append(" ", tr().largeText);
  btn.setAttribute("aria-pressed", String(largeText));
  return btn;
}

function setLargeText(on: boolean): void {
  largeText = on;
  document.documentElement.classList.toggle("large-text", on);
  markDirty();
}

/** The next kiosk citizen starts with the usual text size. */
export function resetLargeText(): void {
  largeText = false;
  document.documentElement.classList.remove("large-text");
}

function renderFooter(): void {
  const t = tr();
  const { info } = state;
  const parts = [
    info.portal_host ? `${t.appSubtitle}: ${info.portal_host}` : null,
    info.vneid_host ? `VNeID: ${info.vneid_host}` : null,
    info.version ? t.version(info.version) : null,
  ].filter((p): p is string => p !== null);
  replace(page.footer, h("p", null, parts.join(" · ")));
}

export function addNotice(notice: Notice): void {
  const t = tr();
  const close = h(
    "button",
    { type: "button", class: "btn btn-quiet btn-icon", "aria-label": t.close, title: t.close },
    icon("close"),
  );
  const box = alertBox(notice.level === "error" ? "error" : "info", notice.message, {
    role: "alert",
    title: t.noticeLabel,
    actions: close,
  });
  box.classList.add("notice");
  close.addEventListener("click", () => {
    box.remove();
    page.main.querySelector<HTMLElement>("#screen-title")?.focus();
  });
  page.notices.append(box);
}

/** Notices from before the listeners were there (a deep link that started the app). */
export async function takeEarlyNotices(): Promise<void> {
  try {
    const shown = new Set([...page.notices.querySelectorAll(".notice .box-body > p:not(.box-title)")].map((p) => p.textContent));
    for (const notice of await call("take_notices")) {
      if (!shown.has(notice.message)) addNotice(notice);
    }
  } catch {
    // A shell without the command: nothing was waiting.
  }
}
