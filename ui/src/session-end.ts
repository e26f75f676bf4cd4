// Ending a kiosk session, as the citizen sees it: «Kết thúc phiên» asks first, the idle warning
// counts down with «Tiếp tục», and the welcome screen then says the session ended and the
// citizen's information was removed. The app (app.ts) decides when; this builds what is shown.

import type { SessionEnd } from "./context";
import { openDialog, type Dialog } from "./dialog";
import { h } from "./dom";
import { formatDuration, tr } from "./i18n";
import { alertBox, button, setBusy } from "./ui";
import "./session-end.css";

/** The confirmation of «Kết thúc phiên»: «Kết thúc phiên» (calls `onConfirm`) or «Quay lại». */
export function confirmEndDialog(onConfirm: () => void): Dialog {
  const t = tr();
  let confirming = false;
  const cancel = button(t.endCancel, {
    id: "btn-end-cancel",
    kind: "secondary",
    icon: "back",
    onClick: () => {
      if (!confirming) dialog.close();
    },
  });
  const confirm = button(t.endConfirm, {
    id: "btn-end-confirm",
    kind: "primary",
    icon: "logout",
    onClick: (btn) => {
      if (confirming) return;
      confirming = true;
      setBusy(btn, t.busyEnd);
      cancel.disabled = true;
      onConfirm();
    },
  });
  const dialog = openDialog({
    id: "end-confirm",
    title: t.endConfirmTitle,
    icon: "logout",
    body: h("p", null, t.endConfirmBody),
    actions: [confirm, cancel],
    // The safe choice has focus: Enter or a stray key does not end anything.
    initialFocus: cancel,
    onEscape: () => {
      if (!confirming) dialog.close();
    },
  });
  return dialog;
}

export interface IdleWarning {
  dialog: Dialog;
  /** The seconds left, every second. */
  update(left: number): void;
}

/** When screen readers are told the time left (the dialog itself says it when it opens). */
function worthSaying(left: number): boolean {
  return left === 5 || left === 10 || left === 20 || left % 30 === 0;
}

/** The idle warning: what will happen, a countdown, «Tiếp tục» (with focus) and «Kết thúc phiên». */
export function idleWarningDialog(left: number, onContinue: () => void, onEnd: () => void): IdleWarning {
  const t = tr();
  let ending = false;
  const countdown = h("p", { id: "idle-countdown", class: "dialog-countdown" }, t.idleCountdown(formatDuration(left)));
  // Told at a few moments, not every second (the countdown itself is not a live region).
  const said = h("p", { class: "visually-hidden", "aria-live": "assertive", "aria-atomic": "true" });
  const keep = button(t.idleContinue, {
    id: "btn-idle-continue",
    kind: "primary",
    onClick: () => {
      if (!ending) onContinue();
    },
  });
  const end = button(t.idleEnd, {
    id: "btn-idle-end",
    kind: "secondary",
    icon: "logout",
    onClick: (btn) => {
      if (ending) return;
      ending = true;
      setBusy(btn, t.busyEnd);
      keep.disabled = true;
      onEnd();
    },
  });
  const dialog = openDialog({
    id: "idle-warning",
    title: t.idleTitle,
    icon: "clock",
    body: [h("p", null, t.idleBody), countdown, h("p", { class: "dialog-hint" }, t.idleHint)],
    extra: said,
    actions: [keep, end],
    initialFocus: keep,
    onEscape: () => {
      if (!ending) onContinue();
    },
  });
  let last = left;
  return {
    dialog,
    update(now: number) {
      if (now === last) return;
      last = now;
      const text = t.idleCountdown(formatDuration(now));
      countdown.textContent = text;
      if (worthSaying(now)) said.textContent = text;
    },
  };
}

/** The notice on the welcome screen after a session ended (`#session-ended`, a polite status). */
export function endedNotice(ended: SessionEnd): { root: HTMLElement; dispose: () => void } {
  const t = tr();
  const text = ended.reason === "timeout" ? t.sessionEndedTimeout(formatDuration(ended.idleSecs)) : t.sessionEndedButton;
  const body = h("p", null);
  const root = alertBox("success", body, { id: "session-ended", role: "status", title: t.sessionEndedTitle });
  root.setAttribute("aria-atomic", "true");
  // Filled a moment after the status is on the page, so screen readers announce it after the title.
  const timer = setTimeout(() => {
    body.textContent = text;
  }, 100);
  return {
    root,
    dispose: () => {
      clearTimeout(timer);
    },
  };
}
