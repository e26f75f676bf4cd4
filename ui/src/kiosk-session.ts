// A kiosk serves one citizen after another: «Kết thúc phiên» and the idle time-out both end the
// session and bring back a welcome screen cleared of everything the citizen left, with the notice
// that it ended. This wires the lock-down, the idle watch and its warning, and the end itself.

import { dropActions } from "./actions";
import { page, renderChrome, renderHeader, resetLargeText } from "./chrome";
import type { SessionEnd } from "./context";
import type { Dialog } from "./dialog";
import { h } from "./dom";
import { setLang, tr } from "./i18n";
import { watchIdle } from "./idle";
import { call } from "./ipc";
import { lockDown } from "./kiosk";
import { forgetVneidAnswers } from "./navigation";
import { dropScreen, forgetFocus, show } from "./routes";
import { confirmEndDialog, idleWarningDialog, type IdleWarning } from "./session-end";
import { kiosk, state } from "./state";
import type { AppInfo, EndReason } from "./contract";
import { spinner } from "./ui";

/** How long ending a session may wait for the shell before the welcome screen comes back anyway. */
const END_WAIT_MS = 10_000;

/** The kiosk's own language (from the first `app_info`), for when it cannot be asked again. */
let homeLang: AppInfo["lang"] = "vi";
/** The dialog shown (the end confirmation or the idle warning), if any. */
let dialog: Dialog | null = null;
let idleWarning: IdleWarning | null = null;

/** Remembers the kiosk's language and, in kiosk mode, locks the page down and starts the idle watch. */
export function applyMode(): void {
  homeLang = state.info.lang;
  if (!kiosk()) return;
  lockDown();
  if (state.idle || state.info.idle_timeout_secs <= 0) return;
  state.idle = watchIdle({
    timeoutSecs: state.info.idle_timeout_secs,
    warningSecs: state.info.idle_warning_secs,
    guarded: () => state.dirty || state.session !== null,
    warn: showIdleWarning,
    tick: (left) => {
      idleWarning?.update(left);
    },
    expire: () => {
      void endSession("timeout");
    },
  });
}

function closeDialog(restoreFocus = true): void {
  dialog?.close(restoreFocus);
  dialog = null;
  idleWarning = null;
}

/** «Kết thúc phiên» in the header: asks first. */
export function confirmEnd(): void {
  if (state.ending) return;
  closeDialog(false);
  dialog = confirmEndDialog(() => {
    void endSession("button");
  });
}

function showIdleWarning(left: number): void {
  if (state.ending) return;
  closeDialog(false);
  idleWarning = idleWarningDialog(
    left,
    () => {
      closeDialog();
      state.idle?.extend();
    },
    () => {
      void endSession("button");
    },
  );
  dialog = idleWarning.dialog;
}

/** `p`, or nothing after `ms` (the timer cleared either way). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the kiosk session: the screen is emptied at once, `end_session` deletes what the shell
 * kept, and whatever it answers (even an error, or nothing for a while) the welcome screen comes
 * back cleared, in the kiosk's language, with the notice.
 */
async function endSession(reason: EndReason): Promise<void> {
  if (state.ending) return;
  state.ending = true;
  state.idle?.hold();
  // Answers still on their way belong to the citizen who is leaving.
  dropActions();
  // The timed-out warning goes at once; the confirmation shows its progress until the end.
  if (reason === "timeout") closeDialog(false);
  // The route goes too, and with it an officer's PIN (the audit log screen).
  dropScreen();
  state.session = null;
  renderHeader();
  page.main.replaceChildren(h("div", { class: "working" }, spinner(), h("p", null, tr().busyEnd)));
  page.announcer.textContent = tr().busyEnd;
  try {
    await within(call("end_session", { reason }), END_WAIT_MS);
  } catch {
    // The welcome screen comes back whatever the shell answered.
  }
  await resetToWelcome({ reason, idleSecs: state.info.idle_timeout_secs });
}

/** The welcome screen as the next citizen should find it: no input, no search, no view kept. */
async function resetToWelcome(ended: SessionEnd): Promise<void> {
  try {
    state.info = (await within(call("app_info"), END_WAIT_MS)) ?? { ...state.info, lang: homeLang };
  } catch {
    state.info = { ...state.info, lang: homeLang };
  }
  closeDialog(false);
  dropActions();
  forgetVneidAnswers();
  page.announcer.textContent = "";
  setLang(state.info.lang);
  state.session = null;
  state.dirty = false;
  forgetFocus();
  page.notices.replaceChildren();
  window.getSelection()?.removeAllRanges();
  resetLargeText();
  renderChrome();
  show({ name: "home", ended });
  state.ending = false;
  state.idle?.extend();
}
