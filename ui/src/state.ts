// The state the parts of the app share (what the shell said, who is signed in, whether a kiosk
// session has something to protect or is being ended), in one place so that the chrome, the
// routes, the actions and the kiosk session all read and change the same thing.

import type { IdleWatch } from "./idle";
import type { AppInfo, SessionView } from "./contract";

const FALLBACK_INFO: AppInfo = {
  version: "",
  mode: "laptop",
  lang: "vi",
  sandbox: false,
  sandbox_sms_url: null,
  portal_host: "",
  vneid_host: "",
  idle_timeout_secs: 0,
  idle_warning_secs: 0,
  can_print: false,
};

export const state: {
  /** The shell's `app_info` (a laptop with no time-out until it answers). */
  info: AppInfo;
  /** Who is signed in, as the header shows it. */
  session: SessionView | null;
  /**
   * Something happened since the welcome screen was last fresh (a screen left it, the language
   * changed): on a kiosk there is then something to protect, even back on the home screen.
   */
  dirty: boolean;
  /** A kiosk session is being ended: nothing else may start or come on screen meanwhile. */
  ending: boolean;
  /** The kiosk's idle watch (null on a laptop, or with no time-out). */
  idle: IdleWatch | null;
} = {
  info: FALLBACK_INFO,
  session: null,
  dirty: false,
  ending: false,
  idle: null,
};

export function kiosk(): boolean {
  return state.info.mode === "kiosk";
}

/** There is now something to protect: the idle time counts from here if it did not yet. */
export function markDirty(): void {
  if (state.dirty) return;
  state.dirty = true;
  state.idle?.touch();
}
