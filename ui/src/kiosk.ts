// The page's part of the kiosk lock-down: a stranger at the kiosk must not reload the page, print
// or save it, zoom it out of shape, open the developer tools or browse the history, nor get a
// context menu. The shell locks down the window; this blocks what reaches the page. Typing in the
// fields keeps working (Backspace, Ctrl+A/C/V/X/Z and the rest).

import "./kiosk.css";

/** Letters blocked with Ctrl (or Cmd), with or without Shift: reload, print, save, open, view source,
 * find, history, downloads, bookmark, new window or tab, close, address bar. */
const CTRL_LETTERS = new Set(["r", "p", "s", "o", "u", "f", "g", "h", "j", "d", "n", "t", "w", "l"]);
/** Letters blocked with Ctrl+Shift (or Cmd+Alt): the developer tools. Ctrl+C alone is copy. */
const DEVTOOLS_LETTERS = new Set(["i", "j", "c"]);
/** Keys that zoom with Ctrl (or Cmd). */
const ZOOM_CODES = new Set(["Equal", "Minus", "Digit0", "NumpadAdd", "NumpadSubtract", "Numpad0"]);
const ZOOM_KEYS = new Set(["+", "=", "-", "_", "0"]);
/** Keys that navigate or open browser features on their own. */
const BROWSER_KEYS = new Set([
  "BrowserBack",
  "BrowserForward",
  "BrowserRefresh",
  "BrowserHome",
  "BrowserSearch",
  "BrowserFavorites",
  "BrowserStop",
]);
/** Input types that take typed text (Backspace edits them). */
const TEXT_INPUTS = new Set(["text", "password", "search", "tel", "url", "email", "number", "date", "time", "datetime-local", "month", "week"]);

/** Whether keys typed into `target` edit text. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type) && !target.readOnly && !target.disabled;
  return false;
}

/** The letter of a key press, from the physical key when it is a letter key (any layout). */
function letter(e: KeyboardEvent): string {
  if (e.code.startsWith("Key")) return e.code.slice(3).toLowerCase();
  return e.key.length === 1 ? e.key.toLowerCase() : "";
}

/** Whether a key press would reach a browser feature the kiosk keeps closed. */
export function isBlockedKey(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  // Every function key: F5 reloads, F11 leaves full screen, F12 opens the tools, F7 turns on
  // caret browsing, F6 goes to the address bar, F1 opens help, F3 finds.
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(e.key)) return true;
  if (BROWSER_KEYS.has(e.key)) return true;
  // Back and forward: Alt+Left/Right, Alt+Home, and Cmd+[ / Cmd+].
  if (e.altKey && !e.ctrlKey && (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home")) return true;
  if (e.metaKey && (e.key === "[" || e.key === "]")) return true;
  // Backspace outside a field may go back a page in some web views.
  if (e.key === "Backspace" && !isEditable(e.target)) return true;
  if (!mod) return false;
  const l = letter(e);
  if ((e.shiftKey || (e.metaKey && e.altKey)) && DEVTOOLS_LETTERS.has(l)) return true;
  if (CTRL_LETTERS.has(l)) return true;
  if (ZOOM_CODES.has(e.code) || ZOOM_KEYS.has(e.key)) return true;
  return false;
}

let locked = false;

/** Marks the page as a kiosk (`html.kiosk`) and blocks what a stranger must not reach. Once. */
export function lockDown(): void {
  document.documentElement.classList.add("kiosk");
  if (locked) return;
  locked = true;
  window.addEventListener(
    "keydown",
    (e) => {
      if (isBlockedKey(e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    { capture: true },
  );
  // Zoom with Ctrl+wheel (and a touchpad pinch, which arrives as one).
  window.addEventListener(
    "wheel",
    (e) => {
      if (e.ctrlKey || e.metaKey) e.preventDefault();
    },
    { capture: true, passive: false },
  );
  document.addEventListener("contextmenu", (e) => {
    e.preventDefault();
  });
  // The mouse's back and forward buttons.
  for (const type of ["mouseup", "auxclick"] as const) {
    window.addEventListener(
      type,
      (e) => {
        if (e.button === 3 || e.button === 4) e.preventDefault();
      },
      { capture: true },
    );
  }
  // A file dropped on the window would open it in place of the app.
  for (const type of ["dragover", "drop"] as const) {
    window.addEventListener(type, (e) => {
      e.preventDefault();
    });
  }
}
