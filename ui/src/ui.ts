// Building blocks shared by the screens: the screen frame, buttons, fields with their errors,
// alert boxes, the busy state of a button, verified fields, status badges and countdowns.

import { h, icon, replace, type Child, type IconName } from "./dom";
import { formatDuration, tr } from "./i18n";
import type { FieldView, StatusView } from "./contract";
import "./ui.css";

/** What a screen function returns. */
export interface Screen {
  root: HTMLElement;
  /** Where focus goes when the same screen is shown again (a field with a problem). */
  focus?: HTMLElement | null;
  /** Scrolled into view when the screen is shown (the dossier just looked at). */
  scrollTo?: HTMLElement | null;
  /** Stops the screen's timers. */
  dispose?: () => void;
}

/** The frame of every screen: `data-screen` on the root and one `h1#screen-title`. */
export function screen(name: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { class: "screen", "data-screen": name, "aria-labelledby": "screen-title" },
    h("h1", { id: "screen-title", tabindex: -1 }, title),
    ...children,
  );
}

/** Where the errors of an action on this screen appear. */
export function alertSlot(): HTMLElement {
  return h("div", { class: "alert-slot", "data-alert-slot": "" });
}

export type ButtonKind = "primary" | "secondary" | "quiet" | "nav";

export interface ButtonOptions {
  id?: string | undefined;
  kind?: ButtonKind;
  icon?: IconName;
  type?: "button" | "submit";
  disabled?: boolean;
  onClick?: (button: HTMLButtonElement) => void;
  extraClass?: string;
}

export function button(label: Child, opts: ButtonOptions = {}): HTMLButtonElement {
  const btn = h(
    "button",
    {
      type: opts.type ?? "button",
      id: opts.id,
      class: `btn btn-${opts.kind ?? "secondary"}${opts.extraClass ? ` ${opts.extraClass}` : ""}`,
      disabled: opts.disabled,
    },
    opts.icon ? icon(opts.icon) : null,
    h("span", { class: "btn-label" }, label),
  );
  const onClick = opts.onClick;
  if (onClick) {
    btn.addEventListener("click", () => {
      onClick(btn);
    });
  }
  return btn;
}

export function actions(...buttons: Child[]): HTMLElement {
  return h("div", { class: "actions" }, ...buttons);
}

export function spinner(): HTMLElement {
  return h("span", { class: "spinner", "aria-hidden": "true" });
}

const saved = new WeakMap<HTMLElement, Node[]>();

/**
 * Shows a spinner and `text` in the button (or in its `.busy-slot`), and disables it so a second
 * click does nothing.
 */
export function setBusy(btn: HTMLElement, text: string): void {
  const target = btn.querySelector<HTMLElement>(".busy-slot") ?? btn;
  if (!saved.has(target)) saved.set(target, [...target.childNodes]);
  replace(target, spinner(), h("span", { class: "btn-label" }, text));
  btn.classList.add("is-busy");
  btn.setAttribute("aria-busy", "true");
  if (btn instanceof HTMLButtonElement) btn.disabled = true;
}

export function clearBusy(btn: HTMLElement): void {
  const target = btn.querySelector<HTMLElement>(".busy-slot") ?? btn;
  const nodes = saved.get(target);
  if (nodes) {
    target.replaceChildren(...nodes);
    saved.delete(target);
  }
  btn.classList.remove("is-busy");
  btn.removeAttribute("aria-busy");
  if (btn instanceof HTMLButtonElement) btn.disabled = false;
}

export type AlertKind = "error" | "warning" | "success" | "info";

const ALERT_ICONS: Record<AlertKind, IconName> = { error: "alert", warning: "alert", success: "check", info: "info" };

export interface AlertOptions {
  id?: string;
  title?: string;
  /** `alert` (announced at once), `status` (announced politely) or none. */
  role?: "alert" | "status" | null;
  actions?: Child;
}

export function alertBox(kind: AlertKind, body: Child, opts: AlertOptions = {}): HTMLElement {
  const role = opts.role === undefined ? (kind === "error" ? "alert" : "status") : opts.role;
  return h(
    "div",
    { class: `box box-${kind}`, id: opts.id, role: role ?? undefined },
    icon(ALERT_ICONS[kind], "icon box-icon"),
    h(
      "div",
      { class: "box-body" },
      opts.title ? h("p", { class: "box-title" }, opts.title) : null,
      typeof body === "string" ? h("p", null, body) : body,
      opts.actions ? h("div", { class: "box-actions" }, opts.actions) : null,
    ),
  );
}

export interface FieldOptions {
  id: string;
  label: string;
  value?: string;
  type?: "text" | "password";
  help?: string;
  error?: string | null;
  inputmode?: "text" | "numeric";
  autocomplete?: string;
  wide?: boolean;
  /** Extra elements under the input (a "show password" switch). */
  after?: Child;
  extraClass?: string;
}

export interface Field {
  root: HTMLElement;
  input: HTMLInputElement;
  setError(message: string | null): void;
}

/** A labelled input with its help text and its error, tied by `aria-describedby`. */
export function field(opts: FieldOptions): Field {
  const helpId = `${opts.id}-help`;
  const errorId = `${opts.id}-error`;
  const input = h("input", {
    id: opts.id,
    name: opts.id,
    type: opts.type ?? "text",
    class: `input${opts.extraClass ? ` ${opts.extraClass}` : ""}`,
    value: opts.value ?? "",
    inputmode: opts.inputmode,
    autocomplete: opts.autocomplete ?? "off",
    autocapitalize: "off",
    spellcheck: "false",
  });
  const errorText = h("span", null);
  const error = h("p", { id: errorId, class: "field-error", hidden: true }, icon("alert"), errorText);
  const root = h(
    "div",
    { class: `field${opts.wide ? " field-wide" : ""}` },
    h("label", { for: opts.id, class: "label" }, opts.label),
    opts.help ? h("p", { id: helpId, class: "help" }, opts.help) : null,
    error,
    opts.after ? h("div", { class: "input-row" }, input, opts.after) : input,
  );
  const setError = (message: string | null): void => {
    const describedBy = [opts.help ? helpId : null, message ? errorId : null].filter(Boolean).join(" ");
    if (describedBy) input.setAttribute("aria-describedby", describedBy);
    else input.removeAttribute("aria-describedby");
    if (message) {
      errorText.textContent = message;
      error.hidden = false;
      error.setAttribute("role", "alert");
      input.setAttribute("aria-invalid", "true");
      root.classList.add("has-error");
    } else {
      errorText.textContent = "";
      error.hidden = true;
      error.removeAttribute("role");
      input.removeAttribute("aria-invalid");
      root.classList.remove("has-error");
    }
  };
  setError(opts.error ?? null);
  return { root, input, setError };
}

/** A form whose submit (button or Enter key) calls `onSubmit` and never navigates. */
export function form(onSubmit: (submitter: HTMLButtonElement | null) => void, ...children: Child[]): HTMLFormElement {
  const el = h("form", { class: "form", novalidate: true }, ...children);
  el.addEventListener("submit", (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    onSubmit(
      submitter instanceof HTMLButtonElement ? submitter : el.querySelector<HTMLButtonElement>("button[type=submit]"),
    );
  });
  return el;
}

/** The "✓ Đã xác thực" mark of a field confirmed by the population database. */
export function verifiedMark(): HTMLElement {
  return h("span", { class: "verified" }, icon("check"), h("span", null, tr().verified));
}

/** Label/value pairs as a description list. */
export function details(rows: readonly (readonly [string, Child, boolean?])[], extraClass = ""): HTMLElement {
  return h(
    "dl",
    { class: `details${extraClass ? ` ${extraClass}` : ""}` },
    rows.map(([label, value, verified]) =>
      h(
        "div",
        { class: "details-row" },
        h("dt", null, label),
        h("dd", null, h("span", { class: "details-value" }, value), verified ? verifiedMark() : null),
      ),
    ),
  );
}

/** Profile fields (FieldView), verified ones marked. */
export function fieldList(fields: readonly FieldView[]): HTMLElement {
  const t = tr();
  return details(
    fields.map((f) => [f.label, f.value ?? h("span", { class: "muted" }, t.empty), f.verified] as const),
    "fields",
  );
}

/** The colour family of a dossier status (TrangThaiHoSo 1 to 10); the label is always shown too. */
export function statusTone(code: number): string {
  switch (code) {
    case 1:
      return "new";
    case 2:
    case 4:
      return "progress";
    case 5:
    case 6:
      return "waiting";
    case 3:
    case 7:
    case 8:
      return "stopped";
    case 9:
    case 10:
      return "done";
    default:
      return "new";
  }
}

export function statusBadge(status: StatusView): HTMLElement {
  return h("span", { class: `badge badge-${statusTone(status.code)}`, "data-status": status.code }, status.label);
}

/**
 * Counts down from `secs`, calling `render` with the seconds left at once and every second
 * (measured on the clock, so a slow tick does not drift), then `onZero` once. Returns the stop.
 */
export function countdown(secs: number, render: (left: number) => void, onZero?: () => void): () => void {
  const end = Date.now() + Math.max(0, secs) * 1000;
  let last = -1;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const tick = (): void => {
    const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (left !== last) {
      last = left;
      render(left);
    }
    if (left === 0) {
      stop();
      onZero?.();
    }
  };
  tick();
  if (last > 0) timer = setInterval(tick, 250);
  return stop;
}

export function duration(secs: number): string {
  return formatDuration(secs);
}

/** Text only screen readers read. */
export function srOnly(text: string): HTMLElement {
  return h("span", { class: "visually-hidden" }, text);
}
