// The app: its state, the header, which screen shows, focus on screen change, running actions
// with progress, handling failures as the contract says, the language switch and the events;
// in kiosk mode also the lock-down, «Kết thúc phiên» and the idle time-out, which both end the
// session and bring back a welcome screen cleared of everything the citizen left.

import type { ActOptions, Ctx, Landing, Route, SessionEnd, WizardKeep } from "./context";
import type { Dialog } from "./dialog";
import { emblem, h, icon, replace } from "./dom";
import { lang, setLang, tr } from "./i18n";
import { watchIdle, type IdleWatch } from "./idle";
import { StaleAnswer, call, dropPendingAnswers, on, toIpcError } from "./ipc";
import { lockDown } from "./kiosk";
import { dossierDetailScreen, dossiersScreen, listState, reloadState } from "./screens/dossiers";
import { errorScreen } from "./screens/error";
import { identityScreen, personalScreen } from "./screens/profile";
import { auditScreen, officerPinScreen } from "./screens/audit";
import { homeScreen, signinChoiceScreen } from "./screens/start";
import { vneidScreen } from "./screens/vneid";
import { wizardScreen } from "./screens/wizard";
import { confirmEndDialog, idleWarningDialog, type IdleWarning } from "./session-end";
import type {
  AppInfo,
  EndReason,
  IdentityInput,
  IpcError,
  Notice,
  SessionView,
  Task,
  VneidInput,
  VneidView,
  WizardInput,
  WizardView,
} from "./types";
import { alertBox, button, clearBusy, setBusy, spinner, type Screen } from "./ui";

/** A failure, with the task the user was heading for when it happened. */
type Failure = IpcError & { task?: Task };

const FALLBACK_INFO: AppInfo = {
  version: "",
  mode: "laptop",
  lang: "vi",
  sandbox: false,
  sandbox_sms_url: null,
  portal_host: "",
  vneid_host: "",
  idle_timeout_secs: 0,
  idle_warning_secs: 0,
};

/** How long ending a session may wait for the shell before the welcome screen comes back anyway. */
const END_WAIT_MS = 10_000;

let info: AppInfo = FALLBACK_INFO;
let session: SessionView | null = null;
let route: Route = { name: "home" };
let current: Screen | null = null;
let busy = false;
/** Counts `vneid://changed` events, so an answer that arrives after one is dropped. */
let vneidEvents = 0;
/** The id of the element that last had focus, to put focus back after a re-render. */
let lastFocusId = "";
/** The action running (its number), so a dropped one does not end the next one's progress. */
let currentOp = 0;
let opCount = 0;
/** The kiosk's own language (from the first `app_info`), for when it cannot be asked again. */
let homeLang: AppInfo["lang"] = "vi";
/** The dialog shown (the end confirmation or the idle warning), if any. */
let dialog: Dialog | null = null;
let idleWarning: IdleWarning | null = null;
/** The kiosk's idle watch (null on a laptop, or with no time-out). */
let idle: IdleWatch | null = null;
/**
 * Something happened since the welcome screen was last fresh (a screen left it, the language
 * changed): on a kiosk there is then something to protect, even back on the home screen.
 */
let dirty = false;
/** A kiosk session is being ended: nothing else may start or come on screen meanwhile. */
let ending = false;
/**
 * «Chữ lớn»: the whole page's text at 125%. Kept in memory only: for this run on a laptop, for
 * this citizen on a kiosk (the next one starts with the usual size).
 */
let largeText = false;

let headerEl: HTMLElement;
let noticesEl: HTMLElement;
let mainEl: HTMLElement;
let footerEl: HTMLElement;
let announcer: HTMLElement;

const ctx: Ctx = {
  get info() {
    return info;
  },
  get session() {
    return session;
  },
  act,
  handle,
  show,
  goHome,
  goSignIn,
  goTask,
  wizard,
  vneid,
  identity,
  reload,
};

/** Builds the page and shows the home screen once the shell has answered. */
export async function start(root: HTMLElement): Promise<void> {
  headerEl = h("header", { class: "site-header" });
  noticesEl = h("div", { class: "notices" });
  mainEl = h("main", { id: "main", class: "main", tabindex: -1 });
  footerEl = h("footer", { class: "site-footer" });
  announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const skip = h("a", { class: "skip-link", href: "#main" });
  skip.addEventListener("click", (e) => {
    e.preventDefault();
    mainEl.querySelector<HTMLElement>("#screen-title")?.focus();
  });
  root.replaceChildren(skip, headerEl, noticesEl, mainEl, footerEl, announcer);
  document.addEventListener("focusin", (e) => {
    if (e.target instanceof HTMLElement && e.target.id) lastFocusId = e.target.id;
  });

  try {
    await Promise.all([
      on("vneid://changed", onVneidChanged),
      on("session://changed", (s) => {
        // Still nobody (the `end_session` that just cleared everything): nothing to show again.
        if (s === null && session === null) return;
        session = s;
        if (ending) return;
        if (s) markDirty();
        renderHeader();
        if (route.name === "home") show(route);
      }),
      on("app://notice", addNotice),
    ]);
  } catch {
    // Without events the screens still work; VNeID moves on when its view is asked for again.
  }
  renderChrome();
  await boot();
  await takeEarlyNotices();
}

/** Notices from before the listeners were there (a deep link that started the app). */
async function takeEarlyNotices(): Promise<void> {
  try {
    const shown = new Set([...noticesEl.querySelectorAll(".notice .box-body > p:not(.box-title)")].map((p) => p.textContent));
    for (const notice of await call("take_notices")) {
      if (!shown.has(notice.message)) addNotice(notice);
    }
  } catch {
    // A shell without the command: nothing was waiting.
  }
}

async function boot(): Promise<void> {
  try {
    // Asked together: each answer crosses between the page and the app, and that wait is most
    // of the time to the first screen.
    const [appInfo, signedIn, vneidView] = await Promise.all([call("app_info"), call("session"), call("vneid_view")]);
    info = appInfo;
    homeLang = info.lang;
    applyMode();
    setLang(info.lang);
    session = signedIn;
    if (session) markDirty();
    renderChrome();
    // A VNeID sign-in that is under way, or that a link finished while the app was starting
    // (the browser sent the person back to a closed app), takes precedence over the home screen.
    if (vneidView.phase === "waiting" || vneidView.phase === "working" || vneidView.phase === "signed_in") {
      await showVneid(vneidView, vneidView.task);
      return;
    }
    show({ name: "home" });
  } catch (e) {
    if (e instanceof StaleAnswer) {
      await boot();
      return;
    }
    renderChrome();
    show({ name: "error", error: toIpcError(e), task: null, retry: boot });
  }
}

// ---- Header and footer ----

function renderChrome(): void {
  renderHeader();
  renderFooter();
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = tr().skipToContent;
}

function renderHeader(): void {
  const t = tr();
  const had = headerEl.contains(document.activeElement) ? document.activeElement?.id : undefined;
  const other = lang() === "vi" ? "en" : "vi";
  const langBtn = button(t.langToggle, {
    id: "lang-toggle",
    kind: "nav",
    icon: "globe",
    onClick: (btn) => {
      act(btn, t.busyLang, () => switchLanguage(other));
    },
  });
  langBtn.setAttribute("aria-label", t.langToggleLabel);
  langBtn.querySelector(".btn-label")?.setAttribute("lang", other);
  replace(
    headerEl,
    info.sandbox
      ? h(
          "div",
          { id: "sandbox-banner", class: "sandbox-banner", role: "note" },
          h("p", { class: "sandbox-main" }, icon("alert"), h("span", null, t.sandbox)),
          info.sandbox_sms_url
            ? h("p", { class: "sandbox-sms" }, `${t.sandboxSms} `, h("span", { class: "sandbox-url" }, info.sandbox_sms_url))
            : null,
        )
      : null,
    h(
      "div",
      { class: "topbar" },
      h(
        "div",
        { class: "brand" },
        emblem(),
        h("div", { class: "brand-text" }, h("p", { class: "brand-title" }, t.appTitle), h("p", { class: "brand-sub" }, t.appSubtitle)),
      ),
      h(
        "nav",
        { class: "topnav", "aria-label": t.appTitle },
        // First, so it is found before anything needs reading (and «Trang chủ» stays next to the page).
        largeTextButton(),
        button(t.home, { id: "btn-home", kind: "nav", icon: "home", onClick: goHome }),
        langBtn,
        // On a kiosk, ending the session is what signing out means: always there, on every screen.
        kiosk()
          ? button(t.endSession, { id: "btn-end-session", kind: "nav", icon: "logout", extraClass: "btn-end", onClick: confirmEnd })
          : null,
      ),
    ),
    session
      ? h(
          "div",
          { class: "userbar" },
          h(
            "div",
            { class: "userbar-inner" },
            h(
              "p",
              { class: "user-name" },
              icon("person"),
              h("span", null, `${t.signedInAs}: `, h("strong", null, session.account.full_name), ` · ${session.account.kind_label}`),
            ),
            kiosk()
              ? null
              : button(t.signOut, {
                  id: "btn-sign-out",
                  kind: "secondary",
                  icon: "logout",
                  extraClass: "btn-small",
                  onClick: (btn) => {
                    act(btn, t.busySignOut, signOut);
                  },
                }),
          ),
        )
      : null,
  );
  if (had) document.getElementById(had)?.focus();
}

/** The «Chữ lớn» switch: a toggle button (`aria-pressed`). */
function largeTextButton(): HTMLButtonElement {
  const btn = button(h("span", { class: "large-text-mark", "aria-hidden": "true" }, "A+"), {
    id: "btn-large-text",
    kind: "nav",
    onClick: () => {
      setLargeText(!largeText);
      btn.setAttribute("aria-pressed", String(largeText));
    },
  });
  btn.querySelector(".btn-label")?.append(" ", tr().largeText);
  btn.setAttribute("aria-pressed", String(largeText));
  return btn;
}

function setLargeText(on: boolean): void {
  largeText = on;
  document.documentElement.classList.toggle("large-text", on);
  markDirty();
}

function renderFooter(): void {
  const t = tr();
  const parts = [
    info.portal_host ? `${t.appSubtitle}: ${info.portal_host}` : null,
    info.vneid_host ? `VNeID: ${info.vneid_host}` : null,
    info.version ? t.version(info.version) : null,
  ].filter((p): p is string => p !== null);
  replace(footerEl, h("p", null, parts.join(" · ")));
}

function addNotice(notice: Notice): void {
  const t = tr();
  const close = h(
    "button",
    { type: "button", class: "btn btn-quiet btn-icon", "aria-label": t.close, title: t.close },
    icon("close"),
  );
  const box = alertBox(notice.level === "error" ? "error" : "info", notice.message, {
    role: "alert",
    title: t.noticeLabel,
    actions: close,
  });
  box.classList.add("notice");
  close.addEventListener("click", () => {
    box.remove();
    mainEl.querySelector<HTMLElement>("#screen-title")?.focus();
  });
  noticesEl.append(box);
}

// ---- Screens ----

function build(r: Route): Screen {
  switch (r.name) {
    case "home":
      return homeScreen(ctx, r.ended ?? null);
    case "signin-choice":
      return signinChoiceScreen(ctx, r.task, r.message);
    case "wizard":
      return wizardScreen(ctx, r.view, r.keep);
    case "vneid":
      return vneidScreen(ctx, r.view);
    case "personal":
      return personalScreen(ctx, r.session, r.landing);
    case "identity":
      return identityScreen(ctx, r.view, r.landing);
    case "dossiers":
      return dossiersScreen(ctx, r.state, r.landing, r.focusCode);
    case "dossier-detail":
      return dossierDetailScreen(ctx, r.detail, r.landing, r.from);
    case "error":
      return errorScreen(ctx, r.error, r.retry);
    case "officer-pin":
      return officerPinScreen(ctx, r.configured);
    case "audit":
      return auditScreen(ctx, r.state);
  }
}

/**
 * Shows a screen. A new screen puts focus on its title so screen readers announce it; the same
 * screen shown again keeps focus where it was (or on the field with a problem). With
 * `keepInput`, what was typed in the old screen's fields is carried over.
 */
function show(r: Route, keepInput = false): void {
  const before = current?.root.dataset.screen;
  const typed = keepInput ? typedValues() : null;
  const focusId = lastFocusId;
  if (r.name !== "home") markDirty();
  route = r;
  current?.dispose?.();
  const next = build(r);
  current = next;
  mainEl.replaceChildren(next.root);
  if (typed) {
    for (const [id, value] of typed) {
      const input = next.root.querySelector<HTMLInputElement>(`input#${id}`);
      if (input) input.value = value;
    }
  }
  const title = next.root.querySelector<HTMLElement>("#screen-title");
  if (next.root.dataset.screen !== before) {
    title?.focus();
    if (next.scrollTo) next.scrollTo.scrollIntoView({ block: "center" });
    else window.scrollTo(0, 0);
  } else {
    const again = focusId ? document.getElementById(focusId) : null;
    const target =
      next.focus ??
      (again && !(again as HTMLButtonElement).disabled && next.root.contains(again) ? again : null) ??
      (again && headerEl.contains(again) ? again : null) ??
      title;
    target?.focus();
  }
}

function typedValues(): Map<string, string> {
  const values = new Map<string, string>();
  for (const input of mainEl.querySelectorAll<HTMLInputElement>("input[id]")) values.set(input.id, input.value);
  return values;
}

/** «Trang chủ» works at any time; an action still waiting for its answer is dropped. */
function goHome(): void {
  if (ending) return;
  if (busy) {
    dropPendingAnswers();
    busy = false;
    currentOp = 0;
    announcer.textContent = "";
  }
  show({ name: "home" });
}

function goSignIn(task: Task, message: string | null = null): void {
  show({ name: "signin-choice", task, message });
}

/** The task of the screen being shown, for a sign-in that has to start again. */
function currentTask(): Task {
  switch (route.name) {
    case "signin-choice":
      return route.task;
    case "wizard":
    case "vneid":
      return route.view.task;
    case "personal":
      return { kind: "personal_info" };
    case "identity":
      return { kind: "identity_info" };
    case "dossiers":
      return { kind: "submitted_dossiers" };
    case "dossier-detail":
      return { kind: "dossier_detail", code: route.detail.code };
    case "error":
      return route.task ?? { kind: "submitted_dossiers" };
    case "home":
    case "officer-pin":
    case "audit":
      return { kind: "submitted_dossiers" };
  }
}

async function goTask(task: Task, landing: Landing | null = null): Promise<void> {
  try {
    switch (task.kind) {
      case "submitted_dossiers": {
        show({ name: "dossiers", state: await listState(), landing, focusCode: null });
        return;
      }
      case "dossier_detail": {
        const detail = await call("dossier", { code: task.code });
        show({ name: "dossier-detail", detail, landing, from: null });
        return;
      }
      case "personal_info": {
        const s = await call("session");
        setSession(s);
        if (s) show({ name: "personal", session: s, landing });
        else goSignIn(task);
        return;
      }
      case "identity_info": {
        const view = await call("identity", { input: { event: "open" } });
        show({ name: "identity", view, landing });
        return;
      }
    }
  } catch (e) {
    if (e instanceof StaleAnswer) throw e;
    const failure: Failure = { ...toIpcError(e), task };
    throw failure;
  }
}

function setSession(s: SessionView | null): void {
  session = s;
  if (s) markDirty();
  renderHeader();
}

/** Asks for the session again after signing in; `session://changed` does the same if this fails. */
async function refreshSession(): Promise<void> {
  try {
    setSession(await call("session"));
  } catch (e) {
    // The header stays as it was; the task screen reports any real problem.
    if (e instanceof StaleAnswer) throw e;
  }
}

function landingFor(outcome: Extract<WizardView, { step: "done" }>["outcome"]): Landing | null {
  switch (outcome) {
    case "linked":
      return "linked";
    case "skipped":
      return "skipped";
    case "already_linked":
      return null;
  }
}

async function wizard(input: WizardInput, keep: WizardKeep = {}): Promise<void> {
  await showWizard(await call("wizard", { input }), keep);
}

/** Shows a wizard step; after the last one, the task screen with the notice the outcome calls for. */
async function showWizard(view: WizardView, keep: WizardKeep, keepInput = false): Promise<void> {
  if (view.step !== "done") {
    show({ name: "wizard", view, keep }, keepInput);
    return;
  }
  await refreshSession();
  await goTask(view.task, landingFor(view.outcome));
}

async function vneid(input: VneidInput): Promise<void> {
  const seen = vneidEvents;
  const task = currentTask();
  const view = await call("vneid", { input });
  // A `vneid://changed` that arrived meanwhile is newer than this answer.
  if (input.event !== "start" && vneidEvents !== seen) return;
  await showVneid(view, task);
}

async function showVneid(view: VneidView, task: Task, keepInput = false): Promise<void> {
  switch (view.phase) {
    case "idle":
      goSignIn(task);
      return;
    case "signed_in":
      // The header's session and the task screen's data are asked for together.
      await Promise.all([refreshSession(), goTask(view.task, view.legacy_linked ? null : "vneid_unlinked")]);
      return;
    default:
      show({ name: "vneid", view }, keepInput);
  }
}

function onVneidChanged(view: VneidView): void {
  vneidEvents += 1;
  if (ending) return;
  if (route.name !== "vneid") {
    // A link finished a sign-in while another screen was up (the app was just started with it).
    if (view.phase === "working" || view.phase === "signed_in") void showVneid(view, view.task);
    return;
  }
  const task = route.view.task;
  if (view.phase === "signed_in") {
    // Keep the progress screen while the task screen loads.
    if (current?.root.dataset.screen !== "vneid-working") show({ name: "vneid", view: { phase: "working", task } });
    run(null, tr().loading, () => showVneid(view, task), {});
  } else {
    void showVneid(view, task);
  }
}

async function identity(input: IdentityInput, landing: Landing | null = null): Promise<void> {
  const view = await call("identity", { input });
  show({ name: "identity", view, landing });
}

async function signOut(): Promise<void> {
  await call("sign_out");
  setSession(null);
  goHome();
}

/** Re-reads what the current screen shows, in the current language, and shows it again. */
async function reload(): Promise<void> {
  const r = route;
  switch (r.name) {
    case "home":
    case "signin-choice":
    case "error":
    case "officer-pin":
    case "audit":
      // The audit log is shown again from what it was opened with: nobody is asked again.
      show(r, true);
      return;
    case "wizard":
      await showWizard(await call("wizard_view"), r.keep, true);
      return;
    case "vneid":
      await showVneid(await call("vneid_view"), r.view.task, true);
      return;
    case "personal": {
      const s = await call("session");
      setSession(s);
      if (s) show({ ...r, session: s }, true);
      else goSignIn({ kind: "personal_info" });
      return;
    }
    case "identity":
      show({ ...r, view: await call("identity_view") }, true);
      return;
    case "dossiers":
      show({ ...r, state: await reloadState(r.state), focusCode: null }, true);
      return;
    case "dossier-detail": {
      const detail = await call("dossier", { code: r.detail.code });
      const from = r.from ? await reloadState(r.from) : null;
      show({ ...r, detail, from }, true);
      return;
    }
  }
}

async function switchLanguage(next: AppInfo["lang"]): Promise<void> {
  markDirty();
  info = await call("set_language", { lang: next });
  setLang(info.lang);
  session = await call("session");
  renderChrome();
  // The new header's switch shows the progress while the screen is read again.
  const btn = document.getElementById("lang-toggle");
  if (btn) setBusy(btn, tr().busyLang);
  try {
    await reload();
  } finally {
    if (btn?.isConnected) clearBusy(btn);
  }
  document.getElementById("lang-toggle")?.focus();
}

// ---- Actions ----

function act(button: HTMLElement | null, busyText: string, op: () => Promise<void>, opts: ActOptions = {}): void {
  if (busy || ending) return;
  run(button, busyText, op, opts);
}

function run(button: HTMLElement | null, busyText: string, op: () => Promise<void>, opts: ActOptions): void {
  busy = true;
  const id = (opCount += 1);
  currentOp = id;
  const slot = opts.slot ?? mainEl.querySelector<HTMLElement>("[data-alert-slot]");
  if (slot && !(button && slot.contains(button))) slot.replaceChildren();
  if (button) setBusy(button, busyText);
  announcer.textContent = busyText;
  const retry = (): Promise<void> => op();
  op()
    .then(() => {
      // A «Thử lại» that worked takes its message away.
      if (slot?.isConnected && button && slot.contains(button)) slot.replaceChildren();
    })
    .catch((e: unknown) => (e instanceof StaleAnswer ? undefined : fail(e as Failure, retry, { ...opts, slot })))
    .catch((e: unknown) => {
      if (!(e instanceof StaleAnswer)) show({ name: "error", error: toIpcError(e), task: currentTask(), retry: null });
    })
    .finally(() => {
      if (currentOp !== id) return;
      busy = false;
      announcer.textContent = "";
      if (button?.isConnected) clearBusy(button);
      // A disabled button loses focus: give it back (or to «Thử lại», or to the title).
      if (!document.activeElement || document.activeElement === document.body) {
        const target =
          (button?.isConnected ? button : null) ??
          (slot?.isConnected ? slot.querySelector("button") : null) ??
          mainEl.querySelector<HTMLElement>("#screen-title");
        target?.focus();
      }
    });
}

/** A call a screen made on its own (a search while typing) failed: handled like a failed action. */
function handle(e: unknown, retry: () => Promise<void>, opts: ActOptions = {}): void {
  if (e instanceof StaleAnswer) return;
  const slot = opts.slot ?? mainEl.querySelector<HTMLElement>("[data-alert-slot]");
  fail(e as Failure, retry, { ...opts, slot }).catch((again: unknown) => {
    if (!(again instanceof StaleAnswer)) show({ name: "error", error: toIpcError(again), task: currentTask(), retry: null });
  });
}

/** Handles a failed action as the contract says. */
async function fail(raw: Failure, retry: () => Promise<void>, opts: ActOptions): Promise<void> {
  const error: Failure = { ...toIpcError(raw), ...(raw.task ? { task: raw.task } : {}) };
  const task = error.task ?? currentTask();
  switch (error.code) {
    case "session_expired":
    case "not_signed_in":
      setSession(null);
      goSignIn(task, error.message);
      return;
    case "refused":
      // The screen was stale (a double click, an old page): show where things stand now.
      await reload();
      return;
    default: {
      const canRetry = error.code === "unreachable" || error.code === "maintenance" || error.code === "error";
      const slot = opts.slot?.isConnected ? opts.slot : null;
      if (opts.errorScreen || !slot) {
        show({ name: "error", error, task, retry: canRetry ? retry : null });
        return;
      }
      inlineError(slot, error, canRetry ? retry : null);
    }
  }
}

/** The message in the screen's alert slot, with «Thử lại» when trying again may help. */
function inlineError(slot: HTMLElement, error: IpcError, retry: (() => Promise<void>) | null): void {
  const t = tr();
  const withRetry = retry !== null;
  // One «Thử lại» per screen: a screen that has its own keeps it.
  const retryBtn = withRetry
    ? button(t.retry, {
        id: document.getElementById("btn-retry") ? undefined : "btn-retry",
        kind: "secondary",
        onClick: (btn) => {
          act(btn, t.busyRetry, retry, { slot });
        },
      })
    : null;
  slot.replaceChildren(alertBox("error", error.message, { actions: retryBtn }));
}

// ---- Kiosk: the lock-down, «Kết thúc phiên» and the idle time-out ----

function kiosk(): boolean {
  return info.mode === "kiosk";
}

/** In kiosk mode: the page's lock-down and, with a time-out, the idle watch. */
function applyMode(): void {
  if (!kiosk()) return;
  lockDown();
  if (idle || info.idle_timeout_secs <= 0) return;
  idle = watchIdle({
    timeoutSecs: info.idle_timeout_secs,
    warningSecs: info.idle_warning_secs,
    guarded: () => dirty || session !== null,
    warn: showIdleWarning,
    tick: (left) => {
      idleWarning?.update(left);
    },
    expire: () => {
      void endSession("timeout");
    },
  });
}

/** There is now something to protect: the idle time counts from here if it did not yet. */
function markDirty(): void {
  if (dirty) return;
  dirty = true;
  idle?.touch();
}

function closeDialog(restoreFocus = true): void {
  dialog?.close(restoreFocus);
  dialog = null;
  idleWarning = null;
}

/** «Kết thúc phiên» in the header: asks first. */
function confirmEnd(): void {
  if (ending) return;
  closeDialog(false);
  dialog = confirmEndDialog(() => {
    void endSession("button");
  });
}

function showIdleWarning(left: number): void {
  if (ending) return;
  closeDialog(false);
  idleWarning = idleWarningDialog(
    left,
    () => {
      closeDialog();
      idle?.extend();
    },
    () => {
      void endSession("button");
    },
  );
  dialog = idleWarning.dialog;
}

/** `p`, or nothing after `ms` (the timer cleared either way). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the kiosk session: the screen is emptied at once, `end_session` deletes what the shell
 * kept, and whatever it answers (even an error, or nothing for a while) the welcome screen comes
 * back cleared, in the kiosk's language, with the notice.
 */
async function endSession(reason: EndReason): Promise<void> {
  if (ending) return;
  ending = true;
  idle?.hold();
  // Answers still on their way belong to the citizen who is leaving.
  dropPendingAnswers();
  busy = false;
  currentOp = 0;
  // The timed-out warning goes at once; the confirmation shows its progress until the end.
  if (reason === "timeout") closeDialog(false);
  current?.dispose?.();
  current = null;
  // The route goes too, and with it an officer's PIN (the audit log screen).
  route = { name: "home" };
  session = null;
  renderHeader();
  mainEl.replaceChildren(h("div", { class: "working" }, spinner(), h("p", null, tr().busyEnd)));
  announcer.textContent = tr().busyEnd;
  try {
    await within(call("end_session", { reason }), END_WAIT_MS);
  } catch {
    // The welcome screen comes back whatever the shell answered.
  }
  await resetToWelcome({ reason, idleSecs: info.idle_timeout_secs });
}

/** The welcome screen as the next citizen should find it: no input, no search, no view kept. */
async function resetToWelcome(ended: SessionEnd): Promise<void> {
  try {
    info = (await within(call("app_info"), END_WAIT_MS)) ?? { ...info, lang: homeLang };
  } catch {
    info = { ...info, lang: homeLang };
  }
  closeDialog(false);
  dropPendingAnswers();
  busy = false;
  currentOp = 0;
  vneidEvents += 1;
  announcer.textContent = "";
  setLang(info.lang);
  session = null;
  dirty = false;
  lastFocusId = "";
  noticesEl.replaceChildren();
  window.getSelection()?.removeAllRanges();
  largeText = false;
  document.documentElement.classList.remove("large-text");
  renderChrome();
  show({ name: "home", ended });
  ending = false;
  idle?.extend();
}
