// How the saved copy of Hồ sơ đã nộp stands against the portal (`SyncView`), above the list: the
// progress of a sync with «Dừng tải», when it was last brought up to date with «Cập nhật», and the
// offline banner with «Thử lại» (which, on the saved copy of a laptop that started without a
// network, tries the kept sign-in again). It lives in its own region so a progress event redraws
// only it, never the search box the user may be typing in.

import type { Ctx } from "../context";
import { h, icon, replace } from "../dom";
import { formatCount, tr } from "../i18n";
import { call } from "../ipc";
import type { SyncAction, SyncView } from "../contract";
import { alertBox, button, spinner } from "../ui";
import "./sync.css";

/** Seconds between two spoken progress updates while a sync runs (the bar itself moves at once). */
const SAY_EVERY_MS = 10_000;

export interface SyncStatus {
  /** The `#sync-status` region. */
  root: HTMLElement;
  /** Where a failed «Cập nhật», «Dừng tải» or «Thử lại» says why. */
  slot: HTMLElement;
  /** Shows `view`; `cached` is how many dossiers the cache holds (for the offline banner). */
  update(view: SyncView, cached: number): void;
}

/**
 * The sync status region. `onView` gets the view a button's `sync({ action })` answered with, so
 * the screen can treat it like a `sync://progress` event.
 */
export function syncStatus(ctx: Ctx, onView: (view: SyncView) => void): SyncStatus {
  const root = h("div", { id: "sync-status", class: "sync-status", "aria-live": "polite" });
  // Not `data-alert-slot`: errors of the list's own actions go under the list.
  const slot = h("div", { class: "alert-slot" });
  /** What is drawn now, so a progress event with the same state only moves the bar. */
  let drawn: { state: SyncView["state"]; offline: boolean; key: string } | null = null;
  let bar: HTMLProgressElement | null = null;
  let line: HTMLElement | null = null;
  let said: HTMLElement | null = null;
  let saidAt = 0;

  const act = (btn: HTMLButtonElement, action: SyncAction, busyText: string): void => {
    ctx.act(
      btn,
      busyText,
      async () => {
        const view = await call("sync", { action });
        onView(view);
        // On the saved copy of a laptop that started without a network, a start tries the kept
        // sign-in again and the answer still says «failed»: say that it is trying.
        if (action === "start" && view.state === "failed" && (ctx.session?.offline_as_of ?? null) !== null) {
          slot.replaceChildren(alertBox("info", tr().offlineRetrying, { id: "offline-retrying", role: "status" }));
        }
        // The button pressed is gone (its state is over): the region's new button takes focus.
        root.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
      },
      { slot },
    );
  };
  const startButton = (label: string): HTMLButtonElement => {
    const t = tr();
    return button(label, {
      id: "btn-sync-start",
      kind: "secondary",
      extraClass: "btn-small",
      onClick: (btn) => {
        act(btn, "start", t.busySyncStart);
      },
    });
  };
  const retryButton = (): HTMLButtonElement => {
    const t = tr();
    return button(t.retry, {
      id: "btn-sync-retry",
      kind: "secondary",
      onClick: (btn) => {
        act(btn, "start", t.busyRetry);
      },
    });
  };

  const runningText = (view: SyncView): string => {
    const t = tr();
    return view.total === null
      ? view.done === 0
        ? t.syncStarting
        : t.syncRunningSome(formatCount(view.done))
      : t.syncRunning(formatCount(view.done), formatCount(view.total));
  };

  const draw = (view: SyncView, cached: number): void => {
    const t = tr();
    bar = null;
    line = null;
    said = null;
    root.classList.remove("is-banner");
    switch (view.state) {
      case "never":
        replace(
          root,
          h("div", { class: "sync-row" }, h("p", { class: "sync-line" }, icon("info"), h("span", null, t.syncNever)), startButton(t.syncStartFirst)),
        );
        return;
      case "running": {
        line = h("span", { id: "sync-progress-text" }, runningText(view));
        bar = h("progress", { id: "sync-progress", class: "sync-bar", "aria-labelledby": "sync-progress-text" });
        // Screen readers hear `said`, updated now and then, not the visible line at every page.
        said = h("span", { class: "visually-hidden" }, runningText(view));
        saidAt = Date.now();
        replace(
          root,
          h(
            "div",
            { class: "sync-row" },
            h("p", { class: "sync-line", "aria-hidden": "true" }, spinner(), line),
            button(t.syncCancel, {
              id: "btn-sync-cancel",
              kind: "secondary",
              extraClass: "btn-small",
              onClick: (btn) => {
                act(btn, "cancel", t.busySyncCancel);
              },
            }),
          ),
          bar,
          said,
        );
        setBar(view);
        return;
      }
      case "done":
        replace(
          root,
          h(
            "div",
            { class: "sync-row" },
            h(
              "p",
              { class: "sync-line" },
              icon("check", "icon sync-ok"),
              h("span", null, view.last_synced_at ? t.syncDoneAt(view.last_synced_at) : t.syncDone),
            ),
            startButton(t.syncRefresh),
          ),
        );
        return;
      case "cancelled":
        replace(
          root,
          h(
            "div",
            { class: "sync-row" },
            h("p", { class: "sync-line" }, icon("info"), h("span", null, t.syncCancelled)),
            startButton(t.syncResume),
          ),
        );
        return;
      case "failed": {
        root.classList.add("is-banner");
        if (view.offline) {
          const text =
            view.last_synced_at !== null
              ? t.offlineSavedAt(view.last_synced_at)
              : cached > 0
                ? t.offlineSavedPartly
                : t.offlineNothingSaved;
          replace(
            root,
            alertBox("warning", h("p", null, h("strong", null, t.offlineLead), ` ${text}`), {
              id: "offline-banner",
              role: "status",
              actions: retryButton(),
            }),
          );
        } else {
          replace(
            root,
            alertBox("error", view.problem?.message ?? t.syncFailed, { role: null, title: t.syncFailedTitle, actions: retryButton() }),
          );
        }
        return;
      }
    }
  };

  const setBar = (view: SyncView): void => {
    if (!bar) return;
    if (view.total === null) {
      // No value: the bar shows that something is happening, without a share.
      bar.removeAttribute("value");
    } else {
      bar.max = Math.max(view.total, 1);
      bar.value = Math.min(view.done, view.total);
    }
  };

  const update = (view: SyncView, cached: number): void => {
    root.dataset.syncState = view.state;
    // The banner's words depend on whether anything is saved.
    const key = view.state === "failed" ? `${view.last_synced_at ?? ""}|${cached > 0 ? 1 : 0}|${view.problem?.message ?? ""}` : view.last_synced_at ?? "";
    if (drawn?.state === view.state && drawn.offline === view.offline && drawn.key === key) {
      if (view.state !== "running") return;
      const text = runningText(view);
      if (line) line.textContent = text;
      setBar(view);
      if (said && Date.now() - saidAt >= SAY_EVERY_MS) {
        said.textContent = text;
        saidAt = Date.now();
      }
      return;
    }
    const hadFocus = root.contains(document.activeElement);
    draw(view, cached);
    drawn = { state: view.state, offline: view.offline, key };
    // Focus on a button of this region that went away goes to the one that replaced it.
    if (hadFocus && !root.contains(document.activeElement)) root.querySelector<HTMLButtonElement>("button")?.focus();
  };

  return { root, slot, update };
}
