// The IPC contract between the Rust shell (src-tauri) and this UI. Every command returns one of
// these shapes or rejects with an `IpcError`. Messages (`message` fields) arrive already in the
// language chosen with `set_language`; everything else on screen is the UI's own text.

export type Lang = "vi" | "en";

/** The task screen the user set out for; sign-in always lands there. */
export type Task =
  | { kind: "submitted_dossiers" }
  | { kind: "dossier_detail"; code: string }
  | { kind: "personal_info" }
  | { kind: "identity_info" };

/** What every failed command rejects with. */
export interface IpcError {
  code: ErrorCode;
  message: string;
}

/**
 * Codes the UI branches on:
 * - `session_expired`, `not_signed_in`: go back to the sign-in choice, keeping the task.
 * - `unreachable`, `maintenance`: show the message with a "Thử lại" (retry) button; keep input.
 * - `not_found`: the thing asked for does not exist (a dossier code).
 * - `refused`: the action does not fit the current step (double click, stale screen): reload the view.
 * - `invalid_input`: a malformed argument.
 * - `error`: anything else; show the message.
 */
export type ErrorCode =
  | "session_expired"
  | "not_signed_in"
  | "unreachable"
  | "maintenance"
  | "not_found"
  | "refused"
  | "invalid_input"
  | "error";

/** A problem to show on a screen, next to the field or form it concerns. */
export interface Problem {
  code: string;
  message: string;
}

/** `app_info()` and `set_language({ lang })`. */
export interface AppInfo {
  version: string;
  mode: "kiosk" | "laptop";
  lang: Lang;
  /** True when no real portal is configured: show the permanent "Môi trường thử nghiệm" banner. */
  sandbox: boolean;
  /** With the sandbox: where its text messages (one-time codes) can be read; shown in the banner. */
  sandbox_sms_url: string | null;
  /** Host (and port) of the portal and of VNeID, shown so users can spot a fake page. */
  portal_host: string;
  vneid_host: string;
  /**
   * Kiosk mode: seconds without any touch, click or key before the session ends by itself
   * (`end_session({ reason: "timeout" })`), and how many seconds before that the warning with
   * its countdown and «Tiếp tục» appears (at least 20, WCAG 2.2.1). Laptop mode: both 0 (no
   * time-out).
   */
  idle_timeout_secs: number;
  idle_warning_secs: number;
}

// ---- Sign-in with the portal's own account, then linking (the wizard) ----

/** `wizard({ input })`. */
export type WizardInput =
  | { event: "start"; task: Task }
  | { event: "submit_password"; username: string; password: string }
  | { event: "submit_code"; code: string }
  | { event: "resend_code" }
  | { event: "change_account" }
  | { event: "retry" }
  | { event: "submit_cccd"; input: string }
  | { event: "edit_cccd" }
  | { event: "skip" };

export type WizardView =
  | { step: "credentials"; task: Task; username: string; problem: Problem | null }
  | {
      step: "code";
      task: Task;
      /** Where the code was texted, most digits hidden: "091****678". */
      masked_phone: string;
      /** Seconds until "Gửi lại mã" may be pressed (0: now). */
      resend_in_secs: number;
      /** Seconds until the code expires. */
      expires_in_secs: number;
      problem: Problem | null;
    }
  | { step: "account_unavailable"; task: Task; problem: Problem }
  | {
      step: "enter_cccd";
      task: Task;
      /** The account holder's name, to greet them. */
      account_name: string;
      entry: CccdEntryView;
      /** Why the last "Cập nhật" did not reach the portal (network, maintenance). */
      problem: Problem | null;
    }
  | { step: "match_failed"; task: Task; account_name: string; entry: CccdEntryView; failure: MatchFailureView }
  | { step: "done"; task: Task; outcome: "already_linked" | "linked" | "skipped" };

/** The CCCD field: what was typed (kept through every failure), its problem, its warnings. */
export interface CccdEntryView {
  input: string;
  problem: Problem | null;
  /** Warnings (an unknown province code): shown; pressing "Cập nhật" again goes ahead. */
  warnings: string[];
}

/** How the population database refused the number, and what to do next (`message`). */
export interface MatchFailureView {
  kind: "unknown_number" | "mismatch_full_name" | "mismatch_birth_date" | "mismatch_sex" | "taken";
  message: string;
}

// ---- Sign-in with VNeID ----

/** `vneid({ input })`. */
export type VneidInput =
  | { event: "start"; task: Task }
  /** Open the sign-in page again (browser or window) for the sign-in that is waiting. */
  | { event: "reopen" }
  | { event: "cancel" };

/** `vneid({ input })`, `vneid_view()`, and the payload of the `vneid://changed` event. */
export type VneidView =
  | { phase: "idle" }
  | {
      phase: "waiting";
      task: Task;
      /** Where the sign-in page was opened: the system browser (laptop) or a window (kiosk). */
      opened_in: "browser" | "window";
      /** The host of the sign-in page, to show: "Trang đăng nhập thuộc: …". */
      host: string;
      /** The full sign-in address, for users whose browser did not open. */
      url: string;
      /** Seconds left before this sign-in expires (ten minutes from the start). */
      expires_in_secs: number;
      /** A callback that was refused, or the browser failing to open; the sign-in still waits. */
      problem: Problem | null;
    }
  | { phase: "working"; task: Task }
  | { phase: "signed_in"; task: Task; legacy_linked: boolean }
  | { phase: "failed"; task: Task; problem: Problem };

// ---- The signed-in session and the profile ----

/** `session()`: null when nobody is signed in. */
export interface SessionView {
  method: "portal_account" | "vneid";
  account: AccountView;
}

export interface AccountView {
  /** The old portal user name; null for an identity that only exists through VNeID. */
  username: string | null;
  kind: "citizen" | "official";
  kind_label: string;
  full_name: string;
  has_cccd: boolean;
  /** "Định danh mức độ 2", or null. */
  identity_level: string | null;
  signed_in_with: "portal_account" | "vneid";
  /** After a VNeID sign-in: whether the old account is linked, so its dossiers show. */
  legacy_linked: boolean;
  /** Thông tin định danh, in display order. */
  fields: FieldView[];
}

export interface FieldView {
  key: string;
  label: string;
  /** Already formatted for display (dates as dd/mm/yyyy); null when empty. */
  value: string | null;
  /** Confirmed by the population database: shown with a green mark. */
  verified: boolean;
}

// ---- Thông tin định danh: the later update ----

/** `identity({ input })`. */
export type IdentityInput =
  /** Show the screen for the signed-in account (reloads the account). */
  | { event: "open" }
  /** "Cập nhật từ CSDL Quốc gia về Dân cư". */
  | { event: "begin" }
  | { event: "submit_cccd"; input: string }
  | { event: "edit_cccd" }
  /** "Cập nhật" on the preview. */
  | { event: "confirm" }
  | { event: "cancel" };

export type IdentityView =
  | {
      step: "viewing";
      account: AccountView;
      notice: { kind: "updated" | "failed"; message: string } | null;
      /**
       * Null when the account was just read from the portal. Otherwise the portal could not be
       * reached and this is the saved copy, as of this time ("dd/mm/yyyy hh:mm"): say so, and
       * offer "Thử lại" (`identity({ input: { event: "open" } })`).
       */
      offline_as_of: string | null;
    }
  | { step: "enter_cccd"; account: AccountView; entry: CccdEntryView; problem: Problem | null }
  | { step: "match_failed"; account: AccountView; entry: CccdEntryView; failure: MatchFailureView }
  | { step: "preview"; account: AccountView; fields: FieldView[]; problem: Problem | null };

// ---- Hồ sơ đã nộp ----

export interface StatusView {
  /** TrangThaiHoSo, 1 to 10. */
  code: number;
  label: string;
}

export interface DossierSummary {
  code: string;
  procedure_name: string;
  agency: string;
  status: StatusView;
  channel: string;
  /** Display strings, dd/mm/yyyy hh:mm, or null. */
  received_at: string | null;
  due_at: string | null;
  updated_at: string;
}

/**
 * `dossiers({ query })`: one page of Hồ sơ đã nộp, read from the local cache (so it answers
 * offline and as the user types). Never rejects because of the network: how fresh the cache is
 * comes in `sync`.
 */
export interface DossierQuery {
  /**
   * Free text over dossier code, procedure name, agency and summary; any case, with or without
   * Vietnamese marks ("dang ky ket hon" finds "Đăng ký kết hôn"); every typed word matches the
   * start of a word ("dang ky ket h" already finds it), so results follow typing. Empty:
   * everything. Any text is safe to send.
   */
  text: string;
  /** TrangThaiHoSo codes (1 to 10) to keep; empty for every status. */
  statuses: number[];
  /** Received on or after this day, "yyyy-mm-dd" (what `<input type=date>` gives), or null. */
  from: string | null;
  /** Received on or before this day, "yyyy-mm-dd", or null. */
  to: string | null;
  /** By the day the dossier was received. */
  order: "newest_first" | "oldest_first";
  offset: number;
  /** 1 to 200. */
  limit: number;
}

export interface DossierListView {
  /** The page asked for. */
  items: DossierSummary[];
  offset: number;
  /** How many dossiers match the query. */
  total: number;
  /** How many dossiers the cache holds for this person, whatever the query. */
  cached: number;
  /** All ten statuses in code order, with labels in the current language, for the filter. */
  statuses: StatusView[];
  sync: SyncView;
}

/**
 * How the cache stands against the portal. `sync({ action })` and the `sync://progress` event
 * carry it too. A sync starts by itself after every sign-in.
 * - `never`: nothing has been fetched yet for this person.
 * - `running`: pages are arriving; `done` of `total` (null: not known yet). Offer "Dừng" (cancel).
 * - `done`: the cache holds what the portal had at `last_synced_at`. Offer "Cập nhật" (start).
 * - `cancelled`: stopped by the user; what arrived is kept and a new start goes on from there.
 * - `failed`: stopped by `problem`; what arrived is kept. With `offline` (the portal could not be
 *   reached), say that the saved copy as of `last_synced_at` is shown, and offer "Thử lại".
 */
export interface SyncView {
  state: "never" | "running" | "done" | "cancelled" | "failed";
  /** Changes received in the current (or last) run. */
  done: number;
  /** Changes the portal has for the current run, when it says. */
  total: number | null;
  /** When the last complete sync finished, "dd/mm/yyyy hh:mm" (Vietnam time), or null. */
  last_synced_at: string | null;
  /** The last attempt could not reach the portal (no network, portal down). */
  offline: boolean;
  problem: Problem | null;
}

/** `sync({ action })`: start (or go on with) a sync, or stop the running one after its page. */
export type SyncAction = "start" | "cancel";

export interface DossierDetailView extends DossierSummary {
  procedure_code: string;
  field_code: string | null;
  receipt_no: string | null;
  owner: string;
  summary: string;
  returned_at: string | null;
  fees: { name: string; amount: string }[];
  attachments: { name: string; file_name: string | null }[];
  results: { name: string; file_name: string | null }[];
  /** Oldest first. */
  steps: { at: string; handler: string; department: string; content: string }[];
  /**
   * Null when read from the portal just now; otherwise the dossier comes from the cache and this
   * is when the cache was last brought up to date ("dd/mm/yyyy hh:mm"), or "" if never fully.
   */
  as_of: string | null;
}

// ---- Commands, by name, with their arguments and answers ----
//
// app_info()                         -> AppInfo
// set_language({ lang })             -> AppInfo
// session()                          -> SessionView | null
// sign_out()                         -> null        (also ends the VNeID session)
// end_session({ reason: EndReason }) -> null        (kiosk: the citizen is done; see EndReason)
// audit_open({ pin })                -> AuditView   (the office's audit log; PIN problems reject
//                                                     with `invalid_input` and a message to show)
// audit_export({ pin })              -> AuditExport (writes the whole log as CSV)
// wizard({ input: WizardInput })     -> WizardView
// wizard_view()                      -> WizardView  (the current one, in the current language)
// vneid({ input: VneidInput })       -> VneidView
// vneid_view()                       -> VneidView
// identity({ input: IdentityInput }) -> IdentityView
// identity_view()                    -> IdentityView
// dossiers({ query: DossierQuery })  -> DossierListView (from the cache; works offline)
// dossier({ code })                  -> DossierDetailView (from the cache when it holds it)
// sync({ action: SyncAction })       -> SyncView
// sync_view()                        -> SyncView
// take_notices()                     -> Notice[]    (notices from before the UI listened; call at start)

// ---- Events emitted by the shell ----
//
// vneid://changed    payload VneidView    the VNeID sign-in moved on (a callback arrived)
// session://changed  payload SessionView | null
// app://notice       payload Notice
// sync://progress    payload SyncView     after every page of a sync, and when it ends

// ---- The office's audit log (officers only, behind a PIN) ----

/**
 * `audit_open({ pin })`: every session at this machine, newest first, with no personal data:
 * when it started and ended, what happened, how it ended. `configured` false: no officer PIN is
 * set in the configuration, so the log cannot be opened here (say so; nothing to type).
 * A wrong PIN rejects with `invalid_input` (message says how many tries are left, or for how
 * long the screen is locked after five wrong ones).
 */
export interface AuditView {
  configured: boolean;
  /** At most the newest 500. */
  entries: AuditEntry[];
  /** Sessions in the whole log. */
  total: number;
}

export interface AuditEntry {
  /** "dd/mm/yyyy hh:mm:ss". */
  started_at: string;
  /** Null when the app stopped during the session (see `ended_by`). */
  ended_at: string | null;
  duration_secs: number | null;
  /** What happened, in order, with labels in the current language. */
  outcomes: { code: AuditOutcome; label: string }[];
  ended_by: { code: "button" | "timeout" | "sign_out" | "restart"; label: string } | null;
}

export type AuditOutcome = "already_linked" | "linked" | "skipped" | "match_failed" | "vneid_signed_in";

/** `audit_export({ pin })`: where the CSV was written, to show the officer. */
export interface AuditExport {
  path: string;
  rows: number;
}

/**
 * Why a kiosk session ends. `end_session` signs out everywhere, deletes everything of the citizen
 * kept on this machine, resets the language to the kiosk's own, and emits
 * `session://changed` null; the UI then shows the welcome screen, cleared of every input.
 * - `button`: «Kết thúc phiên», visible on every screen in kiosk mode.
 * - `timeout`: nobody touched the kiosk for `idle_timeout_secs`.
 */
export type EndReason = "button" | "timeout";

/**
 * `app://notice`: something the user should know that came from outside (a bad deep link), or
 * from the app itself (a damaged cache file set aside and started afresh).
 */
export interface Notice {
  level: "info" | "error";
  message: string;
}
