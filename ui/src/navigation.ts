// Where the shell's answers lead: a task's screen, the wizard's and VNeID's steps, the screen read
// again after a language switch or a refused action, and «Trang chủ» at any time.

import { dropActions, isBusy, run, type Failure } from "./actions";
import { page, renderChrome, setSession } from "./chrome";
import type { Landing, WizardKeep } from "./context";
import { setLang, tr } from "./i18n";
import { StaleAnswer, call, toIpcError } from "./ipc";
import { currentRoute, currentTask, goSignIn, show } from "./routes";
import { listState, reloadState } from "./screens/dossiers";
import { markDirty, state } from "./state";
import type { AppInfo, IdentityInput, PersonalChange, SessionView, Task, VneidInput, VneidView, WizardInput, WizardView } from "./contract";
import { clearBusy, setBusy } from "./ui";

/** Counts `vneid://changed` events, so an answer that arrives after one is dropped. */
let vneidEvents = 0;

/** Answers to VNeID calls still on their way are dropped (the end of a kiosk session). */
export function forgetVneidAnswers(): void {
  vneidEvents += 1;
}

/** «Trang chủ» works at any time; an action still waiting for its answer is dropped. */
export function goHome(): void {
  if (state.ending) return;
  if (isBusy()) {
    dropActions();
    page.announcer.textContent = "";
  }
  show({ name: "home" });
}

export async function goTask(task: Task, landing: Landing | null = null): Promise<void> {
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
        if (s) show({ name: "personal", session: s, landing, keep: { draft: null, saved: false } });
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

export async function wizard(input: WizardInput, keep: WizardKeep = {}): Promise<void> {
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

export async function vneid(input: VneidInput): Promise<void> {
  const seen = vneidEvents;
  const task = currentTask();
  const view = await call("vneid", { input });
  // A `vneid://changed` that arrived meanwhile is newer than this answer.
  if (input.event !== "start" && vneidEvents !== seen) return;
  await showVneid(view, task);
}

export async function showVneid(view: VneidView, task: Task, keepInput = false): Promise<void> {
  switch (view.phase) {
    case "idle":
      goSignIn(task);
      return;
    case "signed_in":
      // The header's session and the task screen's data are asked for together.
      await Promise.all([refreshSession(), goTask(view.task, view.legacy_linked ? null : "vneid_unlinked")]);
      return;
    case "waiting":
    case "working":
    case "failed":
      show({ name: "vneid", view }, keepInput);
      return;
  }
}

export function onVneidChanged(view: VneidView): void {
  vneidEvents += 1;
  if (state.ending) return;
  const route = currentRoute();
  if (route.name !== "vneid") {
    // A link finished a sign-in while another screen was up (the app was just started with it).
    if (view.phase === "working" || view.phase === "signed_in") void showVneid(view, view.task);
    return;
  }
  const task = route.view.task;
  if (view.phase === "signed_in") {
    // The screen shown stays while the task screen loads: its data is on this machine, so a
    // progress screen put up now would only flash by.
    run(null, tr().loading, () => showVneid(view, task), {});
  } else {
    void showVneid(view, task);
  }
}

export async function identity(input: IdentityInput, landing: Landing | null = null): Promise<void> {
  const view = await call("identity", { input });
  show({ name: "identity", view, landing });
}

/**
 * «Lưu» of «Sửa thông tin cá nhân»: the shell answers the session with the corrected details (and
 * emits `session://changed`, which only renews the header, as this does); the screen shows them
 * with the notice, the form closed.
 */
export async function personal(change: PersonalChange): Promise<void> {
  const s = await call("update_personal", { change });
  setSession(s);
  show({ name: "personal", session: s, landing: null, keep: { draft: null, saved: true } });
}

/**
 * The saved copy a laptop opened without a network is over: the session went live by itself
 * (the screen shown reads again what it shows; the sync's progress follows), or the kept
 * sign-in was refused and the copy closed (home).
 */
export function savedCopyChanged(s: SessionView | null): void {
  if (s === null) {
    goHome();
    return;
  }
  switch (currentRoute().name) {
    case "personal":
    case "identity":
    case "dossiers":
    case "dossier-detail":
      run(null, tr().loading, reload, {});
      return;
    case "home":
    case "signin-choice":
    case "wizard":
    case "vneid":
    case "error":
    case "officer-pin":
    case "audit":
      return;
  }
}

export async function signOut(): Promise<void> {
  await call("sign_out");
  setSession(null);
  goHome();
}

/** Re-reads what the current screen shows, in the current language, and shows it again. */
export async function reload(): Promise<void> {
  const r = currentRoute();
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

export async function switchLanguage(next: AppInfo["lang"]): Promise<void> {
  markDirty();
  state.info = await call("set_language", { lang: next });
  setLang(state.info.lang);
  state.session = await call("session");
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
