// Hồ sơ đã nộp: the list, read from the saved copy on this computer, searched and filtered as the
// user types and shown page by page («Xem thêm»), kept fresh while a sync brings dossiers in;
// and one dossier's details.

import type { Ctx, DossierListState, Landing } from "../context";
import { h, icon, replace } from "../dom";
import { formatCount, tr } from "../i18n";
import { call, on } from "../ipc";
import type { DossierDetailView, DossierListView, DossierQuery, DossierSummary, SyncView } from "../contract";
import { actions, alertBox, alertSlot, button, details, screen, spinner, statusBadge, type Screen } from "../ui";
import { NO_FILTERS, isFiltering, sameFilters, searchForm, type Filters } from "./dossier-search";
import { printButton } from "../print";
import { landingNotice } from "./profile";
import { syncStatus } from "./sync";
import "./dossiers.css";

/** Dossiers asked for at a time. */
export const PAGE = 20;
/** The most one `dossiers` call may ask for (the contract's `limit`). */
const MAX_LIMIT = 200;
/** The wait after a key before searching, so a word typed quickly is one search. */
const TYPING_MS = 150;
/** While a sync runs, the list is read again at most this often. */
const REFRESH_MS = 400;

/** The first page's query for these filters. */
function firstQuery(filters: Filters): DossierQuery {
  return { ...filters, statuses: [...filters.statuses], offset: 0, limit: PAGE };
}

/** The first `count` dossiers (at least a page) that match `query`, in calls the limit allows. */
async function loadList(query: DossierQuery, count: number): Promise<DossierListView> {
  const want = Math.max(count, PAGE);
  const items: DossierSummary[] = [];
  const known = new Set<string>();
  let offset = 0;
  let page = await call("dossiers", { query: { ...query, offset, limit: Math.min(MAX_LIMIT, want) } });
  for (;;) {
    offset += page.items.length;
    for (const d of page.items) {
      if (!known.has(d.code)) {
        known.add(d.code);
        items.push(d);
      }
    }
    if (page.items.length === 0 || offset >= want || offset >= page.total) break;
    page = await call("dossiers", { query: { ...query, offset, limit: Math.min(MAX_LIMIT, want - offset) } });
  }
  return { ...page, items, offset: 0 };
}

/** Hồ sơ đã nộp as first shown: everything, newest first. */
export async function listState(): Promise<DossierListState> {
  const query = firstQuery(NO_FILTERS);
  return { query, list: await loadList(query, PAGE) };
}

/** The same list read again (in the current language, with what the cache holds now). */
export async function reloadState(state: DossierListState): Promise<DossierListState> {
  return { query: state.query, list: await loadList(state.query, state.list.items.length) };
}

export function dossiersScreen(ctx: Ctx, state: DossierListState, landing: Landing | null, focusCode: string | null): Screen {
  const t = tr();
  let disposed = false;
  /** Numbers the list's requests: only the answer to the newest one is shown, older ones are stale. */
  let asked = 0;
  /** Counts the sync views that arrived, so one carried by an older list answer does not undo a newer. */
  let syncSeen = 0;
  /** How many dossiers the list shows: a page, and one more per «Xem thêm». */
  let wanted = Math.max(state.list.items.length, PAGE);
  let typingTimer: ReturnType<typeof setTimeout> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let lastRefresh = 0;
  /** The query the dossiers shown answer (`state.query` is the one asked last). */
  let shownQuery = state.query;
  /** The alert slot holds the failure of a search, which the next answer takes away. */
  let searchFailed = false;
  let unlisten: (() => void) | null = null;

  const count = h("p", { id: "dossier-count", class: "count" });
  // Results of a search are announced here, once per search (not at every refresh of a sync).
  const said = h("p", { class: "visually-hidden", role: "status" });
  const empty = h("div", { class: "dossier-empty" });
  const ul = h("ul", { class: "dossier-list" });
  const slot = alertSlot();
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
            ctx.act(
              btn,
              t.loading,
              async () => {
                const detail = await call("dossier", { code: d.code });
                ctx.show({ name: "dossier-detail", detail, landing: null, from: state });
              },
              { slot },
            );
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
  /** Cards already built, by code, reused while their dossier is unchanged (focus stays put). */
  let cards = new Map<string, { key: string; li: HTMLElement }>();
  const cardFor = (d: DossierSummary, next: Map<string, { key: string; li: HTMLElement }>): HTMLElement => {
    const key = JSON.stringify(d);
    const had = cards.get(d.code);
    const li = had?.key === key ? had.li : card(d);
    next.set(d.code, { key, li });
    return li;
  };

  const clearAll = (): void => {
    form.clear();
    queryChanged(false);
    form.search.focus();
  };

  const render = (): void => {
    const list = state.list;
    const filtering = isFiltering(state.query);
    const nothingSaved = list.cached === 0;
    const oldest = state.query.order === "oldest_first";
    // Nothing to search yet: the search box comes with the first dossiers.
    form.root.hidden = nothingSaved && !filtering;
    count.hidden = nothingSaved;
    if (!nothingSaved) {
      const total = formatCount(list.total);
      const shown = list.items.length;
      replace(
        count,
        h("strong", null, filtering ? t.dossiersFound(total, formatCount(list.cached)) : t.dossierCount(total)),
        shown === 0
          ? null
          : h("span", null, ` · ${shown < list.total ? t.dossierShowing(formatCount(shown), total, oldest) : t.dossierShowingAll(oldest)}`),
      );
    }

    if (nothingSaved && (list.sync.state === "never" || list.sync.state === "running")) {
      replace(empty, h("div", { id: "dossiers-loading", class: "loading-box" }, spinner(), h("p", null, t.dossiersLoading)));
    } else if (nothingSaved && !filtering) {
      const none =
        list.sync.state === "done" ? t.dossiersNone : list.sync.state === "cancelled" ? t.dossiersNoneYet : t.dossiersNoneSaved;
      replace(empty, alertBox("info", none, { id: "dossiers-none", role: null }));
    } else if (list.total === 0) {
      replace(
        empty,
        alertBox("info", h("p", null, t.noMatchHint), {
          id: "dossiers-no-match",
          role: null,
          title: t.noMatch,
          actions: button(t.clearFilters, { id: "btn-clear-filters-empty", kind: "secondary", onClick: clearAll }),
        }),
      );
    } else {
      empty.replaceChildren();
    }
    empty.hidden = !empty.hasChildNodes();

    // The cards: the same elements in the same order are left alone; otherwise focus follows its dossier.
    const next = new Map<string, { key: string; li: HTMLElement }>();
    const lis = list.items.map((d) => cardFor(d, next));
    cards = next;
    const unchanged = lis.length === ul.children.length && lis.every((li, i) => ul.children[i] === li);
    if (!unchanged) {
      const active = document.activeElement;
      const focusedCode = active && ul.contains(active) ? active.getAttribute("data-dossier-code") : null;
      ul.replaceChildren(...lis);
      if (focusedCode !== null) {
        const again = ul.querySelector<HTMLElement>(`[data-dossier-code="${CSS.escape(focusedCode)}"]`);
        (again ?? ul.querySelector<HTMLElement>("[data-dossier-code]") ?? form.search).focus();
      }
    }

    const left = list.total - list.items.length;
    const moreHadFocus = document.activeElement === more;
    moreWrap.hidden = left <= 0;
    if (moreLabel) moreLabel.textContent = t.moreCount(Math.min(PAGE, left));
    if (moreHadFocus && moreWrap.hidden) ul.querySelector<HTMLElement>("li:last-child [data-dossier-code]")?.focus();
  };

  /** Reads the list again for the current query; throws on failure, drops a stale answer. */
  const fetchList = async (announce: boolean): Promise<void> => {
    const mine = (asked += 1);
    const seen = syncSeen;
    const query = state.query;
    const list = await loadList(query, wanted).catch((e: unknown) => {
      // A failure of a request already overtaken by a newer one says nothing about now.
      if (disposed || mine !== asked) return null;
      throw e;
    });
    if (list === null || disposed || mine !== asked) return;
    // A sync event that came meanwhile is newer than the view in this answer.
    if (syncSeen !== seen) list.sync = state.list.sync;
    state.list = list;
    shownQuery = query;
    if (searchFailed) {
      slot.replaceChildren();
      searchFailed = false;
    }
    render();
    status.update(list.sync, list.cached);
    if (announce) said.textContent = list.total === 0 ? t.noMatch : t.foundCount(formatCount(list.total));
  };
  const load = (announce: boolean): void => {
    fetchList(announce).catch((e: unknown) => {
      searchFailed = true;
      ctx.handle(e, () => fetchList(announce), { slot });
    });
  };

  const queryChanged = (typed: boolean): void => {
    if (typingTimer !== null) clearTimeout(typingTimer);
    typingTimer = null;
    const go = (): void => {
      typingTimer = null;
      const filters = form.read();
      // A date that is not one (or not yet), or «Từ ngày» after «Đến ngày»: the form says so,
      // and nothing is asked.
      if (disposed || filters === null || sameFilters(filters, state.query)) return;
      state.query = firstQuery(filters);
      wanted = PAGE;
      load(true);
    };
    if (typed) typingTimer = setTimeout(go, TYPING_MS);
    else go();
  };

  const refreshNow = (): void => {
    if (refreshTimer !== null) clearTimeout(refreshTimer);
    refreshTimer = null;
    lastRefresh = Date.now();
    load(false);
  };
  const scheduleRefresh = (): void => {
    if (refreshTimer !== null) return;
    refreshTimer = setTimeout(refreshNow, Math.max(0, lastRefresh + REFRESH_MS - Date.now()));
  };

  /** A newer sync view (an event, or the answer to a button): shown at once, the list follows. */
  const applySync = (view: SyncView): void => {
    syncSeen += 1;
    state.list.sync = view;
    status.update(view, state.list.cached);
    // While dossiers arrive, the list is read again now and then; when the run ends, once more.
    if (view.state === "running") scheduleRefresh();
    else refreshNow();
    render();
  };

  const status = syncStatus(ctx, applySync);
  const form = searchForm(state.query, state.list.statuses, queryChanged, { keypad: ctx.info.mode === "kiosk" });

  more.addEventListener("click", () => {
    ctx.act(
      more,
      t.loading,
      async () => {
        if (shownQuery !== state.query) {
          // The list shown is still that of an older query: the new one's first page comes first.
          wanted = PAGE;
          await fetchList(true);
          return;
        }
        const mine = (asked += 1);
        const seen = syncSeen;
        const before = state.list.items.length;
        wanted = before + PAGE;
        let page: DossierListView;
        try {
          page = await call("dossiers", { query: { ...state.query, offset: before, limit: PAGE } });
        } catch (e) {
          wanted = Math.max(before, PAGE);
          throw e;
        }
        // Overtaken by a search or a refresh (which shows `wanted` dossiers, this page included).
        if (disposed || mine !== asked) return;
        const known = new Set(state.list.items.map((d) => d.code));
        const fresh = page.items.filter((d) => !known.has(d.code));
        state.list = {
          ...page,
          items: [...state.list.items, ...fresh],
          offset: 0,
          sync: syncSeen !== seen ? state.list.sync : page.sync,
        };
        // An empty page means the cache has no more, whatever its total said.
        if (fresh.length === 0) state.list.total = state.list.items.length;
        render();
        // Keyboard and screen-reader users go on from the first new dossier.
        const first = fresh[0];
        if (first) ul.querySelector<HTMLElement>(`[data-dossier-code="${CSS.escape(first.code)}"]`)?.focus();
      },
      { slot },
    );
  });

  render();
  status.update(state.list.sync, state.list.cached);
  // Shown again after a language switch, the fields get back what was typed (app.ts), which may be
  // newer than the list if the pause after typing had not ended: then it is searched for.
  queueMicrotask(() => {
    if (disposed) return;
    form.check();
    queryChanged(false);
  });

  /** The sync may have moved on between the list's answer and the listener: asks where it stands. */
  const catchUp = async (): Promise<void> => {
    const seen = syncSeen;
    const view = await call("sync_view");
    if (!disposed && seen === syncSeen && JSON.stringify(view) !== JSON.stringify(state.list.sync)) applySync(view);
  };
  on("sync://progress", (view) => {
    if (!disposed) applySync(view);
  })
    .then((stop) => {
      if (disposed) {
        stop();
        return;
      }
      unlisten = stop;
      return catchUp();
    })
    .catch(() => {
      // Without events the list still answers; «Cập nhật» and the next visit show the sync.
    });

  const root = screen(
    "dossiers",
    t.dossiersTitle,
    landingNotice(ctx, landing),
    status.root,
    status.slot,
    form.root,
    h(
      "div",
      { id: "dossier-results", class: "dossier-results" },
      h(
        "div",
        { class: "results-head" },
        count,
        form.clearButton,
        printButton(ctx, "btn-print-dossiers", t.printDossiers, () => ({
          slip: "dossiers",
          query: { ...state.query, offset: 0, limit: 30 },
        })),
      ),
      said,
      empty,
      ul,
      slot,
      moreWrap,
    ),
  );
  const opened = focusCode ? ul.querySelector<HTMLElement>(`[data-dossier-code="${CSS.escape(focusCode)}"]`) : null;
  return {
    root,
    scrollTo: opened,
    dispose: () => {
      disposed = true;
      if (typingTimer !== null) clearTimeout(typingTimer);
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      unlisten?.();
    },
  };
}

export function dossierDetailScreen(
  ctx: Ctx,
  d: DossierDetailView,
  landing: Landing | null,
  from: DossierListState | null,
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
      ctx.show({ name: "dossiers", state: from, landing: null, focusCode: d.code });
    } else {
      ctx.act(btn, t.loading, () => ctx.goTask({ kind: "submitted_dossiers" }));
    }
  };
  const root = screen(
    "dossier-detail",
    t.dossierTitle,
    landingNotice(ctx, landing),
    h(
      "div",
      { class: "detail-head" },
      h("p", { class: "card-top" }, h("span", { class: "dossier-code" }, d.code), statusBadge(d.status)),
      h("p", { class: "detail-procedure" }, d.procedure_name),
    ),
    d.as_of === null
      ? null
      : h(
          "p",
          { id: "dossier-as-of", class: "as-of" },
          icon("clock"),
          h("span", null, d.as_of === "" ? t.savedCopy : t.savedCopyAt(d.as_of)),
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
