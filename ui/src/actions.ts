// Running what the user asked for: one action at a time with its progress (the button's spinner,
// the announcer), answers to a screen the user has left dropped (`StaleAnswer`), and failures
// handled by their error code as the contract says.

import { page, setSession } from "./chrome";
import type { ActOptions } from "./context";
import { tr } from "./i18n";
import { StaleAnswer, dropPendingAnswers, toIpcError } from "./ipc";
import { currentTask, goSignIn, show } from "./routes";
import { state } from "./state";
import type { IpcError, Task } from "./contract";
import { alertBox, button, clearBusy, setBusy } from "./ui";

/** A failure, with the task the user was heading for when it happened. */
export type Failure = IpcError & { task?: Task };

let busy = false;
/** The action running (its number), so a dropped one does not end the next one's progress. */
let currentOp = 0;
let opCount = 0;
/** Re-reads the current screen (app.ts hands it over): what a `refused` action leads to. */
let reload: () => Promise<void> = () => Promise.resolve();

export function setReload(reloadScreen: () => Promise<void>): void {
  reload = reloadScreen;
}

export function isBusy(): boolean {
  return busy;
}

/** Forgets the action running, if any: its answer is dropped and nothing waits for it. */
export function dropActions(): void {
  dropPendingAnswers();
  busy = false;
  currentOp = 0;
}

export function act(button: HTMLElement | null, busyText: string, op: () => Promise<void>, opts: ActOptions = {}): void {
  if (busy || state.ending) return;
  run(button, busyText, op, opts);
}

/** Like `act`, even while another action runs (which then no longer ends the progress). */
export function run(button: HTMLElement | null, busyText: string, op: () => Promise<void>, opts: ActOptions): void {
  busy = true;
  const id = (opCount += 1);
  currentOp = id;
  const slot = opts.slot ?? page.main.querySelector<HTMLElement>("[data-alert-slot]");
  if (slot && !(button && slot.contains(button))) slot.replaceChildren();
  if (button) setBusy(button, busyText);
  page.announcer.textContent = busyText;
  const retry = (): Promise<void> => op();
  op()
    .then(() => {
      // A «Thử lại» that worked takes its message away.
      if (slot?.isConnected && button && slot.contains(button)) slot.replaceChildren();
    })
    .catch((e: unknown) => (e instanceof StaleAnswer ? undefined : fail(e as Failure, retry, { ...opts, slot })))
    .catch((e: unknown) => {
      if (!(e instanceof StaleAnswer)) show({ name: "error", error: toIpcError(e), task: currentTask(), retry: null });
    })
    .finally(() => {
      if (currentOp !== id) return;
      busy = false;
      page.announcer.textContent = "";
      if (button?.isConnected) clearBusy(button);
      // A disabled button loses focus: give it back (or to «Thử lại», or to the title).
      if (!document.activeElement || document.activeElement === document.body) {
        const target =
          (button?.isConnected ? button : null) ??
          (slot?.isConnected ? slot.querySelector("button") : null) ??
          page.main.querySelector<HTMLElement>("#screen-title");
        target?.focus();
      }
    });
}

/** A call a screen made on its own (a search while typing) failed: handled like a failed action. */
export function handle(e: unknown, retry: () => Promise<void>, opts: ActOptions = {}): void {
  if (e instanceof StaleAnswer) return;
  const slot = opts.slot ?? page.main.querySelector<HTMLElement>("[data-alert-slot]");
  fail(e as Failure, retry, { ...opts, slot }).catch((again: unknown) => {
    if (!(again instanceof StaleAnswer)) show({ name: "error", error: toIpcError(again), task: currentTask(), retry: null });
  });
}

/** Handles a failed action as the contract says. */
async function fail(raw: Failure, retry: () => Promise<void>, opts: ActOptions): Promise<void> {
  const error: Failure = { ...toIpcError(raw), ...(raw.task ? { task: raw.task } : {}) };
  const task = error.task ?? currentTask();
  switch (error.code) {
    case "session_expired":
    case "not_signed_in":
      setSession(null);
      goSignIn(task, error.message);
      return;
    case "refused":
      // The screen was stale (a double click, an old page): show where things stand now.
      await reload();
      return;
    case "unreachable":
    case "maintenance":
    case "error":
      // Trying again may help.
      report(error, task, retry, opts);
      return;
    case "not_found":
    case "invalid_input":
      report(error, task, null, opts);
      return;
  }
}

/** The failure in the screen's alert slot, or on the error screen when there is none to keep. */
function report(error: Failure, task: Task, retry: (() => Promise<void>) | null, opts: ActOptions): void {
  const slot = opts.slot?.isConnected ? opts.slot : null;
  if (opts.errorScreen || !slot) {
    show({ name: "error", error, task, retry });
    return;
  }
  inlineError(slot, error, retry);
}

/** The message in the screen's alert slot, with «Thử lại» when trying again may help. */
function inlineError(slot: HTMLElement, error: IpcError, retry: (() => Promise<void>) | null): void {
  const t = tr();
  const withRetry = retry !== null;
  // One «Thử lại» per screen: a screen that has its own keeps it.
  const retryBtn = withRetry
    ? button(t.retry, {
        id: document.getElementById("btn-retry") ? undefined : "btn-retry",
        kind: "secondary",
        onClick: (btn) => {
          act(btn, t.busyRetry, retry, { slot });
        },
      })
    : null;
  slot.replaceChildren(alertBox("error", error.message, { actions: retryBtn }));
}
