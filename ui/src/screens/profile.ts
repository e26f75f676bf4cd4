// Thông tin cá nhân and Thông tin định danh, with the later update from the population database,
// and the saved copy shown (and said to be one) when the portal cannot be reached; on a laptop
// that started without a network the update waits for it, and says so. An old portal account not
// yet linked may correct its name, birth date and sex here («Sửa thông tin cá nhân»), so that they
// match the CCCD card and the population database before the link.

import type { Ctx, Landing, PersonalDraft, PersonalKeep } from "../context";
import { dateField, readDate, showDate, type DateReading } from "../date-field";
import { h, icon, replace } from "../dom";
import { failureTitle, tr } from "../i18n";
import { call } from "../ipc";
import type { FieldKey, IdentityView, PersonalChange, SessionView, Sex } from "../contract";
import {
  actions,
  alertBox,
  alertSlot,
  button,
  details,
  field,
  fieldList,
  form,
  screen,
  type ButtonKind,
  type Screen,
} from "../ui";
import { printButton } from "../print";
import { RETRYABLE, cccdForm, typedNumber } from "./cccd";
import "./profile.css";

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

/** Opens Thông tin định danh, as «Xem và cập nhật thông tin định danh» does. */
function identityButton(ctx: Ctx, id: string, label: string, kind: ButtonKind): HTMLButtonElement {
  return button(label, {
    id,
    kind,
    icon: "idcard",
    onClick: (btn) => {
      ctx.act(btn, tr().loading, () => ctx.identity({ event: "open" }));
    },
  });
}

export function personalScreen(ctx: Ctx, session: SessionView, landing: Landing | null, keep: PersonalKeep): Screen {
  const t = tr();
  const a = session.account;
  const notice = keep.saved
    ? alertBox("success", t.personalSaved, {
        id: "personal-notice",
        role: "status",
        actions: identityButton(ctx, "btn-personal-identity", t.personalGoIdentity, "primary"),
      })
    : null;
  // Focus goes to it right after saving, so it is read out at once.
  notice?.setAttribute("tabindex", "-1");
  const editor = canCorrect(session)
    ? personalEditor(ctx, session, keep, () => {
        notice?.remove();
      })
    : null;
  const root = screen(
    "personal",
    t.personalTitle,
    landingNotice(ctx, landing),
    notice,
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
    editor?.root,
    a.has_cccd ? h("p", { id: "personal-from-db", class: "hint" }, t.personalFromDb) : null,
    alertSlot(),
    actions(identityButton(ctx, "btn-identity-open", t.openIdentity, "primary")),
  );
  return { root, focus: editor?.focus ?? notice };
}

/**
 * Whether the name, birth date and sex may be corrected here: only on the old portal account not
 * yet linked to its CCCD (once linked they come from the population database), and not on a
 * saved copy.
 */
function canCorrect(session: SessionView): boolean {
  return session.method === "portal_account" && !session.account.has_cccd && session.offline_as_of === null;
}

/** The account's sex, from its label in either language ("Nam", "Nữ", "Male", "Female"). */
function sexOf(label: string | null): Sex | null {
  switch ((label ?? "").normalize("NFC").trim().toLowerCase()) {
    case "nam":
    case "male":
      return "male";
    case "nữ":
    case "female":
      return "female";
    default:
      return null;
  }
}

/** A name as it is kept: Vietnamese marks composed, single spaces, none around it. */
function tidyName(text: string): string {
  return text.normalize("NFC").split(/\s+/u).filter(Boolean).join(" ");
}

/** Today on this computer's calendar, "yyyy-mm-dd". */
function todayIso(): string {
  const now = new Date();
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${String(now.getFullYear())}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** What is wrong with the birth date typed, or null for a real date that is not in the future. */
function birthProblem(reading: DateReading): string | null {
  const t = tr();
  switch (reading.kind) {
    case "empty":
      return t.personalBirthEmpty;
    case "partial":
      return t.dateFormat;
    case "bad":
      return reading.message;
    case "date":
      return reading.iso > todayIso() ? t.personalBirthFuture : null;
  }
}

/** The account's details as the form starts with them. */
interface Current {
  fullName: string;
  /** "yyyy-mm-dd", or null when the account's birth date does not read as a date. */
  birthIso: string | null;
  /** As the account shows it. */
  birthText: string;
  sex: Sex | null;
}

function currentDetails(session: SessionView): Current {
  const value = (key: FieldKey): string | null => session.account.fields.find((f) => f.key === key)?.value ?? null;
  const birthText = value("birth_date") ?? "";
  const reading = readDate(birthText);
  return {
    fullName: session.account.full_name,
    birthIso: reading.kind === "date" ? reading.iso : null,
    birthText: reading.kind === "date" ? showDate(reading.iso) : birthText,
    sex: sexOf(value("sex")),
  };
}

interface Editor {
  root: HTMLElement;
  /** The form's first field when the screen comes back with the form open. */
  focus: HTMLElement | null;
}

/**
 * «Sửa thông tin cá nhân»: closed, why one would and the button; open, the form in place (name,
 * birth date, sex), checked here first, then only what changed goes to `update_personal`. What
 * was typed lives in `keep.draft`, so a re-render (a language switch) keeps the form as it was.
 */
function personalEditor(ctx: Ctx, session: SessionView, keep: PersonalKeep, onOpen: () => void): Editor {
  const t = tr();
  const current = currentDetails(session);
  const root = h("div", { id: "personal-edit", class: "personal-edit" });

  const showClosed = (): HTMLButtonElement => {
    const open = button(t.personalEdit, {
      id: "btn-personal-edit",
      kind: "secondary",
      icon: "edit",
      onClick: () => {
        keep.saved = false;
        onOpen();
        showForm({ fullName: current.fullName, birthDate: current.birthText, sex: current.sex }).focus();
      },
    });
    open.setAttribute("aria-describedby", "personal-edit-why");
    root.className = "personal-edit personal-edit-closed";
    replace(root, h("p", { id: "personal-edit-why", class: "hint" }, t.personalEditWhy), open);
    return open;
  };

  /** Shows the form holding `draft` (kept up to date as the user types); returns its first field. */
  const showForm = (draft: PersonalDraft): HTMLInputElement => {
    keep.draft = draft;
    const name = field({ id: "personal-full-name", label: t.fullName, value: draft.fullName, autocomplete: "off" });
    name.input.addEventListener("input", () => {
      draft.fullName = name.input.value;
    });
    const birth = dateField({
      id: "personal-birth-date",
      label: t.birthDate,
      value: null,
      describedBy: ["personal-birth-date-help"],
      keypad: ctx.info.mode === "kiosk",
      onChange: () => {
        draft.birthDate = birth.input.value;
      },
    });
    birth.input.value = draft.birthDate;
    birth.root.classList.add("personal-birth");
    // The format, then the message, above the input: where the form's other fields say theirs.
    birth.input.before(h("p", { id: "personal-birth-date-help", class: "help" }, t.birthDateHelp));
    const birthError = birth.root.querySelector("#personal-birth-date-error");
    if (birthError) birth.input.before(birthError);
    const choice = (value: Sex, label: string): HTMLElement => {
      const id = `personal-sex-${value}`;
      const input = h("input", { type: "radio", id, name: "personal-sex", value, checked: draft.sex === value });
      input.addEventListener("change", () => {
        if (input.checked) draft.sex = value;
      });
      return h(
        "label",
        { class: "choice", for: id },
        input,
        h("span", { class: "choice-dot", "aria-hidden": "true" }),
        h("span", null, label),
      );
    };
    const sex = h(
      "fieldset",
      { class: "personal-sex" },
      h("legend", { class: "label" }, t.sex),
      h("div", { class: "choices" }, choice("male", t.sexMale), choice("female", t.sexFemale)),
    );
    // The form's own: what the shell refused (`invalid_input`) or that nothing changed.
    const slot = h("div", { class: "alert-slot" });
    const save = button(t.save, { id: "btn-personal-save", kind: "primary", type: "submit", icon: "check" });
    const cancel = button(t.cancel, {
      id: "btn-personal-cancel",
      kind: "quiet",
      onClick: () => {
        keep.draft = null;
        showClosed().focus();
      },
    });

    const submit = (btn: HTMLButtonElement): void => {
      slot.replaceChildren();
      const fullName = tidyName(name.input.value);
      name.setError(fullName === "" ? t.personalNameEmpty : null);
      const reading = birth.read();
      const problem = birthProblem(reading);
      birth.setError(problem);
      if (fullName === "") {
        name.input.focus();
        return;
      }
      if (problem !== null || reading.kind !== "date") {
        birth.input.focus();
        return;
      }
      // Shown as they are sent: the name with single spaces, the date as dd/mm/yyyy.
      name.input.value = fullName;
      draft.fullName = fullName;
      birth.input.value = showDate(reading.iso);
      draft.birthDate = birth.input.value;
      const change: PersonalChange = {};
      if (fullName !== tidyName(current.fullName)) change.full_name = fullName;
      if (reading.iso !== current.birthIso) change.birth_date = showDate(reading.iso);
      if (draft.sex !== null && draft.sex !== current.sex) change.sex = draft.sex;
      if (Object.keys(change).length === 0) {
        slot.replaceChildren(alertBox("info", t.personalNothing, { id: "personal-nothing", role: "alert" }));
        return;
      }
      ctx.act(btn, t.busySave, () => ctx.personal(change), { slot });
    };

    const el = form(
      (btn) => {
        submit(btn ?? save);
      },
      name.root,
      birth.root,
      sex,
      slot,
      actions(save, cancel),
    );
    el.classList.add("personal-form");
    el.setAttribute("aria-labelledby", "personal-edit-title");
    el.setAttribute("aria-describedby", "personal-edit-help");
    root.className = "personal-edit personal-edit-open";
    replace(
      root,
      h("h2", { id: "personal-edit-title" }, t.personalEdit),
      h("p", { id: "personal-edit-help", class: "personal-edit-help" }, icon("idcard"), h("span", null, t.personalEditHelp)),
      el,
    );
    return name.input;
  };

  if (keep.draft) return { root, focus: showForm(keep.draft) };
  showClosed();
  return { root, focus: null };
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
