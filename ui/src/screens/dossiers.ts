// Hồ sơ đã nộp: the list, page by page («Xem thêm»), and one dossier's details.

import type { Ctx, Landing } from "../context";
import { h, icon, replace } from "../dom";
import { formatCount, tr } from "../i18n";
import { call } from "../ipc";
import type { DossierDetailView, DossierListView, DossierSummary } from "../types";
import { actions, alertBox, alertSlot, button, details, screen, statusBadge, type Screen } from "../ui";
import { landingNotice } from "./profile";

/** Dossiers asked for at a time. */
export const PAGE = 20;

export function dossiersScreen(
  ctx: Ctx,
  list: DossierListView,
  landing: Landing | null,
  focusCode: string | null,
): Screen {
  const t = tr();
  const count = h("p", { class: "count" });
  const ul = h("ul", { class: "dossier-list" });
  const more = button(t.more, { id: "btn-more", kind: "secondary" });
  const moreWrap = actions(more);
  // Kept while the button shows its spinner, and put back after.
  const moreLabel = more.querySelector(".btn-label");

  const card = (d: DossierSummary): HTMLElement =>
    h(
      "li",
      null,
      h(
        "button",
        {
          type: "button",
          class: "dossier-card",
          "data-dossier-code": d.code,
          onClick: (e: Event) => {
            const btn = e.currentTarget as HTMLButtonElement;
            ctx.act(btn, t.loading, async () => {
              const detail = await call("dossier", { code: d.code });
              ctx.show({ name: "dossier-detail", detail, landing: null, from: list });
            });
          },
        },
        h("span", { class: "card-top" }, h("span", { class: "dossier-code" }, d.code), statusBadge(d.status)),
        h("span", { class: "card-title" }, d.procedure_name),
        h("span", { class: "card-meta" }, h("span", { class: "meta-label" }, `${t.agency}: `), d.agency),
        h(
          "span",
          { class: "card-meta" },
          h("span", { class: "meta-label" }, `${t.received}: `),
          d.received_at ?? t.notReceived,
          d.due_at ? h("span", { class: "meta-sep" }, h("span", { class: "meta-label" }, `${t.due}: `), d.due_at) : null,
        ),
        h("span", { class: "card-go busy-slot" }, h("span", null, t.openDossier), icon("chevron")),
      ),
    );

  const update = (): void => {
    const total = formatCount(list.total);
    replace(
      count,
      h("strong", null, t.dossierCount(total)),
      list.items.length > 0 ? h("span", null, ` · ${t.dossierShowing(formatCount(list.items.length), total)}`) : null,
    );
    const left = list.total - list.items.length;
    moreWrap.hidden = left <= 0;
    if (moreLabel) moreLabel.textContent = t.moreCount(Math.min(PAGE, left));
  };

  ul.append(...list.items.map(card));
  more.addEventListener("click", () => {
    ctx.act(more, t.loading, async () => {
      const page = await call("dossiers", { offset: list.items.length, limit: PAGE });
      const known = new Set(list.items.map((d) => d.code));
      const fresh = page.items.filter((d) => !known.has(d.code));
      list.items.push(...fresh);
      list.total = page.total;
      // An empty page means the portal has no more, whatever its total said.
      if (fresh.length === 0) list.total = list.items.length;
      const cards = fresh.map(card);
      ul.append(...cards);
      update();
      // Keyboard and screen-reader users go on from the first new dossier.
      cards[0]?.querySelector("button")?.focus();
    });
  });
  update();

  const root = screen(
    "dossiers",
    t.dossiersTitle,
    landingNotice(landing),
    count,
    list.items.length === 0 ? alertBox("info", t.dossiersNone, { role: null }) : null,
    ul,
    alertSlot(),
    moreWrap,
  );
  const opened = focusCode ? ul.querySelector<HTMLElement>(`[data-dossier-code="${CSS.escape(focusCode)}"]`) : null;
  return { root, scrollTo: opened };
}

export function dossierDetailScreen(
  ctx: Ctx,
  d: DossierDetailView,
  landing: Landing | null,
  from: DossierListView | null,
): Screen {
  const t = tr();
  const none = (text: string): HTMLElement => h("p", { class: "muted" }, text);
  const muted = (text: string): HTMLElement => h("span", { class: "muted" }, text);
  const files = (items: readonly { name: string; file_name: string | null }[], empty: string): HTMLElement =>
    items.length === 0
      ? none(empty)
      : h(
          "ul",
          { class: "doc-list" },
          items.map((x) =>
            h("li", null, h("span", { class: "doc-name" }, x.name), h("span", { class: "doc-file" }, x.file_name ?? t.noFile)),
          ),
        );

  const back = (btn: HTMLButtonElement): void => {
    if (from) {
      ctx.show({ name: "dossiers", list: from, landing: null, focusCode: d.code });
    } else {
      ctx.act(btn, t.loading, () => ctx.goTask({ kind: "submitted_dossiers" }));
    }
  };
  const root = screen(
    "dossier-detail",
    t.dossierTitle,
    landingNotice(landing),
    h(
      "div",
      { class: "detail-head" },
      h("p", { class: "card-top" }, h("span", { class: "dossier-code" }, d.code), statusBadge(d.status)),
      h("p", { class: "detail-procedure" }, d.procedure_name),
    ),
    h("h2", null, t.generalSection),
    details([
      [t.code, d.code],
      [t.receiptNo, d.receipt_no ?? muted(t.empty)],
      [t.procedure, d.procedure_name],
      [t.procedureCode, d.procedure_code],
      [t.fieldCode, d.field_code ?? muted(t.empty)],
      [t.owner, d.owner],
      [t.agency, d.agency],
      [t.channel, d.channel],
      [t.status, d.status.label],
      [t.received, d.received_at ?? muted(t.notReceived)],
      [t.due, d.due_at ?? muted(t.empty)],
      [t.returnedAt, d.returned_at ?? muted(t.empty)],
      [t.updatedAt, d.updated_at],
      [t.summary, d.summary || muted(t.empty)],
    ]),
    h("h2", null, t.stepsSection),
    d.steps.length === 0
      ? none(t.stepsNone)
      : h(
          "ol",
          { class: "timeline" },
          d.steps.map((s) =>
            h(
              "li",
              { class: "timeline-item" },
              h("p", { class: "timeline-time" }, s.at),
              h("p", { class: "timeline-who" }, [s.department, s.handler].filter(Boolean).join(" — ")),
              h("p", { class: "timeline-what" }, s.content),
            ),
          ),
        ),
    h("h2", null, t.feesSection),
    d.fees.length === 0
      ? none(t.feesNone)
      : h(
          "ul",
          { class: "doc-list" },
          d.fees.map((f) => h("li", null, h("span", { class: "doc-name" }, f.name), h("span", { class: "fee" }, f.amount))),
        ),
    h("h2", null, t.attachmentsSection),
    files(d.attachments, t.attachmentsNone),
    h("h2", null, t.resultsSection),
    files(d.results, t.resultsNone),
    alertSlot(),
    actions(
      button(t.backToList, { id: "btn-back", kind: "secondary", icon: "back", onClick: back }),
    ),
  );
  return { root };
}
