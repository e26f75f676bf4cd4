// The CCCD number field shared by the linking wizard and Thông tin định danh: the client-side
// check (digits and spaces, 12 digits, a 9-digit CMND said so), the problem, the warnings, the
// chip card reader under the field (card.ts), and the failure screen's "number you entered" block.

import type { Ctx } from "../context";
import { h } from "../dom";
import { tr } from "../i18n";
import { keypad } from "../keypad";
import type { CccdEntryView, Problem } from "../contract";
import { alertBox, button, field, form, type Field } from "../ui";
import { cardReader } from "./card";
import "./cccd.css";

/** Network-like problems: the same action may simply be tried again. */
export const RETRYABLE = new Set(["unreachable", "maintenance", "bad_response", "refused"]);

/** What is wrong with a typed CCCD number, or null when it has the right shape. */
export function checkCccd(input: string): string | null {
  const t = tr();
  if (input.trim() === "") return t.cccdEmpty;
  const bad = /[^0-9\s]/u.exec(input)?.[0];
  if (bad !== undefined) return t.cccdNotDigits(bad);
  const digits = input.replace(/\s/g, "");
  if (digits.length === 9) return t.cccdOldCmnd;
  if (digits.length !== 12) return t.cccdLength(digits.length);
  return null;
}

/** What is wrong with a typed one-time code (spaces ignored), or null. */
export function checkCode(input: string): string | null {
  const t = tr();
  const code = input.replace(/\s/g, "");
  if (code === "") return t.otpEmpty;
  if (!/^[0-9]+$/.test(code)) return t.otpNotDigits;
  if (code.length !== 6) return t.otpLength(code.length);
  return null;
}

export interface CccdFormOptions {
  entry: CccdEntryView;
  /** Why the last "Cập nhật" did not reach the portal. */
  problem: Problem | null;
  /** Called with the input as typed once it passes the check. */
  onSubmit: (input: string, button: HTMLButtonElement) => void;
  /** Buttons after «Cập nhật» («Bỏ qua», «Hủy»). */
  secondary: HTMLElement[];
  /** The on-screen number pad under the field (kiosk mode). */
  keypad?: boolean;
  /** The app, for «Đọc thẻ CCCD gắn chip» under the field while a card reader is connected. */
  card?: Ctx;
}

export interface CccdForm {
  form: HTMLFormElement;
  field: Field;
  /** The screen's `dispose`: the card reader stops listening and what the card said goes. */
  dispose: () => void;
}

export function cccdForm(opts: CccdFormOptions): CccdForm {
  const t = tr();
  const cccd = field({
    id: "cccd",
    label: t.cccd,
    help: t.cccdHelp,
    value: opts.entry.input,
    inputmode: "numeric",
    autocomplete: "off",
    error: opts.entry.problem?.message ?? null,
    extraClass: "input-cccd",
  });
  if (opts.keypad) cccd.root.append(keypad(cccd.input, t.cccd));
  const card = opts.card ? cardReader(opts.card, cccd) : null;
  const submitBtn = button(t.updateCccd, { id: "btn-update-cccd", kind: "primary", type: "submit" });
  const submit = (btn: HTMLButtonElement | null): void => {
    const problem = checkCccd(cccd.input.value);
    cccd.setError(problem);
    if (problem) {
      cccd.input.focus();
      return;
    }
    opts.onSubmit(cccd.input.value, btn ?? submitBtn);
  };
  const el = form(
    submit,
    cccd.root,
    card?.root,
    opts.entry.warnings.length > 0
      ? alertBox(
          "warning",
          h("div", null, opts.entry.warnings.map((w) => h("p", null, w)), h("p", { class: "box-next" }, t.warningsAgain)),
          { title: t.warningsTitle, role: "status", id: "cccd-warnings" },
        )
      : null,
    opts.problem
      ? alertBox("error", opts.problem.message, {
          actions: RETRYABLE.has(opts.problem.code)
            ? button(t.retry, {
                id: "btn-retry",
                kind: "secondary",
                onClick: (btn) => {
                  submit(btn);
                },
              })
            : null,
        })
      : null,
    h("div", { class: "actions" }, submitBtn, ...opts.secondary),
  );
  if (opts.entry.warnings.length > 0) {
    const ids = [cccd.input.getAttribute("aria-describedby"), "cccd-warnings"].filter(Boolean).join(" ");
    cccd.input.setAttribute("aria-describedby", ids);
  }
  return {
    form: el,
    field: cccd,
    dispose: () => {
      card?.dispose();
    },
  };
}

/** "Số CCCD bạn đã nhập: …" on a match-failure screen. */
export function typedNumber(input: string): HTMLElement {
  return h(
    "div",
    { class: "typed-number" },
    h("p", { class: "typed-number-label" }, tr().typedNumber),
    h("p", { class: "typed-number-value" }, input.trim()),
  );
}
