// Generated from the Rust shell (src-tauri/src/contract.rs) by its test
// `contract_is_current`; do not edit. Change the Rust types and run
// `UPDATE_CONTRACT=1 cargo test -p dvclink-desktop contract` to write it again.
/* eslint-disable */

/**
 * Whether the account belongs to a citizen or to an official; both go through the same linking.
 */
export type AccountKind = "citizen" | "official";

export type AccountView = { 
/**
 * The old portal user name; null for an identity that only exists through VNeID.
 */
username: string | null, kind: AccountKind, kind_label: string, full_name: string, has_cccd: boolean, 
/**
 * «Định danh mức độ 2», or null.
 */
identity_level: string | null, signed_in_with: SignInMethod, 
/**
 * After a VNeID sign-in: whether the old account is linked, so its dossiers show.
 */
legacy_linked: boolean, 
/**
 * Thông tin định danh, in display order.
 */
fields: Array<FieldView>, };

/**
 * `app_info()` and `set_language({ lang })`.
 */
export type AppInfo = { version: string, mode: Mode, lang: Lang, 
/**
 * True when no real portal is configured: show the permanent «Môi trường thử nghiệm» banner.
 */
sandbox: boolean, 
/**
 * With the sandbox: where its text messages (one-time codes) can be read; shown in the banner.
 */
sandbox_sms_url: string | null, 
/**
 * Host (and port) of the portal and of VNeID, shown so users can spot a fake page.
 */
portal_host: string, vneid_host: string, 
/**
 * Kiosk mode: seconds without any touch, click or key before the session ends by itself
 * (`end_session({ reason: "timeout" })`), and how many seconds before that the warning with
 * its countdown and «Tiếp tục» appears (at least 20, WCAG 2.2.1). Laptop mode: both 0.
 */
idle_timeout_secs: number, idle_warning_secs: number, 
/**
 * A printer is configured (`printer`): «In hướng dẫn» and «In kết quả» are shown. Without
 * one they are absent.
 */
can_print: boolean, };

export type AuditEntryView = { 
/**
 * "dd/mm/yyyy hh:mm:ss".
 */
started_at: string, 
/**
 * Null when the app stopped during the session (see `ended_by`).
 */
ended_at: string | null, duration_secs: number | null, 
/**
 * What happened, in order.
 */
outcomes: Array<Labelled<AuditOutcome>>, ended_by: Labelled<EndedBy> | null, };

/**
 * `audit_export`: where the CSV went.
 */
export type AuditExport = { path: string, rows: number, };

/**
 * What happened during a session.
 */
export type AuditOutcome = "already_linked" | "linked" | "skipped" | "match_failed" | "vneid_signed_in" | "card_genuine" | "card_unverified" | "card_refused";

/**
 * `audit_open({ pin })`: every session at this machine, newest first, with no personal data.
 * `configured` false: no officer PIN is set, so the log cannot be opened here. A wrong PIN
 * rejects with `invalid_input`, its message saying how many tries are left or how long the
 * screen is locked.
 */
export type AuditView = { configured: boolean, 
/**
 * At most the newest 500.
 */
entries: Array<AuditEntryView>, 
/**
 * Sessions in the whole log.
 */
total: number, };

/**
 * One difference and what to do about it.
 */
export type CardAdvice = { text: string, 
/**
 * Whether the population database will refuse the link until it is corrected.
 */
blocks_link: boolean, };

export type CardAuthenticity = "genuine" | "unverified";

/**
 * Why nothing from the card can be used; the screen offers what fits.
 */
export type CardFailure = "no_card" | "not_chip_card" | "locked" | "interrupted" | "refused";

/**
 * `read_card({ input })`: the number typed so far, and what the counter asks for when the
 * account's details do not open the chip.
 */
export type CardInput = { 
/**
 * The CCCD field's text: its last 9 digits open the chip.
 */
number: string, 
/**
 * The birth date printed on the card, `dd/mm/yyyy`; the account's when absent.
 */
birth_date?: string, 
/**
 * The expiry printed on the card, `dd/mm/yyyy`; the age rule's dates when absent.
 */
expiry?: string, };

/**
 * A step of a read, for the progress bar.
 */
export type CardProgressView = { 
/**
 * Out of 100.
 */
percent: number, label: string, };

/**
 * The readers as the screen shows them.
 */
export type CardReadersView = { 
/**
 * The readers' names; empty when there is none (then no screen offers to read a card).
 */
readers: Array<string>, 
/**
 * Whether a card lies on one of them.
 */
card_present: boolean, };

/**
 * One detail, on the account and on the card.
 */
export type CardRow = { label: string, account: string, card: string, differs: boolean, };

/**
 * What a read came to.
 */
export type CardView = { "outcome": "read", authenticity: CardAuthenticity, 
/**
 * What the authenticity means, one sentence.
 */
authenticity_note: string, 
/**
 * The card's number, for the CCCD field.
 */
number: string, 
/**
 * Name, birth date and sex, the account's beside the card's.
 */
rows: Array<CardRow>, 
/**
 * Each difference with its next step; empty when all agree.
 */
advice: Array<CardAdvice>, 
/**
 * Set when the card's expiry has passed: what to tell the citizen.
 */
expired: string | null, } | { "outcome": "failed", reason: CardFailure, message: string, 
/**
 * For `locked`: the birth date to put in the field, `dd/mm/yyyy`.
 */
birth_date: string | null, };

/**
 * The CCCD field: what was typed (kept through every failure), its problem, its warnings.
 */
export type CccdEntryView = { input: string, problem: Problem | null, 
/**
 * Warnings (an unknown province code): shown; pressing «Cập nhật» again goes ahead.
 */
warnings: Array<string>, };

/**
 * The CCCD field's events, sent alike to the wizard and to Thông tin định danh.
 */
export type CccdInput = { "event": "submit_cccd", input: string, } | { "event": "edit_cccd" };

export type DocumentView = { name: string, file_name: string | null, };

/**
 * Mã hồ sơ: the code that names a dossier across agencies, such as `G22.99-240612-0001`.
 */
export type DossierCode = string;

export type DossierDetailView = { procedure_code: string, field_code: string | null, receipt_no: string | null, owner: string, summary: string, returned_at: string | null, fees: Array<FeeView>, attachments: Array<DocumentView>, results: Array<DocumentView>, 
/**
 * Oldest first.
 */
steps: Array<StepView>, 
/**
 * Null when read from the portal just now; otherwise the dossier comes from the cache and
 * this is when the cache was last brought up to date ("dd/mm/yyyy hh:mm"), or "" if never.
 */
as_of: string | null, code: string, procedure_name: string, agency: string, status: StatusView, channel: string, 
/**
 * Display strings, dd/mm/yyyy hh:mm, or null.
 */
received_at: string | null, due_at: string | null, updated_at: string, };

/**
 * `dossiers({ query })`: one page of Hồ sơ đã nộp, read from the local cache (so it answers
 * offline and as the user types). Never rejects because of the network: how fresh the cache is
 * comes in `sync`.
 */
export type DossierListView = { 
/**
 * The page asked for.
 */
items: Array<DossierSummary>, offset: number, 
/**
 * How many dossiers match the query.
 */
total: number, 
/**
 * How many dossiers the cache holds for this person, whatever the query.
 */
cached: number, 
/**
 * All ten statuses in code order, with labels in the current language, for the filter.
 */
statuses: Array<StatusView>, sync: SyncView, };

/**
 * `dossiers({ query })`: what the UI asks of Hồ sơ đã nộp.
 */
export type DossierQuery = { 
/**
 * Free text over dossier code, procedure name, agency and summary; any case, with or
 * without Vietnamese marks ("dang ky ket hon" finds "Đăng ký kết hôn"); every typed word
 * matches the start of a word, so results follow typing. Empty: everything. Any text is safe.
 */
text: string, 
/**
 * TrangThaiHoSo codes (1 to 10) to keep; empty for every status.
 */
statuses: Array<number>, 
/**
 * Received on or after this day, "yyyy-mm-dd", or null.
 */
from: string | null, 
/**
 * Received on or before this day, "yyyy-mm-dd", or null.
 */
to: string | null, 
/**
 * By the day the dossier was received.
 */
order: QueryOrder, offset: number, 
/**
 * 1 to 200.
 */
limit: number, };

export type DossierSummary = { code: string, procedure_name: string, agency: string, status: StatusView, channel: string, 
/**
 * Display strings, dd/mm/yyyy hh:mm, or null.
 */
received_at: string | null, due_at: string | null, updated_at: string, };

/**
 * Why a kiosk session ends. `end_session` signs out everywhere, deletes everything of the
 * citizen kept on this machine, resets the language to the kiosk's own and emits
 * `session://changed` null; the UI then shows the welcome screen, cleared of every input.
 */
export type EndReason = "button" | "timeout";

/**
 * How a session ended.
 */
export type EndedBy = "button" | "timeout" | "sign_out" | "restart";

/**
 * The cases the UI branches on.
 */
export type ErrorCode = "session_expired" | "not_signed_in" | "unreachable" | "maintenance" | "not_found" | "refused" | "invalid_input" | "error";

export type FeeView = { name: string, amount: string, };

/**
 * The fields of Thông tin cá nhân, in display order.
 */
export type FieldKey = "full_name" | "cccd" | "birth_date" | "sex" | "ethnicity" | "nationality" | "home_town" | "permanent_address" | "current_address" | "cmnd" | "phone" | "email" | "tax_code" | "social_insurance_no";

export type FieldView = { key: FieldKey, label: string, 
/**
 * Already formatted for display (dates as dd/mm/yyyy); null when empty.
 */
value: string | null, 
/**
 * Confirmed by the population database: shown with a green mark.
 */
verified: boolean, };

/**
 * `identity({ input })`: what the UI sends to Thông tin định danh.
 */
export type IdentityInput = { "event": "open" } | { "event": "begin" } | { "event": "confirm" } | { "event": "cancel" } | CccdInput;

/**
 * How the last «Cập nhật từ CSDL Quốc gia về Dân cư» went.
 */
export type IdentityNoticeKind = "updated" | "failed";

export type IdentityView = { "step": "viewing", account: AccountView, notice: NoticeView | null, 
/**
 * Null when the account was just read from the portal. Otherwise the portal could not
 * be reached and this is the saved copy, as of this time ("dd/mm/yyyy hh:mm"): say so,
 * and offer «Thử lại» (`identity({ input: { event: "open" } })`).
 */
offline_as_of: string | null, } | { "step": "enter_cccd", account: AccountView, entry: CccdEntryView, problem: Problem | null, } | { "step": "match_failed", account: AccountView, entry: CccdEntryView, failure: MatchFailureView, } | { "step": "preview", account: AccountView, fields: Array<FieldView>, problem: Problem | null, };

/**
 * What a command answers when it fails.
 */
export type IpcError = { code: ErrorCode, message: string, };

/**
 * A code the UI may branch on, with its label in the current language.
 */
export type Labelled<C> = { code: C, label: string, };

/**
 * The languages the app speaks. Vietnamese is the default everywhere.
 */
export type Lang = "vi" | "en";

/**
 * How the wizard ended.
 */
export type LinkOutcome = "already_linked" | "linked" | "skipped";

export type MatchFailureKind = "unknown_number" | "mismatch_full_name" | "mismatch_birth_date" | "mismatch_sex" | "taken";

/**
 * How the population database refused the number, and what to do next (`message`).
 */
export type MatchFailureView = { kind: MatchFailureKind, message: string, };

/**
 * Where the app runs.
 */
export type Mode = "kiosk" | "laptop";

/**
 * What to do next, in order.
 */
export type NextStep = { 
/**
 * One line: what this is about.
 */
title: string, 
/**
 * The steps, each one sentence.
 */
steps: Array<string>, 
/**
 * Whether trying again here, now or after a while, can succeed.
 */
retry: boolean, };

/**
 * `app://notice`: something the user should know that came from outside a command (a bad deep
 * link, a refused callback) or from the app itself (a damaged cache file started afresh).
 */
export type Notice = { level: NoticeLevel, message: string, };

export type NoticeLevel = "info" | "error";

export type NoticeView = { kind: IdentityNoticeKind, message: string, };

/**
 * Where the VNeID sign-in page was opened: the system browser (laptop) or a window (kiosk).
 */
export type OpenedIn = "browser" | "window";

/**
 * `update_personal({ change })`: the details to correct; each left out stays as it is.
 */
export type PersonalChange = { full_name?: string, 
/**
 * `dd/mm/yyyy`.
 */
birth_date?: string, sex?: Sex, };

/**
 * A problem to show on a screen, next to the field or form it concerns. `code` names it for
 * the UI (an error code of the domain), `message` says it in the user's language.
 */
export type Problem = { code: string, message: string, };

export type QueryOrder = "newest_first" | "oldest_first";

/**
 * `session()`, and the payload of `session://changed`; null when nobody is signed in.
 */
export type SessionView = { method: SignInMethod, account: AccountView, 
/**
 * Null when signed in. Otherwise a laptop started while VNeID or the portal could not be
 * reached, and this is the official's saved copy as of this time ("dd/mm/yyyy hh:mm"):
 * search, filters and saved details work; what needs the portal says it waits for the
 * network. The session becomes live by itself (`session://changed`) when the network
 * returns, and a sync runs.
 */
offline_as_of: string | null, };

/**
 * Sex as recorded by the population database and encoded in a CCCD number.
 */
export type Sex = "male" | "female";

/**
 * How the current portal session was opened.
 */
export type SignInMethod = "portal_account" | "vneid";

/**
 * `print_slip({ slip })`: which slip to print.
 */
export type SlipChoice = { "slip": "next_step" } | { "slip": "visit" } | { "slip": "dossiers", query: DossierQuery, };

export type StatusView = { 
/**
 * TrangThaiHoSo, 1 to 10.
 */
code: number, label: string, };

export type StepView = { at: string, handler: string, department: string, content: string, };

/**
 * `sync({ action })`.
 */
export type SyncAction = "start" | "cancel";

/**
 * Where a sync stands.
 * - `never`: nothing has been fetched yet for this person.
 * - `running`: pages are arriving; `done` of `total` (null: not known yet). Offer «Dừng».
 * - `done`: the cache holds what the portal had at `last_synced_at`. Offer «Cập nhật».
 * - `cancelled`: stopped by the user; what arrived is kept and a new start goes on from there.
 * - `failed`: stopped by `problem`; what arrived is kept. With `offline`, say that the saved
 *   copy as of `last_synced_at` is shown, and offer «Thử lại».
 */
export type SyncState = "never" | "running" | "done" | "cancelled" | "failed";

/**
 * How the cache stands against the portal. `sync({ action })` and the `sync://progress` event
 * carry it too. A sync starts by itself after every sign-in.
 */
export type SyncView = { state: SyncState, 
/**
 * Changes received in the current (or last) run.
 */
done: number, 
/**
 * Changes the portal has for the current run, when it says.
 */
total: number | null, 
/**
 * When the last complete sync finished, "dd/mm/yyyy hh:mm" (Vietnam time), or null.
 */
last_synced_at: string | null, 
/**
 * The last attempt could not reach the portal (no network, portal down).
 */
offline: boolean, problem: Problem | null, };

/**
 * A screen the app offers once the user is signed in.
 */
export type Task = { "kind": "submitted_dossiers" } | { "kind": "dossier_detail", code: DossierCode, } | { "kind": "personal_info" } | { "kind": "identity_info" };

/**
 * `vneid({ input })`: what the UI sends to the VNeID sign-in.
 */
export type VneidInput = { "event": "start", task: Task, } | { "event": "reopen" } | { "event": "cancel" };

export type VneidView = { "phase": "idle" } | { "phase": "waiting", task: Task, opened_in: OpenedIn, 
/**
 * The host of the sign-in page, to show: «Trang đăng nhập thuộc: …».
 */
host: string, 
/**
 * The full sign-in address, for users whose browser did not open.
 */
url: string, 
/**
 * Seconds left before this sign-in expires (ten minutes from the start).
 */
expires_in_secs: number, 
/**
 * A callback that was refused, or the browser failing to open; the sign-in still waits.
 */
problem: Problem | null, } | { "phase": "working", task: Task, } | { "phase": "signed_in", task: Task, legacy_linked: boolean, } | { "phase": "failed", task: Task, problem: Problem, 
/**
 * What to do next, for the failures a citizen can act on; printed by «In hướng dẫn».
 */
next_step: NextStep | null, };

/**
 * `wizard({ input })`: what the UI sends to the wizard.
 */
export type WizardInput = { "event": "start", task: Task, } | { "event": "submit_password", username: string, password: string, } | { "event": "submit_code", code: string, } | { "event": "resend_code" } | { "event": "change_account" } | { "event": "retry" } | { "event": "skip" } | CccdInput;

export type WizardView = { "step": "credentials", task: Task, username: string, problem: Problem | null, } | { "step": "code", task: Task, 
/**
 * Where the code was texted, most digits hidden: "091****678".
 */
masked_phone: string, 
/**
 * Seconds until «Gửi lại mã» may be pressed (0: now).
 */
resend_in_secs: number, 
/**
 * Seconds until the code expires.
 */
expires_in_secs: number, problem: Problem | null, } | { "step": "account_unavailable", task: Task, problem: Problem, } | { "step": "enter_cccd", task: Task, 
/**
 * The account holder's name, to greet them.
 */
account_name: string, entry: CccdEntryView, 
/**
 * Why the last «Cập nhật» did not reach the portal (network, maintenance).
 */
problem: Problem | null, } | { "step": "match_failed", task: Task, account_name: string, entry: CccdEntryView, failure: MatchFailureView, } | { "step": "done", task: Task, outcome: LinkOutcome, };

/** Every code an `IpcError` may carry. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "session_expired",
  "not_signed_in",
  "unreachable",
  "maintenance",
  "not_found",
  "refused",
  "invalid_input",
  "error",
];

/** Every command: the arguments it takes (`undefined`: none) and what it answers; a failure
 * rejects with an `IpcError`. */
export interface Commands {
  /** The app's version, mode, language and hosts. */
  app_info: { args: undefined; ok: AppInfo };
  /** Switches the language of everything the shell says from now on. */
  set_language: { args: { lang: Lang }; ok: AppInfo };
  /** Who is signed in; null when nobody is. */
  session: { args: undefined; ok: SessionView | null };
  /** Signs out of the portal and VNeID and deletes the person's rows from the cache. */
  sign_out: { args: undefined; ok: null };
  /** A kiosk citizen is done: signed out everywhere and nothing of theirs left on this machine. */
  end_session: { args: { reason: EndReason }; ok: null };
  /** One step of the portal sign-in and the CCCD linking. */
  wizard: { args: { input: WizardInput }; ok: WizardView };
  /** The wizard's current screen, in the current language. */
  wizard_view: { args: undefined; ok: WizardView };
  /** Starts, reopens or cancels the VNeID sign-in. */
  vneid: { args: { input: VneidInput }; ok: VneidView };
  /** The VNeID sign-in as it stands. */
  vneid_view: { args: undefined; ok: VneidView };
  /** One step of Thông tin định danh. */
  identity: { args: { input: IdentityInput }; ok: IdentityView };
  /** Thông tin định danh as it stands (opened when it was not yet). */
  identity_view: { args: undefined; ok: IdentityView };
  /** Corrects the name, birth date or sex in Thông tin cá nhân of an account not yet linked. */
  update_personal: { args: { change: PersonalChange }; ok: SessionView };
  /** A page of Hồ sơ đã nộp from the cache; it answers offline and as the user types. */
  dossiers: { args: { query: DossierQuery }; ok: DossierListView };
  /** One dossier, from the cache when it holds it. */
  dossier: { args: { code: string }; ok: DossierDetailView };
  /** Starts (or goes on with) the sync of the person's dossiers, or stops it. */
  sync: { args: { action: SyncAction }; ok: SyncView };
  /** How the cache stands against the portal. */
  sync_view: { args: undefined; ok: SyncView };
  /** The office's audit log, for an officer with the PIN; a wrong PIN is `invalid_input`. */
  audit_open: { args: { pin: string }; ok: AuditView };
  /** Writes the whole audit log as CSV into the Downloads folder. */
  audit_export: { args: { pin: string }; ok: AuditExport };
  /** Prints a slip on the counter's printer: the next steps of a failed VNeID sign-in, the */
  /** visit's outcome, or the dossiers the list shows. */
  print_slip: { args: { slip: SlipChoice }; ok: null };
  /** The card readers there are, and whether a card lies on one. */
  card_readers: { args: undefined; ok: CardReadersView };
  /** Reads the chip CCCD card on the reader and holds it against the account of the CCCD */
  /** screen; nothing read is kept. */
  read_card: { args: { input: CardInput }; ok: CardView };
  /** Notices from before the UI listened; the UI asks once, when its first screen is up. */
  take_notices: { args: undefined; ok: Array<Notice> };
}

/** Every event the shell emits, with its payload. */
export interface Events {
  "vneid://changed": VneidView;
  "session://changed": SessionView | null;
  "app://notice": Notice;
  "sync://progress": SyncView;
  "card://readers": CardReadersView;
  "card://progress": CardProgressView;
}
