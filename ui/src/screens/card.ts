// The chip CCCD card at the CCCD field, in the linking wizard and in Thông tin định danh's update
// (cccd.ts puts it under the field). Only while a card reader is connected (`card_readers`, kept
// current by `card://readers`) it offers «Đọc thẻ CCCD gắn chip»: `read_card` with the number typed
// so far, the panel «Đặt thẻ lên đầu đọc» until a card is placed (then the read starts by itself),
// the progress of the read (`card://progress`), and what the read came to: the card's number put
// in the field, the account's details beside the card's with the differences marked and what to do
// about them, or why nothing from the card can be used, with what fits (read again, the dates
// printed on the card). What the card says lives only in this panel: it is emptied when the screen
// goes (`dispose`, also at the end of a kiosk session).

import type { Ctx } from "../context";
import { dateField, readDate, showDate } from "../date-field";
import { h, icon, replace, svg } from "../dom";
import { tr } from "../i18n";
import { call, isIpcError, on } from "../ipc";
import type { CardAuthenticity, CardProgressView, CardReadersView, CardView } from "../contract";
import { actions, alertBox, button, type AlertKind, type Field } from "../ui";
import "./card.css";

type Read = Extract<CardView, { outcome: "read" }>;
type Failed = Extract<CardView, { outcome: "failed" }>;

/** The dates printed on the card, "dd/mm/yyyy", for a chip the account's details did not open. */
interface Dates {
  birth_date?: string;
  expiry?: string;
}

/** What the panel shows. */
type Phase = "empty" | "waiting" | "reading" | "shown";

export interface CardReader {
  /** The button, its hint and the panel; hidden while no reader is connected. */
  root: HTMLElement;
  /** Stops listening and empties the panel: nothing the card said outlives the screen. */
  dispose(): void;
}

/** A "dd/mm/yyyy" from the shell as a date field's starting value ("yyyy-mm-dd"), or null. */
function isoOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const reading = readDate(text);
  return reading.kind === "date" ? reading.iso : null;
}

function authenticityKind(authenticity: CardAuthenticity): AlertKind {
  switch (authenticity) {
    case "genuine":
      return "success";
    case "unverified":
      return "warning";
  }
}

/** A chip card lowered onto a reader: the picture of «Đặt thẻ lên đầu đọc» (decorative). */
function cardArt(): SVGSVGElement {
  return svg(
    "svg",
    { viewBox: "0 0 200 150", class: "card-art", "aria-hidden": "true", focusable: "false" },
    svg(
      "g",
      { class: "card-art-card" },
      svg("rect", { x: 50, y: 6, width: 100, height: 63, rx: 7, class: "card-art-body" }),
      svg("path", { d: "M57 6h86a7 7 0 0 1 7 7v7H50v-7a7 7 0 0 1 7-7z", class: "card-art-band" }),
      svg("circle", { cx: 60, cy: 13, r: 3.5, class: "card-art-emblem" }),
      svg("rect", { x: 60, y: 30, width: 18, height: 14, rx: 2.5, class: "card-art-chip" }),
      svg("path", { d: "M60 37h18M69 30v14", class: "card-art-chip-line" }),
      svg("rect", { x: 84, y: 30, width: 30, height: 3.5, rx: 1.75, class: "card-art-text" }),
      svg("rect", { x: 84, y: 38, width: 24, height: 3.5, rx: 1.75, class: "card-art-text" }),
      svg("rect", { x: 60, y: 52, width: 54, height: 3.5, rx: 1.75, class: "card-art-text" }),
      svg("rect", { x: 121, y: 28, width: 21, height: 28, rx: 2.5, class: "card-art-photo" }),
      svg("circle", { cx: 131.5, cy: 38, r: 4.5, class: "card-art-person" }),
      svg("path", { d: "M124 54c0-6 3.5-8.5 7.5-8.5s7.5 2.5 7.5 8.5", class: "card-art-person" }),
    ),
    svg("path", { d: "M100 77v13M93 84l7 7 7-7", class: "card-art-arrow" }),
    svg("rect", { x: 26, y: 98, width: 148, height: 44, rx: 11, class: "card-art-reader" }),
    svg("rect", { x: 42, y: 104, width: 116, height: 9, rx: 4.5, class: "card-art-pad" }),
    svg("rect", { x: 42, y: 124, width: 44, height: 5, rx: 2.5, class: "card-art-label" }),
    svg("circle", { cx: 152, cy: 127, r: 5, class: "card-art-light" }),
  );
}

/** The reader's part of the CCCD field: `field` is where the card's number goes. */
export function cardReader(ctx: Ctx, field: Field): CardReader {
  const t = tr();
  const kiosk = ctx.info.mode === "kiosk";
  let disposed = false;
  /** Whether the screen has gone, asked again after each wait. */
  const gone = (): boolean => disposed;
  let stops: (() => void)[] = [];
  let readers: CardReadersView = { readers: [], card_present: false };
  /** Counts `card://readers` events, so an older `card_readers` answer does not undo a newer one. */
  let events = 0;
  let phase: Phase = "empty";
  /** A `read_card` is on its way: progress events are for it. */
  let reading = false;
  /** The dates of the read that found no card, for the read that starts when one is placed. */
  let waitingDates: Dates = {};
  let bar: { root: HTMLElement; fill: SVGRectElement; percent: HTMLElement; label: HTMLElement } | null = null;

  const readBtn = button(t.cardRead, {
    id: "btn-read-card",
    kind: "secondary",
    icon: "idcard",
    onClick: (btn) => {
      read(btn, {});
    },
  });
  readBtn.setAttribute("aria-describedby", "card-read-hint");
  // Which reader is there and whether a card lies on it, said as it changes (hot-plugging).
  const status = h("p", { id: "card-reader-status", class: "help card-reader-status", role: "status" });
  const start = h(
    "div",
    { class: "card-start" },
    readBtn,
    h("div", { class: "card-start-text" }, h("p", { id: "card-read-hint", class: "help card-hint" }, t.cardReadHint), status),
  );
  // Failures of the call itself (the network, a session that ended), with «Thử lại».
  const errors = h("div", { class: "alert-slot card-errors" });
  // Progress and results are announced as they come; focus goes to a result's heading.
  const panel = h("div", { id: "card-panel", class: "card-panel", "aria-live": "polite" });
  const root = h("div", { id: "card-reader", class: "card-reader", hidden: true }, start, errors, panel);

  const setPhase = (next: Phase): void => {
    phase = next;
    panel.dataset.phase = next;
    if (next !== "reading") bar = null;
  };

  const empty = (): void => {
    setPhase("empty");
    panel.replaceChildren();
  };

  /** Shown while a reader is connected, and while the panel says what a read came to. */
  const showOrHide = (): void => {
    const any = readers.readers.length > 0;
    status.textContent = any ? t.cardReaderStatus(readers.readers[0] ?? "", readers.card_present) : "";
    start.hidden = !any;
    root.hidden = !any && phase !== "shown";
  };

  const applyReaders = (view: CardReadersView): void => {
    readers = view;
    if (view.readers.length === 0 && phase === "waiting") empty();
    showOrHide();
    if (phase === "waiting" && view.card_present && !reading) read(null, waitingDates);
  };

  const title = (id: string, text: string, focusable = false): HTMLElement =>
    h("h2", { id, class: "card-title", tabindex: focusable ? -1 : undefined }, text);

  const showWaiting = (message: string, dates: Dates): void => {
    waitingDates = dates;
    setPhase("waiting");
    replace(
      panel,
      h(
        "div",
        { class: "card-wait", "aria-labelledby": "card-wait-title", role: "group" },
        cardArt(),
        h(
          "div",
          { class: "card-wait-text" },
          title("card-wait-title", t.cardPlaceTitle),
          h("p", { id: "card-wait-message", class: "card-wait-message" }, message),
          h("p", { class: "card-wait-auto" }, t.cardPlaceAuto),
          actions(
            button(t.cancel, {
              id: "btn-card-cancel",
              kind: "secondary",
              icon: "close",
              onClick: () => {
                empty();
                readBtn.focus();
              },
            }),
          ),
        ),
      ),
    );
    panel.scrollIntoView({ block: kiosk ? "center" : "nearest" });
  };

  const showProgress = (progress: CardProgressView): void => {
    const percent = Math.max(0, Math.min(100, Math.round(progress.percent)));
    if (phase !== "reading" || !bar) {
      setPhase("reading");
      const fill = svg("rect", { class: "card-bar-fill", x: 0, y: 0, height: "100%", width: "0%" });
      const barRoot = h(
        "div",
        {
          id: "card-progress",
          class: "card-bar",
          role: "progressbar",
          "aria-valuemin": 0,
          "aria-valuemax": 100,
          "aria-labelledby": "card-reading-title",
          "aria-describedby": "card-progress-label",
        },
        svg("svg", { class: "card-bar-svg", "aria-hidden": "true", focusable: "false" }, fill),
      );
      const percentText = h("span", { class: "card-bar-percent", "aria-hidden": "true" });
      const label = h("p", { id: "card-progress-label", class: "card-progress-label" });
      bar = { root: barRoot, fill, percent: percentText, label };
      replace(
        panel,
        h(
          "div",
          { class: "card-reading" },
          title("card-reading-title", t.cardReadingTitle),
          h("div", { class: "card-bar-row" }, barRoot, percentText),
          label,
          h("p", { class: "card-reading-keep" }, t.cardReadingKeep),
        ),
      );
    }
    bar.root.setAttribute("aria-valuenow", String(percent));
    bar.fill.setAttribute("width", `${String(percent)}%`);
    bar.percent.textContent = `${String(percent)}%`;
    bar.label.textContent = progress.label;
  };

  const showRead = (view: Read): void => {
    setPhase("shown");
    field.input.value = view.number;
    field.setError(null);
    const heading = title("card-result-title", t.cardResultTitle, true);
    const mark = (differs: boolean): HTMLElement =>
      differs
        ? h("span", { class: "card-mark card-mark-differs" }, icon("alert"), h("span", null, t.cardDiffers))
        : h("span", { class: "card-mark card-mark-same" }, icon("check"), h("span", null, t.cardSame));
    const blocking = view.advice.some((a) => a.blocks_link);
    replace(
      panel,
      h(
        "div",
        { id: "card-result", class: "card-result", role: "group", "aria-labelledby": "card-result-title" },
        heading,
        h("p", { id: "card-filled", class: "card-filled" }, icon("check"), h("span", null, t.cardNumberFilled(view.number))),
        h(
          "table",
          { id: "card-table", class: "card-table" },
          h("caption", null, t.cardCompare),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { scope: "col" }, t.cardColDetail),
              h("th", { scope: "col" }, t.cardColAccount),
              h("th", { scope: "col" }, t.cardColCard),
            ),
          ),
          h(
            "tbody",
            null,
            view.rows.map((row) =>
              h(
                "tr",
                { class: row.differs ? "is-different" : undefined, "data-differs": String(row.differs) },
                h("th", { scope: "row" }, h("span", { class: "card-row-label" }, row.label), mark(row.differs)),
                h("td", null, row.account),
                h("td", null, row.card),
              ),
            ),
          ),
        ),
        view.advice.length === 0
          ? alertBox("success", t.cardAllSame, { id: "card-advice", role: null })
          : alertBox(
              blocking ? "error" : "warning",
              h(
                "ul",
                { class: "card-advice-list" },
                view.advice.map((a) =>
                  h(
                    "li",
                    { class: a.blocks_link ? "is-blocking" : undefined, "data-blocks-link": String(a.blocks_link) },
                    h(
                      "span",
                      { class: `card-tag ${a.blocks_link ? "card-tag-blocks" : "card-tag-works"}` },
                      icon(a.blocks_link ? "alert" : "info"),
                      h("span", null, a.blocks_link ? t.cardBlocksLink : t.cardNotBlocking),
                    ),
                    h("span", { class: "card-advice-text" }, a.text),
                  ),
                ),
              ),
              { id: "card-advice", title: t.cardAdviceTitle, role: null },
            ),
        alertBox(authenticityKind(view.authenticity), view.authenticity_note, {
          id: "card-authenticity",
          role: null,
        }),
        view.expired === null ? null : alertBox("warning", view.expired, { id: "card-expired", role: null }),
      ),
    );
    panel.querySelector("#card-authenticity")?.setAttribute("data-authenticity", view.authenticity);
    showOrHide();
    heading.focus();
  };

  const closeButton = (): HTMLButtonElement =>
    button(t.close, {
      id: "btn-card-close",
      kind: "quiet",
      onClick: () => {
        empty();
        showOrHide();
        readBtn.focus();
      },
    });

  /** The dates printed on the card, for a chip the account's birth date did not open. */
  const datesForm = (view: Failed, dates: Dates): { root: HTMLElement; focus: HTMLElement } => {
    const noChange = (): void => undefined;
    const birth = dateField({
      id: "card-birth",
      label: t.cardBirth,
      value: isoOf(view.birth_date ?? dates.birth_date),
      describedBy: ["card-dates-hint"],
      keypad: kiosk,
      onChange: noChange,
    });
    const expiry = dateField({
      id: "card-expiry",
      label: t.cardExpiry,
      value: isoOf(dates.expiry),
      describedBy: ["card-dates-hint"],
      keypad: kiosk,
      onChange: noChange,
    });
    const again = (btn: HTMLButtonElement): void => {
      birth.check(true);
      expiry.check(true);
      const b = birth.read();
      const x = expiry.read();
      if (b.kind === "bad" || b.kind === "partial") {
        birth.input.focus();
        return;
      }
      if (x.kind === "bad" || x.kind === "partial") {
        expiry.input.focus();
        return;
      }
      const typed: Dates = {};
      if (b.kind === "date") typed.birth_date = showDate(b.iso);
      if (x.kind === "date") typed.expiry = showDate(x.iso);
      read(btn, typed);
    };
    const againBtn = button(t.cardReadAgain, {
      id: "btn-card-reread",
      kind: "primary",
      onClick: (btn) => {
        again(btn);
      },
    });
    const set = h(
      "fieldset",
      { id: "card-dates", class: "card-dates" },
      h("legend", null, t.cardLockedLegend),
      h("p", { id: "card-dates-hint", class: "help" }, t.cardLockedHint),
      h("div", { class: "card-dates-row" }, birth.root, expiry.root),
      actions(againBtn, closeButton()),
    );
    // Enter in a date reads again (the CCCD form around it must not send «Cập nhật»).
    set.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
        e.preventDefault();
        again(againBtn);
      }
    });
    return { root: set, focus: birth.input.value === "" ? birth.input : expiry.input };
  };

  const showFailed = (view: Failed, dates: Dates): void => {
    const retry = (): HTMLButtonElement =>
      button(t.retry, {
        id: "btn-card-retry",
        kind: "primary",
        onClick: (btn) => {
          read(btn, dates);
        },
      });
    let heading: string;
    let buttons: HTMLElement[];
    let more: { root: HTMLElement; focus: HTMLElement } | null = null;
    switch (view.reason) {
      case "no_card":
        showWaiting(view.message, dates);
        return;
      case "not_chip_card":
        heading = t.cardNotChipTitle;
        buttons = [retry(), closeButton()];
        break;
      case "interrupted":
        heading = t.cardInterruptedTitle;
        buttons = [retry(), closeButton()];
        break;
      case "refused":
        // Nothing from this card is used: the number stays as typed.
        heading = t.cardRefusedTitle;
        buttons = [closeButton()];
        break;
      case "locked":
        heading = t.cardLockedTitle;
        buttons = [];
        more = datesForm(view, dates);
        break;
    }
    setPhase("shown");
    const box = alertBox("error", view.message, {
      id: "card-failure",
      title: heading,
      actions: buttons.length > 0 ? buttons : null,
    });
    box.dataset.reason = view.reason;
    replace(panel, h("div", { class: "card-failed" }, box, more?.root));
    showOrHide();
    (more?.focus ?? panel.querySelector<HTMLElement>("#card-failure button"))?.focus();
  };

  /** Reads the card with the field's number (and the dates printed on it, when typed). */
  const read = (btn: HTMLButtonElement | null, dates: Dates): void => {
    if (reading || disposed) return;
    const number = field.input.value;
    // A read that starts by itself (a card placed) shows its progress on the button too.
    ctx.act(
      btn ?? readBtn,
      t.busyCardRead,
      async () => {
        reading = true;
        const before = [...panel.childNodes];
        const phaseBefore = phase;
        // A card on the reader and a number of the right shape: the read is about to start.
        if (readers.card_present && /^\d{12}$/.test(number.replace(/\s/g, ""))) {
          showProgress({ percent: 0, label: t.busyCardRead });
        }
        try {
          const view = await call("read_card", { input: { number, ...dates } });
          if (disposed) return;
          switch (view.outcome) {
            case "read":
              showRead(view);
              return;
            case "failed":
              showFailed(view, dates);
              return;
          }
        } catch (e) {
          if (disposed) return;
          // The panel is as it was: the problem is said where it lies.
          panel.replaceChildren(...before);
          setPhase(phaseBefore);
          if (isIpcError(e) && e.code === "invalid_input") {
            field.setError(e.message);
            field.input.focus();
            return;
          }
          throw e;
        } finally {
          reading = false;
        }
      },
      { slot: errors },
    );
  };

  const listen = async (): Promise<void> => {
    const results = await Promise.allSettled([
      on("card://readers", (view) => {
        events += 1;
        if (!disposed) applyReaders(view);
      }),
      on("card://progress", (progress) => {
        if (!disposed && reading) showProgress(progress);
      }),
    ]);
    const fns = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    if (disposed || fns.length < results.length) {
      for (const stop of fns) stop();
      return;
    }
    stops = fns;
    // Asked once the events are heard, so a reader plugged meanwhile is not missed.
    const seen = events;
    const view = await call("card_readers");
    if (!gone() && seen === events) applyReaders(view);
  };
  listen().catch(() => {
    // Without the readers' list no reader is offered; typing the number works as ever.
  });

  return {
    root,
    dispose: () => {
      disposed = true;
      for (const stop of stops) stop();
      stops = [];
      empty();
      errors.replaceChildren();
      root.hidden = true;
    },
  };
}
