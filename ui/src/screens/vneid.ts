// Sign-in with VNeID: waiting for the sign-in page (browser or kiosk window), finishing, failing.

import type { Ctx } from "../context";
import { h, icon } from "../dom";
import { tr } from "../i18n";
import type { NextStep, VneidView } from "../contract";
import { actions, alertBox, alertSlot, button, countdown, duration, screen, spinner, type Screen } from "../ui";
import { printButton } from "../print";
import "./vneid.css";

type Phase<P extends VneidView["phase"]> = Extract<VneidView, { phase: P }>;

export function vneidScreen(ctx: Ctx, view: Phase<"waiting" | "working" | "failed">): Screen {
  switch (view.phase) {
    case "waiting":
      return waiting(ctx, view);
    case "working":
      return working();
    case "failed":
      return failed(ctx, view);
  }
}

function waiting(ctx: Ctx, view: Phase<"waiting">): Screen {
  const t = tr();
  const inBrowser = view.opened_in === "browser";
  const remaining = h("p", { class: "countdown" }, icon("clock"), h("span", null));
  const remainingText = remaining.lastElementChild;
  const stop = countdown(
    view.expires_in_secs,
    (left) => {
      if (remainingText) remainingText.textContent = t.vneidExpiresIn(duration(left));
    },
    view.expires_in_secs > 0
      ? () => {
          // The sign-in has run out: ask Rust where it stands now (it reports the failure).
          ctx.act(null, t.loading, () => ctx.reload());
        }
      : undefined,
  );
  const root = screen(
    "vneid-waiting",
    t.vneidWaitingTitle,
    h("p", { class: "waiting", role: "status" }, spinner(), h("span", null, t.vneidStillWaiting)),
    h(
      "div",
      { class: "host-box" },
      h("p", { class: "host-line" }, icon("shield"), h("span", null, t.vneidPageHost, " "), h("strong", { class: "host" }, view.host)),
      h("p", null, t.vneidCheckHost),
    ),
    view.problem ? alertBox("error", view.problem.message) : null,
    inBrowser
      ? h(
          "div",
          { class: "instructions" },
          h("p", null, t.vneidBrowser),
          h("p", null, t.vneidBrowserUrl),
          h("p", { id: "vneid-url", class: "url" }, view.url),
        )
      : h("div", { class: "instructions" }, h("p", null, t.vneidWindow)),
    remaining,
    alertSlot(),
    actions(
      button(inBrowser ? t.vneidReopen : t.vneidReopenWindow, {
        id: "btn-vneid-reopen",
        kind: "secondary",
        icon: "external",
        onClick: (btn) => {
          ctx.act(btn, t.busyOpen, () => ctx.vneid({ event: "reopen" }));
        },
      }),
      button(t.cancel, {
        id: "btn-vneid-cancel",
        kind: "quiet",
        onClick: (btn) => {
          ctx.act(btn, t.busyCancel, () => ctx.vneid({ event: "cancel" }));
        },
      }),
    ),
  );
  return { root, dispose: stop };
}

/** After this long without an answer the screen says that VNeID is slow. */
const SLOW_AFTER_MS = 6000;

function working(): Screen {
  const t = tr();
  const slow = h("p", { id: "vneid-slow", class: "slow", hidden: true }, t.vneidSlow);
  const root = screen(
    "vneid-working",
    t.vneidWorkingTitle,
    h("div", { class: "working", role: "status" }, spinner(), h("p", null, t.vneidWorkingIntro), slow),
  );
  const timer = setTimeout(() => {
    slow.hidden = false;
  }, SLOW_AFTER_MS);
  return {
    root,
    dispose: () => {
      clearTimeout(timer);
    },
  };
}

/** The steps that get the citizen past this failure, numbered. */
function nextSteps(step: NextStep): HTMLElement {
  const t = tr();
  return h(
    "section",
    { class: "next-step", "aria-labelledby": "next-step-title" },
    h("h2", { id: "next-step-title" }, step.title),
    h("p", { class: "next-step-lead" }, t.vneidNextSteps),
    h("ol", { class: "next-step-list" }, ...step.steps.map((text) => h("li", null, text))),
  );
}

function failed(ctx: Ctx, view: Phase<"failed">): Screen {
  const t = tr();
  const step = view.next_step;
  // Where the fix lies outside the app (the phone, the police), trying again at once is not the
  // first thing to offer; where VNeID is down or slow, it is.
  const retryFirst = step === null || step.retry;
  const root = screen(
    "vneid-failed",
    t.vneidFailedTitle,
    h("div", { class: "vneid-problem", "data-code": view.problem.code }, alertBox("error", view.problem.message)),
    step ? nextSteps(step) : null,
    alertSlot(),
    step ? printButton(ctx, "btn-print-next-step", t.printNextStep, () => ({ slip: "next_step" })) : null,
    actions(
      button(retryFirst ? t.vneidRetry : t.vneidSignInAgain, {
        id: "btn-vneid-retry",
        kind: retryFirst ? "primary" : "secondary",
        onClick: (btn) => {
          ctx.act(btn, t.busyOpen, () => ctx.vneid({ event: "start", task: view.task }));
        },
      }),
      button(retryFirst ? t.backHome : t.vneidOtherTask, {
        id: "btn-vneid-home",
        kind: retryFirst ? "secondary" : "primary",
        icon: "home",
        onClick: () => {
          ctx.goHome();
        },
      }),
    ),
  );
  return { root };
}
