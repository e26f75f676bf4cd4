// Calls into the Rust shell as the generated contract (contract.ts) types them: every rejection
// turned into an `IpcError`, answers to a screen the user has left dropped, events typed.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { ERROR_CODES, type Commands, type Events, type IpcError } from "./contract";

export type Command = keyof Commands;

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
  ...args: Commands[C]["args"] extends undefined ? [] : [Commands[C]["args"]]
): Promise<Commands[C]["ok"]> {
  const started = epoch;
  let answer: Commands[C]["ok"];
  try {
    answer = await invoke<Commands[C]["ok"]>(cmd, args[0] ?? {});
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
    const code = (ERROR_CODES as readonly string[]).includes(e.code) ? e.code : "error";
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
