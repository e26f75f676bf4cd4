// The search box and filters of Hồ sơ đã nộp: free text, one status, a range of received dates
// (the app's own dd/mm/yyyy fields, date-field.ts) and the order. They are built once per screen
// and never redrawn when results arrive, so typing keeps its focus and caret; the screen reads
// them (`read`) each time they change.

import { dateField } from "../date-field";
import { h, icon } from "../dom";
import { tr } from "../i18n";
import type { DossierQuery, StatusView } from "../contract";
import { button } from "../ui";
import "./dossier-search.css";

/** The part of a query the user chooses. */
export type Filters = Pick<DossierQuery, "text" | "statuses" | "from" | "to" | "order">;

export const NO_FILTERS: Filters = { text: "", statuses: [], from: null, to: null, order: "newest_first" };

/** Whether the list is narrowed down (the order alone does not narrow it). */
export function isFiltering(f: Filters): boolean {
  return f.text.trim() !== "" || f.statuses.length > 0 || f.from !== null || f.to !== null;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return (
    a.text === b.text &&
    a.from === b.from &&
    a.to === b.to &&
    a.order === b.order &&
    a.statuses.length === b.statuses.length &&
    a.statuses.every((s, i) => s === b.statuses[i])
  );
}

export interface SearchForm {
  root: HTMLElement;
  search: HTMLInputElement;
  /** «Xoá bộ lọc», shown while something is set; the screen puts it next to the result count. */
  clearButton: HTMLElement;
  /**
   * What the controls ask for; null while they do not make a query (a date that is not one, or
   * not yet; «Từ ngày» after «Đến ngày»).
   */
  read(): Filters | null;
  /** Empties the text and the filters (not the order). */
  clear(): void;
  /** Shows the date message and «Xoá bộ lọc» as the values now stand (after they were set from outside). */
  check(): void;
}

/**
 * The form. `onChange(typed)` is called on every change: `typed` for the text (the screen waits a
 * moment for the next key), otherwise for a choice that should show at once.
 */
export function searchForm(
  initial: Filters,
  statuses: readonly StatusView[],
  onChange: (typed: boolean) => void,
  opts: { keypad: boolean } = { keypad: false },
): SearchForm {
  const t = tr();
  const search = h("input", {
    id: "dossier-search",
    name: "dossier-search",
    type: "search",
    class: "input input-search",
    value: initial.text,
    placeholder: t.searchPlaceholder,
    "aria-describedby": "dossier-search-help",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    enterkeyhint: "search",
  });
  const status = h(
    "select",
    { id: "filter-status", name: "filter-status", class: "input select" },
    h("option", { value: "" }, t.allStatuses),
    statuses.map((s) => h("option", { value: String(s.code) }, s.label)),
  );
  status.value = initial.statuses[0] !== undefined ? String(initial.statuses[0]) : "";
  const date = (id: string, label: string, value: string | null) =>
    dateField({
      id,
      label,
      value,
      describedBy: ["filter-dates-hint", "filter-dates-error"],
      keypad: opts.keypad,
      onChange: () => {
        changed(false)();
      },
    });
  const from = date("filter-from", t.dateFrom, initial.from);
  const to = date("filter-to", t.dateTo, initial.to);
  const order = h(
    "select",
    { id: "sort-order", name: "sort-order", class: "input select" },
    h("option", { value: "newest_first" }, t.newestFirst),
    h("option", { value: "oldest_first" }, t.oldestFirst),
  );
  order.value = initial.order;
  const dateError = h(
    "p",
    { id: "filter-dates-error", class: "field-error", hidden: true },
    icon("alert"),
    h("span", null, t.datesReversed),
  );
  const clearBtn = button(t.clearFilters, { id: "btn-clear-filters", kind: "quiet", icon: "close" });

  const filter = (label: string, control: HTMLElement): HTMLElement =>
    h("div", { class: "filter" }, h("label", { for: control.id, class: "label label-small" }, label), control);

  const root = h(
    "form",
    { class: "search", role: "search", "aria-label": t.searchLabel, novalidate: true },
    h(
      "div",
      { class: "search-top" },
      h(
        "div",
        { class: "search-main" },
        h("label", { for: "dossier-search", class: "label" }, t.searchLabel),
        h("p", { id: "dossier-search-help", class: "help" }, t.searchHelp),
        search,
      ),
      filter(t.sortLabel, order),
    ),
    h(
      "div",
      { class: "filters" },
      filter(t.statusFilter, status),
      h(
        "fieldset",
        { class: "filter-dates" },
        h("legend", { class: "label label-small" }, t.received),
        h("div", { class: "filter-dates-row" }, from.root, to.root),
        h("p", { id: "filter-dates-hint", class: "help filter-dates-hint" }, t.dateHint),
      ),
    ),
    dateError,
  );

  /** The dates as the query wants them; null for a field that does not hold a date (yet). */
  const dates = (): { from: string | null; to: string | null } | null => {
    const [a, b] = [from.read(), to.read()];
    if ((a.kind !== "date" && a.kind !== "empty") || (b.kind !== "date" && b.kind !== "empty")) return null;
    return { from: a.kind === "date" ? a.iso : null, to: b.kind === "date" ? b.iso : null };
  };
  const reversed = (): boolean => {
    const d = dates();
    const [a, b] = [d?.from ?? null, d?.to ?? null];
    // "yyyy-mm-dd" compares as text.
    return a !== null && b !== null && a > b;
  };
  const current = (): Filters | null => {
    const d = dates();
    if (d === null) return null;
    return {
      text: search.value,
      statuses: status.value ? [Number(status.value)] : [],
      ...d,
      order: order.value === "oldest_first" ? "oldest_first" : "newest_first",
    };
  };
  const refresh = (): void => {
    const bad = reversed();
    dateError.hidden = !bad;
    if (bad) dateError.setAttribute("role", "alert");
    else dateError.removeAttribute("role");
    for (const field of [from, to]) field.setOutsideProblem(bad);
    root.classList.toggle("has-error", bad);
    // Something typed in a date field counts as a filter to clear, even before it is a date.
    const typedDate = from.input.value.trim() !== "" || to.input.value.trim() !== "";
    const now = current();
    clearBtn.hidden = !(typedDate || (now !== null && isFiltering(now)));
  };
  const changed = (typed: boolean) => (): void => {
    refresh();
    onChange(typed);
  };

  search.addEventListener("input", changed(true));
  status.addEventListener("change", changed(false));
  order.addEventListener("change", changed(false));
  // Enter in the box searches at once, and never sends the form anywhere; in a date field it
  // also says whether what was typed is a date.
  root.addEventListener("submit", (e) => {
    e.preventDefault();
    for (const field of [from, to]) field.check(true);
    refresh();
    onChange(false);
  });

  const clear = (): void => {
    search.value = "";
    status.value = "";
    from.clear();
    to.clear();
    refresh();
  };
  clearBtn.addEventListener("click", () => {
    clear();
    onChange(false);
    search.focus();
  });
  refresh();

  return {
    root,
    search,
    clearButton: clearBtn,
    read: () => (reversed() ? null : current()),
    clear,
    check: () => {
      // Values put back from outside (after a language switch) are checked as they stand.
      for (const field of [from, to]) field.check(field.input.value.trim() !== "");
      refresh();
    },
  };
}
