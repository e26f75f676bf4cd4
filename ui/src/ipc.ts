// Typed access to the Rust shell: every command of types.ts with its arguments and answer, and
// every rejection turned into an `IpcError`.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AppInfo,
  AuditExport,
  AuditView,
  DossierDetailView,
  DossierListView,
  DossierQuery,
  EndReason,
  ErrorCode,
  IdentityInput,
  IdentityView,
  IpcError,
  Lang,
  Notice,
  SessionView,
  SyncAction,
  SyncView,
  VneidInput,
  VneidView,
  WizardInput,
  WizardView,
} from "./types";

interface Commands {
  app_info: [undefined, AppInfo];
  set_language: [{ lang: Lang }, AppInfo];
  session: [undefined, SessionView | null];
  sign_out: [undefined, null];
  end_session: [{ reason: EndReason }, null];
  audit_open: [{ pin: string }, AuditView];
  audit_export: [{ pin: string }, AuditExport];
  wizard: [{ input: WizardInput }, WizardView];
  wizard_view: [undefined, WizardView];
  vneid: [{ input: VneidInput }, VneidView];
  vneid_view: [undefined, VneidView];
  identity: [{ input: IdentityInput }, IdentityView];
  identity_view: [undefined, IdentityView];
  dossiers: [{ query: DossierQuery }, DossierListView];
  dossier: [{ code: string }, DossierDetailView];
  sync: [{ action: SyncAction }, SyncView];
  sync_view: [undefined, SyncView];
  take_notices: [undefined, Notice[]];
}

export type Command = keyof Commands;

interface Events {
  "vneid://changed": VneidView;
  "session://changed": SessionView | null;
  "app://notice": Notice;
  "sync://progress": SyncView;
}

const CODES: readonly ErrorCode[] = [
  "session_expired",
  "not_signed_in",
  "unreachable",
  "maintenance",
  "not_found",
  "refused",
  "invalid_input",
  "error",
];

/** The answer to a call made before the user went elsewhere (see `dropPendingAnswers`). */
export class StaleAnswer extends Error {
  constructor() {
    super("answer to a screen the user has left");
  }
}

let epoch = 0;

/**
 * The user went elsewhere on their own (pressed «Trang chủ»): calls already on their way reject
 * with `StaleAnswer` when they return, so their answers do not pull the user back.
 */
export function dropPendingAnswers(): void {
  epoch += 1;
}

/** Calls a command; rejects with an `IpcError` (or `StaleAnswer`) only. */
export async function call<C extends Command>(
  cmd: C,
  ...args: Commands[C][0] extends undefined ? [] : [Commands[C][0]]
): Promise<Commands[C][1]> {
  const started = epoch;
  let answer: Commands[C][1];
  try {
    answer = await invoke<Commands[C][1]>(cmd, args[0] ?? {});
  } catch (e) {
    if (started !== epoch) throw new StaleAnswer();
    throw toIpcError(e);
  }
  if (started !== epoch) throw new StaleAnswer();
  return answer;
}

export function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== "object" || e === null) return false;
  const { code, message } = e as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string";
}

/** Anything a command may reject with, as an `IpcError`; unknown codes become `error`. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) {
    const code = (CODES as readonly string[]).includes(e.code) ? e.code : "error";
    return { code, message: e.message };
  }
  if (typeof e === "string") return { code: "error", message: e };
  if (e instanceof Error) return { code: "error", message: e.message };
  return { code: "error", message: String(e) };
}

export function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (e) => {
    handler(e.payload);
  });
}
