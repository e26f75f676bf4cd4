// Thông tin cá nhân and Thông tin định danh, with the later update from the population database,
// and the saved copy shown (and said to be one) when the portal cannot be reached; on a laptop
// that started without a network the update waits for it, and says so.

import type { Ctx, Landing } from "../context";
import { h, icon } from "../dom";
import { failureTitle, tr } from "../i18n";
import { call } from "../ipc";
import type { IdentityView, SessionView } from "../contract";
import { actions, alertBox, alertSlot, button, details, fieldList, screen, type Screen } from "../ui";
import { printButton } from "../print";
import { RETRYABLE, cccdForm, typedNumber } from "./cccd";

/**
 * The `#landing-notice` shown on the task screen right after signing in; after linking, with
 * «In kết quả» where there is a printer.
 */
export function landingNotice(ctx: Ctx, landing: Landing | null): HTMLElement | null {
  const t = tr();
  const withPrint = (notice: HTMLElement): HTMLElement => {
    const print = printButton(ctx, "btn-print-visit", t.printVisit, () => ({ slip: "visit" }));
    return print ? h("div", { class: "landing" }, notice, print) : notice;
  };
  switch (landing) {
    case null:
      return null;
    case "linked":
      return withPrint(alertBox("success", t.landingLinked, { id: "landing-notice" }));
    case "skipped":
      return withPrint(alertBox("info", t.landingSkipped, { id: "landing-notice" }));
    case "vneid_unlinked":
      return alertBox("warning", t.landingVneidUnlinked, { id: "landing-notice" });
  }
}

export function personalScreen(ctx: Ctx, session: SessionView, landing: Landing | null): Screen {
  const t = tr();
  const a = session.account;
  const root = screen(
    "personal",
    t.personalTitle,
    landingNotice(ctx, landing),
    h("h2", null, t.accountSection),
    details([
      [t.fullName, a.full_name],
      [t.accountKind, a.kind_label],
      [t.usernameLabel, a.username ?? h("span", { class: "muted" }, t.noUsername)],
      [t.signInMethod, session.method === "vneid" ? t.methodVneid : t.methodPortal],
      [t.identityLevel, a.identity_level ?? h("span", { class: "muted" }, t.noIdentityLevel)],
      ...(session.method === "vneid"
        ? [[t.legacyLinked, a.legacy_linked ? t.legacyLinkedYes : t.legacyLinkedNo] as const]
        : []),
    ]),
    h("h2", null, t.identitySection),
    h("p", { class: "hint" }, t.verifiedLegend),
    fieldList(a.fields),
    alertSlot(),
    actions(
      button(t.openIdentity, {
        id: "btn-identity-open",
        kind: "primary",
        icon: "idcard",
        onClick: (btn) => {
          ctx.act(btn, t.loading, () => ctx.identity({ event: "open" }));
        },
      }),
    ),
  );
  return { root };
}

export function identityScreen(ctx: Ctx, view: IdentityView, landing: Landing | null): Screen {
  const t = tr();
  const cancel = (): HTMLButtonElement =>
    button(t.cancel, {
      id: "btn-identity-cancel",
      kind: "quiet",
      onClick: (btn) => {
        ctx.act(btn, t.busyCancel, () => ctx.identity({ event: "cancel" }));
      },
    });
  switch (view.step) {
    case "viewing": {
      const notice = view.notice;
      // The laptop started without a network: the saved copy, which only the portal can update.
      const savedCopy = (ctx.session?.offline_as_of ?? null) !== null;
      const retry = async (): Promise<void> => {
        // On the saved copy, «Thử lại» tries the kept sign-in again; the screen reads itself
        // again when the session goes live (`session://changed`).
        if (savedCopy) await call("sync", { action: "start" });
        await ctx.identity({ event: "open" });
      };
      const root = screen(
        "identity",
        t.identityTitle,
        landingNotice(ctx, landing),
        view.offline_as_of === null
          ? null
          : alertBox("warning", h("p", null, h("strong", null, t.offlineLead), ` ${t.identityOfflineAt(view.offline_as_of)}`), {
              id: "identity-offline",
              role: "status",
              actions: button(t.retry, {
                id: "btn-identity-retry",
                kind: "secondary",
                onClick: (btn) => {
                  ctx.act(btn, t.busyRetry, retry);
                },
              }),
            }),
        notice ? alertBox(notice.kind === "updated" ? "success" : "error", notice.message, { id: "identity-notice" }) : null,
        view.account.has_cccd ? null : alertBox("info", t.identityNoCccd, { role: null }),
        h("p", { class: "hint" }, t.verifiedLegend),
        fieldList(view.account.fields),
        alertSlot(),
        savedCopy
          ? h("p", { id: "identity-refresh-reason", class: "hint disabled-reason" }, icon("info"), h("span", null, t.identityRefreshOffline))
          : null,
        actions(
          button(t.identityRefresh, {
            id: "btn-identity-refresh",
            kind: "primary",
            disabled: savedCopy,
            onClick: (btn) => {
              ctx.act(btn, t.busyLookup, () => ctx.identity({ event: "begin" }));
            },
          }),
          button(t.back, {
            id: "btn-back",
            kind: "quiet",
            icon: "back",
            onClick: (btn) => {
              ctx.act(btn, t.loading, () => ctx.goTask({ kind: "personal_info" }));
            },
          }),
        ),
      );
      if (savedCopy) root.querySelector("#btn-identity-refresh")?.setAttribute("aria-describedby", "identity-refresh-reason");
      return { root };
    }
    case "enter_cccd": {
      const { form, field, dispose } = cccdForm({
        entry: view.entry,
        problem: view.problem,
        onSubmit: (input, btn) => {
          ctx.act(btn, t.busyLookup, () => ctx.identity({ event: "submit_cccd", input }));
        },
        keypad: ctx.info.mode === "kiosk",
        card: ctx,
        secondary: [cancel()],
      });
      const root = screen(
        "identity-enter-cccd",
        t.identityEnterTitle,
        h("p", { class: "lead" }, t.identityEnterIntro),
        alertSlot(),
        form,
      );
      return { root, focus: view.entry.problem ? field.input : null, dispose };
    }
    case "match_failed": {
      const root = screen(
        "identity-match-failed",
        failureTitle(view.failure.kind),
        typedNumber(view.entry.input),
        alertBox("error", view.failure.message, { title: t.nextStep }),
        alertSlot(),
        actions(
          button(t.editCccdShort, {
            id: "btn-edit-cccd",
            kind: "primary",
            onClick: (btn) => {
              ctx.act(btn, t.busyOpen, () => ctx.identity({ event: "edit_cccd" }));
            },
          }),
          cancel(),
        ),
      );
      return { root };
    }
    case "preview": {
      const confirm = (btn: HTMLButtonElement): void => {
        ctx.act(btn, t.busyUpdate, () => ctx.identity({ event: "confirm" }));
      };
      const root = screen(
        "identity-preview",
        t.identityPreviewTitle,
        h("p", { class: "lead" }, t.identityPreviewIntro),
        fieldList(view.fields),
        view.problem
          ? alertBox("error", view.problem.message, {
              actions: RETRYABLE.has(view.problem.code)
                ? button(t.retry, { id: "btn-retry", kind: "secondary", onClick: confirm })
                : null,
            })
          : null,
        alertSlot(),
        actions(button(t.identityConfirm, { id: "btn-identity-confirm", kind: "primary", onClick: confirm }), cancel()),
      );
      return { root };
    }
  }
}
