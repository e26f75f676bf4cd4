// The test build's entry: the real app, with every IPC call forwarded to the test (Playwright's
// `exposeFunction("__ipc")`) and the test able to emit the shell's events (`window.__emit`).
// Built by vite.harness.config.ts into .harness/, never shipped.

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";

/** What the test answers: a value, or a rejection shaped like the shell's (`{ code, message }`). */
type Answer = { ok: unknown } | { err: unknown };

declare global {
  interface Window {
    __ipc?: (cmd: string, args: unknown) => Promise<Answer>;
    __emit: (event: string, payload: unknown) => Promise<void>;
    __cspViolations: string[];
  }
}

window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

mockIPC(
  async (cmd, args) => {
    if (!window.__ipc) throw new Error(`no IPC handler for ${cmd}`);
    const answer = await window.__ipc(cmd, args ?? {});
    if ("err" in answer) throw answer.err;
    return answer.ok;
  },
  { shouldMockEvents: true },
);

window.__emit = (event, payload) => emit(event, payload);

await import("../src/main");
