// The home screen (the tasks the app offers) and the choice between the two ways to sign in.

import type { Ctx, SessionEnd } from "../context";
import { h, icon, type IconName } from "../dom";
import { taskLabel, tr } from "../i18n";
import { endedNotice } from "../session-end";
import type { Task } from "../contract";
import { actions, alertBox, alertSlot, button, screen, type Screen } from "../ui";
import "./start.css";

/** The welcome screen; after a kiosk session ended, with the notice that says so. */
export function homeScreen(ctx: Ctx, ended: SessionEnd | null = null): Screen {
  const t = tr();
  const notice = ended ? endedNotice(ended) : null;
  const tile = (id: string, iconName: IconName, title: string, hint: string, task: Task): HTMLElement =>
    h(
      "li",
      null,
      h(
        "button",
        {
          type: "button",
          id,
          class: "tile",
          onClick: (e: Event) => {
            const btn = e.currentTarget as HTMLButtonElement;
            if (ctx.session) {
              ctx.act(btn, t.loading, () => ctx.goTask(task), { errorScreen: true });
            } else {
              ctx.goSignIn(task);
            }
          },
        },
        icon(iconName, "icon tile-icon"),
        h("span", { class: "tile-text" }, h("span", { class: "tile-title" }, title), h("span", { class: "tile-hint" }, hint)),
        h("span", { class: "tile-go busy-slot" }, h("span", null, t.choose), icon("chevron")),
      ),
    );
  const root = screen(
    "home",
    t.homeTitle,
    notice?.root,
    h("p", { class: "lead" }, t.homeIntro),
    alertSlot(),
    h(
      "ul",
      { class: "tiles" },
      tile("task-dossiers", "folder", t.taskDossiers, t.taskDossiersHint, { kind: "submitted_dossiers" }),
      tile("task-personal", "person", t.taskPersonal, t.taskPersonalHint, { kind: "personal_info" }),
      tile("task-identity", "idcard", t.taskIdentity, t.taskIdentityHint, { kind: "identity_info" }),
    ),
    h(
      "p",
      { class: "hint" },
      ctx.session === null
        ? t.homeHintSignedOut
        : ctx.session.offline_as_of === null
          ? t.homeHintSignedIn(ctx.session.account.full_name)
          : t.homeHintOffline(ctx.session.account.full_name),
    ),
    // For the office's staff: out of the citizen's way, at the foot of the screen, yet one tap away.
    h(
      "div",
      { class: "officer-link" },
      button(t.officerLink, {
        id: "btn-officer",
        kind: "quiet",
        icon: "key",
        extraClass: "btn-small",
        onClick: () => {
          ctx.show({ name: "officer-pin", configured: true });
        },
      }),
    ),
  );
  return notice ? { root, dispose: notice.dispose } : { root };
}

export function signinChoiceScreen(ctx: Ctx, task: Task, message: string | null): Screen {
  const t = tr();
  const option = (id: string, iconName: IconName, title: string, hint: string, onPick: (b: HTMLButtonElement) => void) =>
    h(
      "li",
      null,
      h(
        "button",
        {
          type: "button",
          id,
          class: "tile tile-option",
          onClick: (e: Event) => {
            onPick(e.currentTarget as HTMLButtonElement);
          },
        },
        icon(iconName, "icon tile-icon"),
        h("span", { class: "tile-text" }, h("span", { class: "tile-title" }, title), h("span", { class: "tile-hint" }, hint)),
        h("span", { class: "tile-go busy-slot" }, icon("chevron")),
      ),
    );
  const root = screen(
    "signin-choice",
    t.signinTitle,
    message ? alertBox("error", h("p", null, message), { title: t.sessionEnded }) : null,
    h("p", { class: "lead" }, t.signinIntro(taskLabel(task))),
    alertSlot(),
    h(
      "ul",
      { class: "tiles tiles-stack" },
      option("btn-signin-portal", "key", t.signinPortal, t.signinPortalHint, (btn) => {
        ctx.act(btn, t.busyOpen, () => ctx.wizard({ event: "start", task }));
      }),
      option("btn-signin-vneid", "shield", t.signinVneid, t.signinVneidHint, (btn) => {
        ctx.act(btn, t.busyOpen, () => ctx.vneid({ event: "start", task }));
      }),
    ),
    actions(
      button(t.back, {
        id: "btn-back",
        icon: "back",
        kind: "quiet",
        onClick: () => {
          ctx.goHome();
        },
      }),
    ),
  );
  return { root };
}
