// A small modal dialog that asks for a decision (role="alertdialog"): shown in the top layer with
// the page behind it inert, focus moved into it and kept there, Esc for the safe way out, and
// focus given back when it closes. Used to confirm «Kết thúc phiên» and for the idle warning.

import { h, icon, type Child, type IconName } from "./dom";
import "./dialog.css";

export interface DialogOptions {
  /** The dialog's id; its title and description get `${id}-title` and `${id}-desc`. */
  id: string;
  title: string;
  icon?: IconName;
  /** What the dialog says; read out with the title when it opens. */
  body: Child;
  /** More content under the description (a live countdown), not part of it. */
  extra?: Child;
  actions: HTMLElement[];
  /** Where focus goes when the dialog opens. */
  initialFocus: HTMLElement;
  /** Esc, and the browser closing the dialog on its own: the safe choice. */
  onEscape: () => void;
}

export interface Dialog {
  root: HTMLDialogElement;
  /** Closes the dialog; with `restoreFocus`, focus goes back to where it was before it opened. */
  close(restoreFocus?: boolean): void;
}

/** Elements Tab may reach inside the dialog. */
function tabbable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>("button, [href], input, select, textarea, [tabindex]")].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

export function openDialog(opts: DialogOptions): Dialog {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const openerId = opener?.id ?? "";
  const titleId = `${opts.id}-title`;
  const descId = `${opts.id}-desc`;
  const root = h(
    "dialog",
    {
      id: opts.id,
      class: "dialog",
      role: "alertdialog",
      tabindex: -1,
      "aria-modal": "true",
      "aria-labelledby": titleId,
      "aria-describedby": descId,
    },
    h(
      "div",
      { class: "dialog-head" },
      opts.icon ? icon(opts.icon, "icon dialog-icon") : null,
      h("h2", { id: titleId, class: "dialog-title" }, opts.title),
    ),
    h("div", { id: descId, class: "dialog-body" }, opts.body),
    opts.extra ?? null,
    h("div", { class: "dialog-actions" }, ...opts.actions),
  );
  let open = true;

  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      opts.onEscape();
      return;
    }
    if (e.key !== "Tab") return;
    // Tab and Shift+Tab go round inside the dialog, never out of it.
    const items = tabbable(root);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !root.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !root.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  });
  // Esc that reached the browser (the `cancel` event) is handled the same way.
  root.addEventListener("cancel", (e) => {
    e.preventDefault();
    if (open) opts.onEscape();
  });
  root.addEventListener("close", () => {
    // The browser closed it anyway (a second Esc): that is the safe choice too.
    if (open) {
      open = false;
      root.remove();
      opts.onEscape();
    }
  });
  // A click that lands on the dialog's own box (not a control) keeps focus inside.
  root.addEventListener("focusout", (e) => {
    if (open && e.relatedTarget === null) {
      queueMicrotask(() => {
        if (!open || root.contains(document.activeElement)) return;
        if ((opts.initialFocus as HTMLButtonElement).disabled) root.focus();
        else opts.initialFocus.focus();
      });
    }
  });

  document.body.append(root);
  root.showModal();
  opts.initialFocus.focus();

  return {
    root,
    close(restoreFocus = true) {
      if (!open) return;
      open = false;
      if (root.open) root.close();
      root.remove();
      if (!restoreFocus) return;
      const back = (opener?.isConnected ? opener : null) ?? (openerId ? document.getElementById(openerId) : null);
      (back ?? document.getElementById("screen-title"))?.focus();
    },
  };
}
