// What a screen may ask of the app: its state, navigation, and running actions with progress and
// error handling. The app (app.ts) implements it; screens only see this.

import type {
  AppInfo,
  AuditExport,
  AuditView,
  DossierDetailView,
  EndReason,
  DossierListView,
  DossierQuery,
  IdentityInput,
  IdentityView,
  IpcError,
  PersonalChange,
  SessionView,
  Sex,
  Task,
  VneidInput,
  VneidView,
  WizardInput,
  WizardView,
} from "./contract";

/** The notice on the task screen right after signing in. */
export type Landing = "linked" | "skipped" | "vneid_unlinked";

/** What the wizard screen keeps across a re-render (the input Rust does not echo back). */
export interface WizardKeep {
  password?: string;
  code?: string;
  /** "Gửi lại mã" was pressed and a new code went out. */
  resent?: boolean;
}

/**
 * Hồ sơ đã nộp as the user left it: what they searched for, filtered and sorted by, and the
 * dossiers shown so far (the first pages). Kept while they look at a dossier, so «Quay lại»
 * returns to the same list.
 */
export interface DossierListState {
  /** The query asked for last (text, filters, order), with `offset` 0 and `limit` one page. */
  query: DossierQuery;
  /** Every dossier shown so far, from the first, with the counts and the sync state. */
  list: DossierListView;
}

/**
 * «Sửa thông tin cá nhân» on Thông tin cá nhân as the user left it, kept across a re-render (a
 * language switch, the screen read again): the form, open with what was typed, and the notice
 * after saving.
 */
export interface PersonalKeep {
  /** The form's fields as typed; null while the form is closed. */
  draft: PersonalDraft | null;
  /** The details were just saved: `#personal-notice` shows. */
  saved: boolean;
}

/** What the form of «Sửa thông tin cá nhân» holds, as typed. */
export interface PersonalDraft {
  fullName: string;
  /** The text of the birth date field (dd/mm/yyyy once it is a date). */
  birthDate: string;
  /** Null: neither is chosen (the account's sex could not be read). */
  sex: Sex | null;
}

/** How the last kiosk session ended, for the notice on the welcome screen. */
export interface SessionEnd {
  reason: EndReason;
  /** The idle time-out that ended it (`idle_timeout_secs`), to say how long nothing was done. */
  idleSecs: number;
}

/**
 * The office's audit log as the officer opened it. The PIN lives here and nowhere else: it goes
 * with the route when the screen is left (home, «Đóng», the end of a kiosk session).
 */
export interface AuditState {
  view: AuditView;
  pin: string;
  /** The last «Xuất tệp CSV», to say where the file went (again after a language switch). */
  exported: AuditExport | null;
}

export type Route =
  | { name: "home"; ended?: SessionEnd | null }
  | { name: "signin-choice"; task: Task; message: string | null }
  | { name: "wizard"; view: Exclude<WizardView, { step: "done" }>; keep: WizardKeep }
  | { name: "vneid"; view: Exclude<VneidView, { phase: "idle" | "signed_in" }> }
  | { name: "personal"; session: SessionView; landing: Landing | null; keep: PersonalKeep }
  | { name: "identity"; view: IdentityView; landing: Landing | null }
  | { name: "dossiers"; state: DossierListState; landing: Landing | null; focusCode: string | null }
  | { name: "dossier-detail"; detail: DossierDetailView; landing: Landing | null; from: DossierListState | null }
  | { name: "error"; error: IpcError; task: Task | null; retry: (() => Promise<void>) | null }
  /** «Dành cho cán bộ»: the PIN, or (`configured` false) the note that no PIN is set here. */
  | { name: "officer-pin"; configured: boolean }
  | { name: "audit"; state: AuditState };

export interface ActOptions {
  /** Where an inline error goes; by default the screen's alert slot. */
  slot?: HTMLElement | null;
  /** On a failure with nothing to keep, show the error screen instead of an inline alert. */
  errorScreen?: boolean;
}

export interface Ctx {
  readonly info: AppInfo;
  readonly session: SessionView | null;
  /**
   * Runs `op` while `button` shows a spinner and `busyText` (and is disabled); a second action
   * while one runs is ignored. Failures are handled as the contract says.
   */
  act(button: HTMLElement | null, busyText: string, op: () => Promise<void>, opts?: ActOptions): void;
  /**
   * Handles the failure of a call the screen made on its own (not through `act`, such as a search
   * while typing) as the contract says; `retry` is offered with «Thử lại» when it may help.
   */
  handle(error: unknown, retry: () => Promise<void>, opts?: ActOptions): void;
  show(route: Route): void;
  goHome(): void;
  goSignIn(task: Task, message?: string | null): void;
  /** Loads and shows the task's screen (call inside `act`). */
  goTask(task: Task, landing?: Landing | null): Promise<void>;
  /** Sends a wizard event and shows where it leads (call inside `act`). */
  wizard(input: WizardInput, keep?: WizardKeep): Promise<void>;
  vneid(input: VneidInput): Promise<void>;
  identity(input: IdentityInput, landing?: Landing | null): Promise<void>;
  /**
   * Corrects the name, birth date or sex of Thông tin cá nhân (only what changed), then shows the
   * screen with the new details and the notice (call inside `act`; a refusal is `invalid_input`).
   */
  personal(change: PersonalChange): Promise<void>;
  /** Re-reads the current view from Rust and shows it (call inside `act`). */
  reload(): Promise<void>;
}
