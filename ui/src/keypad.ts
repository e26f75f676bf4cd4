// The kiosk's on-screen number pad, under the CCCD and officer PIN fields and the dossiers' date
// filters (with a «/» key there): many people at a one-stop office have never used a keyboard,
// and a touch screen has none. Each tap edits the
// field as a key would (at its caret, replacing a selection) and fires the field's `input` event,
// so whatever the field does with typed text still happens; the physical keyboard keeps working.

import { h } from "./dom";
import { tr } from "./i18n";
import "./keypad.css";

/** Puts `text` in place of the field's selection (or at its caret), as typing would. */
function insert(input: HTMLInputElement, text: string): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.setRangeText(text, start, end, "end");
}

/** Deletes the selection, or the character before the caret, as Backspace would. */
function backspace(input: HTMLInputElement): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  if (start !== end) input.setRangeText("", start, end, "end");
  else if (start > 0) input.setRangeText("", start - 1, start, "end");
}

function changed(input: HTMLInputElement): void {
  input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
}

export interface KeypadOptions {
  /** A «/» key beside «0» (dates), «Xoá hết» then on a row of its own. */
  slash?: boolean;
}

/** The pad for `input` (`label` names the field, for screen readers). */
export function keypad(input: HTMLInputElement, label: string, opts: KeypadOptions = {}): HTMLElement {
  const t = tr();
  const key = (text: string, aria: string, kind: string, edit: () => void): HTMLButtonElement => {
    const btn = h("button", { type: "button", class: `key key-${kind}`, "aria-label": aria, "aria-controls": input.id }, text);
    // The pad's buttons do not take focus from the field on a touch or a click: the caret stays
    // where it is and shows where the next digit goes.
    btn.addEventListener("mousedown", (e) => {
      e.preventDefault();
    });
    btn.addEventListener("click", () => {
      if (input.disabled || input.readOnly) return;
      edit();
      changed(input);
    });
    return btn;
  };
  const digit = (d: string): HTMLButtonElement =>
    key(d, t.keypadDigit(d), "digit", () => {
      insert(input, d);
    });
  const clear = key(t.keypadClear, t.keypadClearLabel, "clear", () => {
    input.value = "";
  });
  const back = key(t.keypadBackspace, t.keypadBackspaceLabel, "back", () => {
    backspace(input);
  });
  const digits = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map(digit);
  const group = { role: "group", "aria-label": t.keypadLabel(label), "data-for": input.id };
  if (opts.slash) {
    const slash = key("/", t.keypadSlashLabel, "slash", () => {
      insert(input, "/");
    });
    clear.classList.add("key-wide");
    return h("div", { class: "keypad keypad-date", ...group }, digits, slash, digit("0"), back, clear);
  }
  return h("div", { class: "keypad", ...group }, digits, clear, digit("0"), back);
}
