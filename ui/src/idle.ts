// The kiosk's idle time-out: a citizen who walks away must not leave their session to the next
// person. Any touch, click, key, wheel or typing counts as activity; after `timeout - warning`
// seconds without any, the warning (with its countdown) is shown, and at the end of it the session
// ends. Times are read from the clock (Date.now), never counted in timer ticks, so a timer that
// the system throttled or a machine that slept still ends the session on time.

/** What counts as someone using the kiosk. */
const ACTIVITY = ["pointerdown", "keydown", "touchstart", "wheel", "input"] as const;

export interface IdleOptions {
  timeoutSecs: number;
  warningSecs: number;
  /**
   * Whether there is anything to protect now (someone signed in, something entered). While not,
   * there is no warning and no time-out, and the idle time starts again from when there is.
   */
  guarded: () => boolean;
  /** The warning opens with this many seconds left. */
  warn: (left: number) => void;
  /** The warning's seconds left, once a second while it shows. */
  tick: (left: number) => void;
  /** Time is up (with or without a warning first, if the timer woke up late). */
  expire: () => void;
}

export interface IdleWatch {
  /** Starts the idle time again from now, closing the warning («Tiếp tục»). */
  extend(): void;
  /** Something was entered without a key or a touch (a screen the shell opened): count from now. */
  touch(): void;
  /** Stops watching until `extend()` (the session is being ended). */
  hold(): void;
}

export function watchIdle(opts: IdleOptions): IdleWatch {
  const endAfter = opts.timeoutSecs * 1000;
  const warnAfter = Math.max(0, opts.timeoutSecs - opts.warningSecs) * 1000;
  let last = Date.now();
  let state: "watching" | "warning" | "held" = "watching";
  let timer: ReturnType<typeof setTimeout> | null = null;
  let shown = -1;

  const schedule = (ms: number, fn: () => void): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, Math.max(0, ms));
  };

  const expire = (): void => {
    state = "held";
    if (timer !== null) clearTimeout(timer);
    timer = null;
    opts.expire();
  };

  /** While the warning shows: the seconds left, at every whole second until the end. */
  const countdown = (): void => {
    if (state !== "warning") return;
    const leftMs = last + endAfter - Date.now();
    if (leftMs <= 0) {
      expire();
      return;
    }
    const left = Math.ceil(leftMs / 1000);
    if (left !== shown) {
      if (shown < 0) opts.warn(left);
      else opts.tick(left);
      shown = left;
    }
    schedule(leftMs % 1000 || 1000, countdown);
  };

  const check = (): void => {
    if (state !== "watching") return;
    const now = Date.now();
    if (!opts.guarded()) {
      // Nothing to protect: the idle time only starts once there is.
      last = now;
      schedule(warnAfter, check);
      return;
    }
    const idle = now - last;
    if (idle >= endAfter) {
      expire();
    } else if (idle >= warnAfter) {
      state = "warning";
      shown = -1;
      countdown();
    } else {
      schedule(warnAfter - idle, check);
    }
  };

  const onActivity = (): void => {
    // During the warning only «Tiếp tục» keeps the session: a stray touch does not.
    if (state === "watching") last = Date.now();
  };
  for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
  // A timer the system held back (a sleeping machine, a hidden window) is caught up at once.
  const wake = (): void => {
    if (state === "watching") check();
    else if (state === "warning") countdown();
  };
  document.addEventListener("visibilitychange", wake);
  window.addEventListener("focus", wake);

  schedule(warnAfter, check);

  return {
    extend() {
      state = "watching";
      last = Date.now();
      schedule(warnAfter, check);
    },
    touch() {
      if (state === "watching") last = Date.now();
    },
    hold() {
      state = "held";
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
