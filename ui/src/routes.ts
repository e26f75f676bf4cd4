// Which screen shows: the route (a discriminated union, see context.ts), the one switch that
// builds its screen, and where focus goes when a screen changes.

import { page } from "./chrome";
import type { Ctx, Route } from "./context";
import { auditScreen, officerPinScreen } from "./screens/audit";
import { dossierDetailScreen, dossiersScreen } from "./screens/dossiers";
import { errorScreen } from "./screens/error";
import { identityScreen, personalScreen } from "./screens/profile";
import { homeScreen, signinChoiceScreen } from "./screens/start";
import { vneidScreen } from "./screens/vneid";
import { wizardScreen } from "./screens/wizard";
import { markDirty } from "./state";
import type { Task } from "./contract";
import type { Screen } from "./ui";

/** What the screens may ask of the app (app.ts hands it over once). */
let ctx: Ctx;
let route: Route = { name: "home" };
let current: Screen | null = null;
/** The id of the element that last had focus, to put focus back after a re-render. */
let lastFocusId = "";

/** Hands the screens what they may ask of the app, and starts following focus. */
export function startRoutes(screenCtx: Ctx): void {
  ctx = screenCtx;
  document.addEventListener("focusin", (e) => {
    if (e.target instanceof HTMLElement && e.target.id) lastFocusId = e.target.id;
  });
}

export function currentRoute(): Route {
  return route;
}

/**
 * Takes the screen away (its timers and listeners too) and forgets the route, and with it an
 * officer's PIN (the audit log screen): for the end of a kiosk session.
 */
export function dropScreen(): void {
  current?.dispose?.();
  current = null;
  route = { name: "home" };
}

/** Forgets where focus was, so the next screen starts afresh. */
export function forgetFocus(): void {
  lastFocusId = "";
}

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
      return personalScreen(ctx, r.session, r.landing, r.keep);
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
export function show(r: Route, keepInput = false): void {
  const before = current?.root.dataset.screen;
  const typed = keepInput ? typedValues() : null;
  const focusId = lastFocusId;
  if (r.name !== "home") markDirty();
  route = r;
  current?.dispose?.();
  const next = build(r);
  current = next;
  page.main.replaceChildren(next.root);
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
      (again && page.header.contains(again) ? again : null) ??
      title;
    target?.focus();
  }
}

function typedValues(): Map<string, string> {
  const values = new Map<string, string>();
  for (const input of page.main.querySelectorAll<HTMLInputElement>("input[id]")) values.set(input.id, input.value);
  return values;
}

export function goSignIn(task: Task, message: string | null = null): void {
  show({ name: "signin-choice", task, message });
}

/** The task of the screen being shown, for a sign-in that has to start again. */
export function currentTask(): Task {
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
