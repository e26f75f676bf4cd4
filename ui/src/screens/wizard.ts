// Sign-in with the portal's own account and linking the CCCD number: one screen per wizard step.

import type { Ctx, WizardKeep } from "../context";
import { h } from "../dom";
import { failureTitle, tr } from "../i18n";
import type { WizardView } from "../contract";
import {
  actions,
  alertBox,
  alertSlot,
  button,
  countdown,
  duration,
  field,
  form,
  screen,
  type Screen,
} from "../ui";
import { printButton } from "../print";
import { RETRYABLE, cccdForm, checkCode, typedNumber } from "./cccd";
import "./wizard.css";

type Step<S extends WizardView["step"]> = Extract<WizardView, { step: S }>;

export function wizardScreen(ctx: Ctx, view: Exclude<WizardView, { step: "done" }>, keep: WizardKeep): Screen {
  switch (view.step) {
    case "credentials":
      return credentials(ctx, view, keep);
    case "code":
      return code(ctx, view, keep);
    case "account_unavailable":
      return accountUnavailable(ctx, view);
    case "enter_cccd":
      return enterCccd(ctx, view);
    case "match_failed":
      return matchFailed(ctx, view);
  }
}

/** "Bước 2 trên 3" and the three steps, the current one marked. */
function steps(current: 1 | 2 | 3): HTMLElement {
  const t = tr();
  const names = [t.stepSignIn, t.stepCode, t.stepCccd];
  return h(
    "div",
    { class: "steps-wrap" },
    h("p", { class: "steps-count" }, t.stepOf(current, 3)),
    h(
      "ol",
      { class: "steps", "aria-label": t.stepsLabel },
      names.map((name, i) =>
        h(
          "li",
          {
            class: i + 1 < current ? "step is-done" : i + 1 === current ? "step is-current" : "step",
            "aria-current": i + 1 === current ? "step" : undefined,
          },
          h("span", { class: "step-num", "aria-hidden": "true" }, i + 1),
          h("span", { class: "step-name" }, name),
        ),
      ),
    ),
  );
}

function retryButton(onRetry: (btn: HTMLButtonElement) => void): HTMLButtonElement {
  return button(tr().retry, { id: "btn-retry", kind: "secondary", onClick: onRetry });
}

function credentials(ctx: Ctx, view: Step<"credentials">, keep: WizardKeep): Screen {
  const t = tr();
  const problem = view.problem;
  const fieldProblem = problem?.code === "missing_username" || problem?.code === "missing_password";
  // After a wrong password the field starts empty; after a network problem what was typed stays.
  const keepPassword = !problem || !["wrong_credentials", "locked"].includes(problem.code);
  const user = field({
    id: "username",
    label: t.username,
    value: view.username,
    // A kiosk's browser must not offer the last citizen's user name to the next one.
    autocomplete: ctx.info.mode === "kiosk" ? "off" : "username",
    error: problem?.code === "missing_username" ? problem.message : null,
  });
  const toggle = h(
    "button",
    { type: "button", class: "btn btn-secondary btn-small reveal", "aria-pressed": "false", "aria-controls": "password" },
    t.showPassword,
  );
  const pass = field({
    id: "password",
    label: t.password,
    type: "password",
    value: keepPassword ? (keep.password ?? "") : "",
    autocomplete: ctx.info.mode === "kiosk" ? "off" : "current-password",
    error: problem?.code === "missing_password" ? problem.message : null,
    after: toggle,
  });
  toggle.addEventListener("click", () => {
    const show = pass.input.type === "password";
    pass.input.type = show ? "text" : "password";
    toggle.setAttribute("aria-pressed", String(show));
    toggle.textContent = show ? t.hidePassword : t.showPassword;
  });
  const submitBtn = button(t.submitPassword, { id: "btn-submit-password", kind: "primary", type: "submit" });
  const submit = (btn: HTMLButtonElement | null): void => {
    const username = user.input.value.trim();
    const password = pass.input.value;
    user.setError(username === "" ? t.usernameEmpty : null);
    pass.setError(password === "" ? t.passwordEmpty : null);
    if (username === "") {
      user.input.focus();
      return;
    }
    if (password === "") {
      pass.input.focus();
      return;
    }
    ctx.act(btn ?? submitBtn, t.busySignIn, () =>
      ctx.wizard({ event: "submit_password", username, password }, { password }),
    );
  };
  const formProblem =
    problem && !fieldProblem
      ? alertBox("error", problem.message, {
          actions: RETRYABLE.has(problem.code) ? retryButton((b) => { submit(b); }) : null,
        })
      : null;
  const root = screen(
    "credentials",
    t.credentialsTitle,
    steps(1),
    h("p", { class: "lead" }, t.credentialsIntro),
    formProblem,
    alertSlot(),
    form(
      submit,
      user.root,
      pass.root,
      actions(
        submitBtn,
        button(t.back, {
          id: "btn-back",
          kind: "quiet",
          icon: "back",
          onClick: () => {
            ctx.goSignIn(view.task);
          },
        }),
      ),
    ),
  );
  let focus: HTMLElement | null = null;
  if (problem) {
    if (problem.code === "missing_username" || view.username === "") focus = user.input;
    else if (problem.code === "missing_password" || !keepPassword) focus = pass.input;
  }
  return { root, focus };
}

function code(ctx: Ctx, view: Step<"code">, keep: WizardKeep): Screen {
  const t = tr();
  const problem = view.problem;
  const fieldProblem = problem?.code === "code_format" || problem?.code === "wrong_code";
  const network = problem !== null && RETRYABLE.has(problem.code);
  const otp = field({
    id: "otp",
    label: t.otp,
    help: t.codeHelp,
    value: network ? (keep.code ?? "") : "",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    error: fieldProblem ? problem.message : null,
    extraClass: "input-code",
  });
  const submitBtn = button(t.submitCode, { id: "btn-submit-code", kind: "primary", type: "submit" });
  const submit = (btn: HTMLButtonElement | null): void => {
    const problemText = checkCode(otp.input.value);
    otp.setError(problemText);
    if (problemText) {
      otp.input.focus();
      return;
    }
    const digits = otp.input.value.replace(/\s/g, "");
    ctx.act(btn ?? submitBtn, t.busyCheck, () => ctx.wizard({ event: "submit_code", code: digits }, { code: digits }));
  };

  const expiry = h("p", { class: "countdown" });
  const resendBtn = button(t.resend, {
    id: "btn-resend",
    kind: "secondary",
    onClick: (btn) => {
      ctx.act(btn, t.busySend, () => ctx.wizard({ event: "resend_code" }, { resent: true }));
    },
  });
  const resendLabel = resendBtn.querySelector(".btn-label");
  const stops = [
    countdown(view.expires_in_secs, (left) => {
      expiry.textContent = left > 0 ? t.codeExpiresIn(duration(left)) : t.codeExpired;
      expiry.classList.toggle("is-over", left === 0);
    }),
    countdown(view.resend_in_secs, (left) => {
      if (resendBtn.classList.contains("is-busy")) return;
      resendBtn.disabled = left > 0;
      if (resendLabel) resendLabel.textContent = left > 0 ? t.resendIn(duration(left)) : t.resend;
    }),
  ];

  const root = screen(
    "code",
    t.codeTitle,
    steps(2),
    h("p", { class: "lead" }, `${t.codeSentTo} `, h("strong", { class: "phone" }, view.masked_phone), "."),
    keep.resent && !problem ? alertBox("success", t.resent) : null,
    problem && !fieldProblem
      ? alertBox("error", problem.message, {
          actions: network ? retryButton((b) => { submit(b); }) : null,
        })
      : null,
    alertSlot(),
    form(submit, otp.root, expiry, actions(submitBtn)),
    h(
      "div",
      { class: "actions actions-secondary" },
      resendBtn,
      button(t.changeAccount, {
        id: "btn-change-account",
        kind: "quiet",
        onClick: (btn) => {
          ctx.act(btn, t.busyOpen, () => ctx.wizard({ event: "change_account" }));
        },
      }),
    ),
  );
  return {
    root,
    focus: fieldProblem ? otp.input : null,
    dispose: () => {
      for (const stop of stops) stop();
    },
  };
}

function accountUnavailable(ctx: Ctx, view: Step<"account_unavailable">): Screen {
  const t = tr();
  const root = screen(
    "account-unavailable",
    t.unavailableTitle,
    h("p", { class: "lead" }, t.unavailableIntro),
    alertBox("error", view.problem.message),
    alertSlot(),
    actions(
      button(t.retry, {
        id: "btn-retry",
        kind: "primary",
        onClick: (btn) => {
          ctx.act(btn, t.busyRetry, () => ctx.wizard({ event: "retry" }));
        },
      }),
      button(t.backHome, {
        kind: "quiet",
        icon: "home",
        onClick: () => {
          ctx.goHome();
        },
      }),
    ),
  );
  return { root };
}

function skipButton(ctx: Ctx): HTMLButtonElement {
  const t = tr();
  return button(t.skip, {
    id: "btn-skip",
    kind: "secondary",
    onClick: (btn) => {
      ctx.act(btn, t.busyOpen, () => ctx.wizard({ event: "skip" }));
    },
  });
}

function enterCccd(ctx: Ctx, view: Step<"enter_cccd">): Screen {
  const t = tr();
  const { form: cccdFormEl, field: cccd, dispose } = cccdForm({
    entry: view.entry,
    problem: view.problem,
    onSubmit: (input, btn) => {
      ctx.act(btn, t.busyLookup, () => ctx.wizard({ event: "submit_cccd", input }));
    },
    keypad: ctx.info.mode === "kiosk",
    card: ctx,
    secondary: [skipButton(ctx)],
  });
  const root = screen(
    "enter-cccd",
    t.enterCccdTitle,
    steps(3),
    h("p", { class: "lead greeting" }, t.greeting(view.account_name)),
    alertBox("info", h("div", null, h("p", null, t.whyCccd), h("p", null, t.whyCccd2)), { role: null }),
    alertSlot(),
    cccdFormEl,
    h("p", { class: "note" }, t.skipNote),
  );
  return { root, focus: view.entry.problem ? cccd.input : null, dispose };
}

function matchFailed(ctx: Ctx, view: Step<"match_failed">): Screen {
  const t = tr();
  const root = screen(
    "match-failed",
    failureTitle(view.failure.kind),
    steps(3),
    typedNumber(view.entry.input),
    alertBox("error", view.failure.message, { title: t.nextStep }),
    alertSlot(),
    printButton(ctx, "btn-print-visit", t.printVisit, () => ({ slip: "visit" })),
    actions(
      button(t.editCccd, {
        id: "btn-edit-cccd",
        kind: "primary",
        onClick: (btn) => {
          ctx.act(btn, t.busyOpen, () => ctx.wizard({ event: "edit_cccd" }));
        },
      }),
      skipButton(ctx),
    ),
    h("p", { class: "note" }, t.skipNote),
  );
  return { root };
}
