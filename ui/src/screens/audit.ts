// The office's audit log, for officers: the PIN screen behind «Dành cho cán bộ» on the home
// screen, and the log itself (every session at this machine, with no personal data) with its CSV
// export. The PIN is kept in the audit route only, so it is gone as soon as the screen is left.

import type { AuditState, Ctx } from "../context";
import { h } from "../dom";
import { formatClock, formatCount, tr } from "../i18n";
import { call, isIpcError } from "../ipc";
import type { AuditEntryView } from "../contract";
import { actions, alertBox, alertSlot, button, field, form, screen, type Screen } from "../ui";
import { keypad } from "../keypad";
import "./audit.css";

/** The PIN screen; with `configured` false, only the note that no PIN is set here. */
export function officerPinScreen(ctx: Ctx, configured: boolean): Screen {
  const t = tr();
  const back = button(t.back, {
    id: "btn-back",
    icon: "back",
    kind: configured ? "quiet" : "primary",
    onClick: () => {
      ctx.goHome();
    },
  });
  if (!configured) {
    const root = screen(
      "officer-pin",
      t.officerTitle,
      alertBox("warning", t.officerNotConfigured, { title: t.officerNotConfiguredTitle, role: "alert", id: "officer-not-configured" }),
      actions(back),
    );
    return { root };
  }
  const pin = field({
    id: "officer-pin",
    label: t.officerPin,
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    extraClass: "input-pin",
  });
  const openBtn = button(t.officerOpen, { id: "btn-officer-open", kind: "primary", type: "submit" });
  /** A problem with the PIN: said next to the field, which is emptied and keeps focus. */
  const refuse = (message: string): void => {
    pin.setError(message);
    pin.input.value = "";
    pin.input.focus();
  };
  const submit = (btn: HTMLButtonElement | null): void => {
    const typed = pin.input.value.trim();
    if (typed === "") {
      refuse(t.officerPinEmpty);
      return;
    }
    ctx.act(btn ?? openBtn, t.busyOpen, async () => {
      let view;
      try {
        view = await call("audit_open", { pin: typed });
      } catch (e) {
        if (isIpcError(e) && e.code === "invalid_input") {
          refuse(e.message);
          return;
        }
        throw e;
      }
      if (view.configured) ctx.show({ name: "audit", state: { view, pin: typed, exported: null } });
      else ctx.show({ name: "officer-pin", configured: false });
    });
  };
  if (ctx.info.mode === "kiosk") pin.root.append(keypad(pin.input, t.officerPin));
  const root = screen(
    "officer-pin",
    t.officerTitle,
    h("p", { class: "lead" }, t.officerIntro),
    alertSlot(),
    form(submit, pin.root, h("div", { class: "actions" }, openBtn, back)),
  );
  return { root };
}

/** The log: a table of sessions, the total, «Xuất tệp CSV» and «Đóng». */
export function auditScreen(ctx: Ctx, state: AuditState): Screen {
  const t = tr();
  const { view } = state;
  const exported = h("p", { id: "audit-exported", class: "audit-exported", role: "status" });
  const sayExported = (): void => {
    exported.textContent = state.exported
      ? t.auditExported(formatCount(state.exported.rows), state.exported.path)
      : "";
  };
  sayExported();
  const total = formatCount(view.total);
  const root = screen(
    "audit",
    t.auditTitle,
    h("p", { class: "lead" }, t.auditIntro),
    h(
      "p",
      { id: "audit-total", class: "count" },
      view.entries.length < view.total ? t.auditShowing(formatCount(view.entries.length), total) : t.auditTotal(total),
    ),
    view.entries.length === 0 ? h("p", { class: "muted" }, t.auditEmpty) : auditTable(view.entries),
    alertSlot(),
    exported,
    actions(
      button(t.auditExport, {
        id: "btn-audit-export",
        kind: "primary",
        onClick: (btn) => {
          ctx.act(btn, t.busyExport, async () => {
            state.exported = await call("audit_export", { pin: state.pin });
            sayExported();
          });
        },
      }),
      button(t.auditClose, {
        id: "btn-audit-close",
        kind: "secondary",
        icon: "close",
        onClick: () => {
          ctx.goHome();
        },
      }),
    ),
  );
  return { root };
}

function auditTable(entries: readonly AuditEntryView[]): HTMLElement {
  const t = tr();
  const cols = [t.auditStarted, t.auditEnded, t.auditDuration, t.auditOutcomes, t.auditEndedBy];
  const none = (): HTMLElement => h("span", { class: "muted" }, t.auditNone);
  // A narrow window scrolls the table sideways; the region can then be scrolled by keyboard too.
  return h(
    "div",
    { class: "table-wrap", role: "region", "aria-labelledby": "audit-caption", tabindex: 0 },
    h(
      "table",
      { id: "audit-table", class: "table" },
      h("caption", { id: "audit-caption" }, t.auditCaption),
      h("thead", null, h("tr", null, cols.map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        null,
        entries.map((e) =>
          h(
            "tr",
            null,
            h("td", { class: "nowrap" }, e.started_at),
            h("td", { class: "nowrap" }, e.ended_at ?? none()),
            h("td", { class: "num" }, e.duration_secs === null ? none() : formatClock(e.duration_secs)),
            h("td", null, e.outcomes.length > 0 ? e.outcomes.map((o) => o.label).join(", ") : none()),
            h(
              "td",
              null,
              e.ended_by === null ? t.auditUnknown : e.ended_by.code === "restart" ? t.auditRestart : e.ended_by.label,
            ),
          ),
        ),
      ),
    ),
  );
}
