// The app, put together: the page and its chrome, the routes with what screens may ask of the app
// (`Ctx`), the actions, the kiosk session and the shell's events; then the first screen once the
// shell has answered. Each part lives in its own module; this only wires them.

import { act, handle, setReload } from "./actions";
import { addNotice, buildPage, renderChrome, renderHeader, takeEarlyNotices } from "./chrome";
import type { Ctx } from "./context";
import { setLang } from "./i18n";
import { StaleAnswer, call, on, toIpcError } from "./ipc";
import { applyMode, confirmEnd } from "./kiosk-session";
import {
  goHome,
  goTask,
  identity,
  onVneidChanged,
  personal,
  reload,
  savedCopyChanged,
  showVneid,
  signOut,
  switchLanguage,
  vneid,
  wizard,
} from "./navigation";
import { currentRoute, goSignIn, show, startRoutes } from "./routes";
import { markDirty, state } from "./state";

const ctx: Ctx = {
  get info() {
    return state.info;
  },
  get session() {
    return state.session;
  },
  act,
  handle,
  show,
  goHome,
  goSignIn,
  goTask,
  wizard,
  vneid,
  identity,
  personal,
  reload,
};

/** Builds the page and shows the home screen once the shell has answered. */
export async function start(root: HTMLElement): Promise<void> {
  buildPage(root, { act, goHome, switchLanguage, signOut, confirmEnd });
  startRoutes(ctx);
  setReload(reload);

  try {
    await Promise.all([
      on("vneid://changed", onVneidChanged),
      on("session://changed", (s) => {
        // Still nobody (the `end_session` that just cleared everything): nothing to show again.
        if (s === null && state.session === null) return;
        const wasSavedCopy = (state.session?.offline_as_of ?? null) !== null;
        state.session = s;
        if (state.ending) return;
        if (s) markDirty();
        renderHeader();
        const route = currentRoute();
        if (route.name === "home") {
          show(route);
        } else if (wasSavedCopy && (s?.offline_as_of ?? null) === null) {
          // Live again, or closed: what the screen shows came from the saved copy.
          savedCopyChanged(s);
        }
      }),
      on("app://notice", addNotice),
    ]);
  } catch {
    // Without events the screens still work; VNeID moves on when its view is asked for again.
  }
  renderChrome();
  await boot();
  await takeEarlyNotices();
}

async function boot(): Promise<void> {
  try {
    // Asked together: each answer crosses between the page and the app, and that wait is most
    // of the time to the first screen.
    const [appInfo, signedIn, vneidView] = await Promise.all([call("app_info"), call("session"), call("vneid_view")]);
    state.info = appInfo;
    applyMode();
    setLang(state.info.lang);
    state.session = signedIn;
    if (state.session) markDirty();
    renderChrome();
    // A VNeID sign-in that is under way, or that a link finished while the app was starting
    // (the browser sent the person back to a closed app), takes precedence over the home screen.
    if (vneidView.phase === "waiting" || vneidView.phase === "working" || vneidView.phase === "signed_in") {
      await showVneid(vneidView, vneidView.task);
      return;
    }
    show({ name: "home" });
  } catch (e) {
    if (e instanceof StaleAnswer) {
      await boot();
      return;
    }
    renderChrome();
    show({ name: "error", error: toIpcError(e), task: null, retry: boot });
  }
}
