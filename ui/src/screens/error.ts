// A screen that could not be loaded: the message, «Thử lại» when it may help, and the way home.

import type { Ctx } from "../context";
import { h } from "../dom";
import { tr } from "../i18n";
import type { IpcError } from "../contract";
import { actions, alertBox, button, screen, type Screen } from "../ui";

export function errorScreen(ctx: Ctx, error: IpcError, retry: (() => Promise<void>) | null): Screen {
  const t = tr();
  const title =
    error.code === "unreachable"
      ? t.errorUnreachable
      : error.code === "maintenance"
        ? t.errorMaintenance
        : error.code === "not_found"
          ? t.errorNotFound
          : t.errorTitle;
  const root = screen(
    "error",
    title,
    alertBox("error", error.message),
    h("p", { class: "hint" }, retry ? t.errorHint : t.errorHintNoRetry),
    actions(
      retry
        ? button(t.retry, {
            id: "btn-retry",
            kind: "primary",
            onClick: (btn) => {
              ctx.act(btn, t.busyRetry, retry, { errorScreen: true });
            },
          })
        : null,
      button(t.backHome, {
        kind: retry ? "secondary" : "primary",
        icon: "home",
        onClick: () => {
          ctx.goHome();
        },
      }),
    ),
  );
  return { root };
}
