// The app's own date field. `<input type=date>` shows its date as the system locale wants, and
// WebKitGTK under an English locale reads it as mm/dd/yyyy, which a Vietnamese official would
// misread; this text field reads and is typed as dd/mm/yyyy in both languages. It accepts d/m/yyyy,
// the separators . - / (full-width ones and full-width digits too, as Vietnamese input methods type
// them), checks that the date is on the calendar between 1900 and 2100, says what is wrong next to
// the field in the current language, and gives the query its "yyyy-mm-dd". On a kiosk it has the
// on-screen number pad with a «/» key, shown while the field is in use. Used by the dossiers' filters,
// the dates printed on a locked card and the birth date of «Sửa thông tin cá nhân».

import { h, icon } from "./dom";
import { tr } from "./i18n";
import { keypad } from "./keypad";
import "./date-field.css";

/** What a date field holds. */
export type DateReading =
  | { kind: "empty" }
  /** A real date, as the contract wants it: "yyyy-mm-dd". */
  | { kind: "date"; iso: string }
  /** The start of a date, still being typed ("15/03/20"). */
  | { kind: "partial" }
  /** Not a date, and why (in the current language). */
  | { kind: "bad"; message: string };

const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

const pad2 = (n: number): string => String(n).padStart(2, "0");

/**
 * The text as the checks read it: full-width digits and separators (U+FF10–FF19, U+FF0D–FF0F) as
 * their ASCII twins, dashes of any kind as "-", and no spaces.
 */
export function normalizeDate(text: string): string {
  return text
    .replace(/[\uFF0D-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, "");
}

/** The days in month `month` (1 to 12) of `year`. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads a typed date: dd/mm/yyyy, d/m/yyyy, with . - or / between, or ddmmyyyy. */
export function readDate(text: string): DateReading {
  const t = tr();
  const s = normalizeDate(text);
  if (s === "") return { kind: "empty" };
  const parts = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (parts) {
    const [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (year < FIRST_YEAR || year > LAST_YEAR) return { kind: "bad", message: t.dateYear };
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      return { kind: "bad", message: t.dateNotReal(`${pad2(day)}/${pad2(month)}/${String(year)}`) };
    }
    return { kind: "date", iso: `${String(year)}-${pad2(month)}-${pad2(day)}` };
  }
  // What may still become a date as more is typed.
  if (/^\d{0,2}([./-]\d{0,2}([./-]\d{0,3})?)?$/.test(s) || /^\d{3,7}$/.test(s)) return { kind: "partial" };
  return { kind: "bad", message: t.dateFormat };
}

/** "yyyy-mm-dd" as shown: "dd/mm/yyyy" (anything else as it is). */
export function showDate(iso: string | null): string {
  if (iso === null) return "";
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return parts ? `${parts[3] ?? ""}/${parts[2] ?? ""}/${parts[1] ?? ""}` : iso;
}

/** A mouse button (or a tap's emulated one) is down: from its mousedown to just after its click. */
let pressing = false;
let watchingPresses = false;

/** Follows presses on the whole page, once, for the pads' `focusout` (see `dateField`). */
function watchPresses(): void {
  if (watchingPresses) return;
  watchingPresses = true;
  window.addEventListener(
    "mousedown",
    () => {
      pressing = true;
    },
    true,
  );
  window.addEventListener(
    "mouseup",
    () => {
      // After the click that follows this mouseup in the same task.
      setTimeout(() => {
        pressing = false;
      }, 0);
    },
    true,
  );
  // A press let go outside the window has no mouseup here.
  window.addEventListener("blur", () => {
    pressing = false;
  });
}

export interface DateFieldOptions {
  id: string;
  label: string;
  /** The date to start with, "yyyy-mm-dd", or null. */
  value: string | null;
  /** Ids of what else describes the field (the format hint, a message about a pair of dates). */
  describedBy: readonly string[];
  /** The on-screen number pad (kiosk mode), shown while the field is in use. */
  keypad: boolean;
  /** Called whenever what the field holds may have changed. */
  onChange: () => void;
}

export interface DateField {
  /** The label, the field, its message and its pad. */
  root: HTMLElement;
  input: HTMLInputElement;
  /** What the field holds now. */
  read(): DateReading;
  /**
   * Shows what is wrong with the field, or takes the message away. Unless `finished`, a date
   * still being typed is not wrong yet (it is when the field is left or Enter is pressed).
   */
  check(finished: boolean): void;
  /**
   * Says under the field what is wrong with it for a reason of the form's own (no date where one
   * is needed, a birth date after today), or takes the message away.
   */
  setError(message: string | null): void;
  /** Marks the field as wrong for a reason said elsewhere (a range the wrong way round). */
  setOutsideProblem(on: boolean): void;
  clear(): void;
}

export function dateField(opts: DateFieldOptions): DateField {
  const t = tr();
  const errorId = `${opts.id}-error`;
  const input = h("input", {
    id: opts.id,
    name: opts.id,
    type: "text",
    class: "input input-date",
    value: showDate(opts.value),
    placeholder: t.datePlaceholder,
    inputmode: "numeric",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
  });
  const errorText = h("span", null);
  const error = h("p", { id: errorId, class: "field-error date-error", hidden: true }, icon("alert"), errorText);
  const pad = opts.keypad ? keypad(input, opts.label, { slash: true }) : null;
  if (pad) pad.hidden = true;
  const root = h(
    "div",
    { class: "filter date-field" },
    h("label", { for: opts.id, class: "label label-small" }, opts.label),
    input,
    error,
    pad,
  );

  let own = false;
  let outside = false;
  const mark = (): void => {
    const ids = [own ? errorId : null, ...opts.describedBy].filter((id): id is string => id !== null);
    input.setAttribute("aria-describedby", ids.join(" "));
    if (own || outside) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    root.classList.toggle("has-error", own);
  };
  const read = (): DateReading => readDate(input.value);
  const say = (message: string | null): void => {
    own = message !== null;
    errorText.textContent = message ?? "";
    error.hidden = !own;
    if (own) error.setAttribute("role", "alert");
    else error.removeAttribute("role");
    mark();
  };
  const check = (finished: boolean): void => {
    const reading = read();
    say(reading.kind === "bad" ? reading.message : reading.kind === "partial" && finished ? t.dateFormat : null);
  };

  input.addEventListener("input", () => {
    check(false);
    opts.onChange();
  });
  // Left after a change: an unfinished date is now wrong, and a good one is shown as dd/mm/yyyy.
  input.addEventListener("change", () => {
    const reading = read();
    if (reading.kind === "date") {
      const shown = showDate(reading.iso);
      if (input.value !== shown) input.value = shown;
    }
    check(true);
    opts.onChange();
  });
  if (pad) {
    watchPresses();
    // The pad shows while the field (or the pad) is in use, like a touch screen's own keyboard.
    root.addEventListener("focusin", () => {
      pad.hidden = false;
    });
    const hideIfLeft = (): void => {
      if (!root.contains(document.activeElement)) pad.hidden = true;
    };
    root.addEventListener("focusout", (e) => {
      const next = e.relatedTarget;
      if (next instanceof Node && root.contains(next)) return;
      // Left by a press (a tap, a click) on something else: the pad goes once the press is over.
      // Gone at once, it would pull what is below it (a «Lưu» button) from under the finger
      // between the press and its release, and the click would be lost.
      if (pressing) {
        window.addEventListener(
          "mouseup",
          () => {
            setTimeout(hideIfLeft, 0);
          },
          { once: true, capture: true },
        );
      } else {
        pad.hidden = true;
      }
    });
  }
  mark();

  return {
    root,
    input,
    read,
    check,
    setError: say,
    setOutsideProblem: (on) => {
      outside = on;
      mark();
    },
    clear: () => {
      input.value = "";
      check(false);
    },
  };
}
