// A fake of the Rust shell for the UI tests, typed against the generated contract
// (src/contract.ts): every command, with the wizard, VNeID and identity machines behaving like
// the real ones on a few demo accounts, the saved copy of Hồ sơ đã nộp searched and filtered as
// the contract says, a sync the tests move on, a laptop started without a network (the
// official's saved copy, `offlineAsOf`, until `goLive`), card readers with a chip CCCD card that
// reads as the test says (`reader`, `card`, `cardOutcomes`; `placeCard`, `plugReader`,
// `holdCardRead`), and hooks to make a command fail, or wait until the test lets it go. Every
// message and label it says comes from `TEXTS` (shell-texts.ts, generated from the real shell), in
// the current language, except the card's and the corrected details' (CARD_TEXTS,
// PERSONAL_TEXTS, which the generator does not cover yet); only demo data is its own.
// Compiled by tsconfig.test.json into .test-build/ before `node --test` runs.

import type {
  AccountKind,
  AccountView,
  AppInfo,
  AuditEntryView,
  AuditOutcome,
  CardAdvice,
  CardInput,
  CardProgressView,
  CardReadersView,
  CardView,
  CccdEntryView,
  Commands,
  DossierDetailView,
  DossierListView,
  DossierQuery,
  DossierSummary,
  EndReason,
  EndedBy,
  ErrorCode,
  Events,
  FieldKey,
  FieldView,
  IdentityInput,
  IdentityView,
  IpcError,
  Lang,
  LinkOutcome,
  MatchFailureKind,
  Mode,
  Notice,
  PersonalChange,
  Problem,
  SessionView,
  SignInMethod,
  SlipChoice,
  StatusView,
  SyncAction,
  SyncView,
  Task,
  VneidInput,
  VneidView,
  WizardInput,
  WizardView,
} from "../../src/contract";
import { TEXTS } from "./shell-texts.js";

/** A message or label of the real shell, by its key in `TEXTS`. */
export type TextKey = keyof (typeof TEXTS)["vi"];

/** What a command does: its arguments in, its answer out (or a rejection with an `IpcError`). */
type Handler<C extends keyof Commands> = (args: Commands[C]["args"]) => Commands[C]["ok"] | Promise<Commands[C]["ok"]>;

/** Every command of the contract: one missing, or one answering the wrong type, does not compile. */
type Handlers = { [C in keyof Commands]: Handler<C> };

/** A call the page made. */
export type Call = { [C in keyof Commands]: { cmd: C; args: Commands[C]["args"] } }[keyof Commands];

/** An event the fake sent. */
export type Emitted = { [E in keyof Events]: { event: E; payload: Events[E] } }[keyof Events];

/** Sends a shell event into the page (set by the harness's `openApp`). */
export type Emitter = <E extends keyof Events>(event: E, payload: Events[E]) => Promise<void>;

/** Rejects as the shell does. */
function reject(code: ErrorCode, message: string): never {
  const error: IpcError = { code, message };
  throw error;
}

function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXTS.vi, key);
}

/** The item at `i`, which the caller knows is there. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

const PASSWORD = "Matkhau@123";
const CODE = "123456";

interface DemoAccount {
  name: string;
  phone: string;
  cccd: string | null;
  sex: "male" | "female";
  birth: string;
  kind: AccountKind;
  /** Loading the account after the code fails (the portal cannot be reached) until «Thử lại». */
  unavailable: boolean;
}

/** Demo accounts (like the sandbox personas). */
const ACCOUNTS: Readonly<Record<string, DemoAccount>> = {
  nguyenvanan: { name: "Nguyễn Văn An", phone: "091****678", cccd: "001085012345", sex: "male", birth: "12/03/1985", kind: "citizen", unavailable: false },
  tranthibinh: { name: "Trần Thị Bình", phone: "098****321", cccd: null, sex: "female", birth: "21/07/1990", kind: "citizen", unavailable: false },
  levancuong: { name: "Lê Văn Cường", phone: "090****222", cccd: null, sex: "male", birth: "05/11/1978", kind: "citizen", unavailable: false },
  vuquanghuy: { name: "Vũ Quang Huy", phone: "091****444", cccd: null, sex: "male", birth: "09/09/1988", kind: "official", unavailable: false },
  loitaikhoan: { name: "Lê Thị Lan", phone: "090****000", cccd: null, sex: "female", birth: "01/01/1970", kind: "citizen", unavailable: true },
};

/** What «Cập nhật» gives for a CCCD number (digits only), on any account without one. */
type CccdResult =
  | { linked: true; warning?: true }
  | { failure: MatchFailureKind }
  | { problem: "sex_mismatch" };

const CCCD_RESULTS: Readonly<Record<string, CccdResult>> = {
  "079190004321": { linked: true },
  "079190999999": { failure: "unknown_number" },
  "079190004322": { failure: "mismatch_full_name" },
  "079190004323": { failure: "mismatch_birth_date" },
  "079090004324": { failure: "mismatch_sex" },
  "031082001122": { failure: "taken" },
  "099190004321": { warning: true, linked: true },
  "079190000000": { problem: "sex_mismatch" },
  "038078006789": { failure: "mismatch_birth_date" },
};

/** What a read of the chip card on the reader comes to (the queue's next, then `genuine`). */
export type CardOutcome =
  /** Read, and signed by the Ministry of Public Security. */
  | "genuine"
  /** Read, with no CSCA certificates installed to check it. */
  | "unverified"
  /** Read and genuine, but past its expiry. */
  | "expired"
  /** Forged or changed after issue: nothing of it is used. */
  | "refused"
  | "not_chip_card"
  /** The account's birth date does not open the chip: stays so until a read with the expiry typed. */
  | "locked"
  /** Taken away halfway. */
  | "interrupted";

/** The chip CCCD card of a demo account, as the reader finds it. */
interface DemoCard {
  number: string;
  name: string;
  birth: string;
  sex: "male" | "female";
}

/** Cards that differ from their account (the "mismatch" persona's birth date has day and month swapped). */
const CARDS: Readonly<Record<string, DemoCard>> = {
  levancuong: { number: "038078006789", name: "Lê Văn Cường", birth: "11/05/1978", sex: "male" },
};

/** The readers the fake has, when it has one. */
const READER = "ACS ACR1252 Dual Reader PICC 00 00";

/**
 * What the real shell says about cards (src-tauri/src/desk/card.rs, dvclink-core's card_check):
 * not in shell-texts.ts yet, whose generator has no card texts; move them there when it has.
 */
export const CARD_TEXTS = {
  vi: {
    number_first: "Hãy nhập đủ 12 số CCCD trước: 9 số cuối dùng để mở chip của thẻ.",
    bad_birth: "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 11/05/1978.",
    bad_expiry: "Ngày hết hạn phải có dạng ngày/tháng/năm, ví dụ 11/05/1978.",
    no_card: "Đặt thẻ CCCD gắn chip lên đầu đọc và giữ yên cho đến khi đọc xong.",
    not_chip_card: "Thẻ này không phải thẻ CCCD gắn chip. Hãy đặt thẻ Căn cước công dân gắn chip lên đầu đọc.",
    locked:
      "Chưa mở được chip với số CCCD và ngày sinh này. Kiểm tra lại số CCCD, rồi nhập ngày sinh và ngày hết hạn in trên thẻ.",
    interrupted: "Thẻ bị nhấc ra hoặc đầu đọc không trả lời. Đặt lại thẻ, giữ yên, rồi bấm «Thử lại».",
    refused:
      "Thẻ bị từ chối: dữ liệu trong chip đã bị thay đổi sau khi cấp. Không dùng dữ liệu của thẻ này; hãy nhập số CCCD bằng tay và báo cán bộ.",
    genuine: "Thẻ thật: dữ liệu trong chip do Bộ Công an ký và không bị sửa.",
    unverified:
      "Chưa xác minh được nguồn gốc thẻ: máy này chưa được cài chứng thư CSCA (card_trust). Dữ liệu vẫn dùng được.",
    expired: (until: string) => `Thẻ đã hết hạn ngày ${until}: công dân cần làm thủ tục cấp đổi thẻ Căn cước.`,
    row_name: "Họ và tên",
    row_birth: "Ngày sinh",
    row_sex: "Giới tính",
    name: (account: string, card: string) =>
      `Tài khoản ghi họ tên «${account}», thẻ ghi «${card}»: hãy sửa họ tên trong Thông tin cá nhân cho giống trên thẻ.`,
    name_marks: (account: string, card: string) =>
      `Họ tên trên tài khoản («${account}») chỉ khác dấu so với thẻ («${card}»): vẫn liên kết được, nên sửa lại trong Thông tin cá nhân.`,
    birth: (account: string, card: string) =>
      `Tài khoản ghi ngày sinh ${account}, thẻ ghi ${card}: hãy sửa ngày sinh trong Thông tin cá nhân.`,
    sex: (account: string, card: string) =>
      `Tài khoản ghi giới tính ${account}, thẻ ghi ${card}: hãy sửa giới tính trong Thông tin cá nhân.`,
    progress: [
      "Đang mở chip của thẻ…",
      "Đang đọc danh mục dữ liệu…",
      "Đang đọc chữ ký của thẻ…",
      "Đang đọc vùng MRZ…",
      "Đang đọc thông tin công dân…",
      "Đang kiểm tra thẻ thật…",
    ],
  },
  en: {
    number_first: "Type the 12 digits of the CCCD number first: its last 9 open the card's chip.",
    bad_birth: "The birth date must be day/month/year, such as 11/05/1978.",
    bad_expiry: "The expiry date must be day/month/year, such as 11/05/1978.",
    no_card: "Place the chip CCCD card on the reader and keep it still until the reading is done.",
    not_chip_card: "This is not a chip CCCD card. Place the chip citizen identity card on the reader.",
    locked:
      "The chip did not open with this number and birth date. Check the CCCD number, then type the birth date and expiry printed on the card.",
    interrupted: "The card was taken away or the reader did not answer. Place it again, keep it still, and press «Try again».",
    refused: "Card refused: the chip's data was changed after issue. Its data is not used; type the number and tell an officer.",
    genuine: "Genuine: the chip's data was signed by the Ministry of Public Security and is unchanged.",
    unverified:
      "The card's origin is not verified: no CSCA certificates are installed here (card_trust). The data may still be used.",
    expired: (until: string) => `The card expired on ${until}: the citizen needs to renew it.`,
    row_name: "Full name",
    row_birth: "Date of birth",
    row_sex: "Sex",
    name: (account: string, card: string) =>
      `Your account says «${account}», your card says «${card}»: correct the name in Thông tin cá nhân.`,
    name_marks: (account: string, card: string) =>
      `The name on your account («${account}») differs from your card («${card}») only in its marks: linking works; correct it in Thông tin cá nhân when you can.`,
    birth: (account: string, card: string) =>
      `Your account says ${account}, your card says ${card}: correct the birth date in Thông tin cá nhân.`,
    sex: (account: string, card: string) => `Your account says ${account}, your card says ${card}: correct the sex in Thông tin cá nhân.`,
    progress: [
      "Opening the card's chip…",
      "Reading the list of data…",
      "Reading the card's signature…",
      "Reading the MRZ…",
      "Reading the citizen's details…",
      "Checking that the card is genuine…",
    ],
  },
} as const;

/**
 * What the real shell says when Thông tin cá nhân is corrected (src-tauri/src/desk/personal.rs);
 * not in shell-texts.ts yet either.
 */
export const PERSONAL_TEXTS = {
  vi: {
    name_empty: "Hãy nhập họ và tên.",
    bad_birth: "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 11/05/1978.",
    nothing: "Chưa có gì để sửa.",
    linked: "Tài khoản đã liên kết số CCCD: họ tên, ngày sinh và giới tính lấy từ CSDL Quốc gia về Dân cư, không sửa ở đây.",
  },
  en: {
    name_empty: "Type the full name.",
    bad_birth: "The birth date must be day/month/year, such as 11/05/1978.",
    nothing: "Nothing to correct.",
    linked:
      "The account is linked to its CCCD number: name, birth date and sex come from the population database and are not changed here.",
  },
} as const;

/** The percent of each step of a read, as the shell counts them (the labels in CARD_TEXTS). */
const CARD_STEPS = [10, 35, 50, 65, 80, 90] as const;

/** A date typed on the counter, as the shell reads it (d/m/yyyy with . - or /). */
const TYPED_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/;

/** [procedure code, name, agency]: portal data, the same in both languages. */
const PROCEDURES: readonly (readonly [string, string, string])[] = [
  ["1.001193", "Đăng ký khai sinh", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["2.000908", "Cấp bản sao trích lục hộ tịch", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["1.004194", "Đăng ký thường trú", "Công an quận Cầu Giấy"],
  ["1.002804", "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Sở Giao thông vận tải thành phố Hà Nội"],
  ["2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["1.000894", "Đăng ký kết hôn", "UBND phường Yên Hòa, quận Cầu Giấy"],
  ["2.001417", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Sở Tư pháp thành phố Hà Nội"],
  ["2.000720", "Đăng ký thành lập hộ kinh doanh", "Phòng Tài chính - Kế hoạch quận Cầu Giấy"],
];

/** TrangThaiHoSo. */
type StatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
const STATUS_CODES: readonly StatusCode[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The officer PIN of the fake's configuration, unless a test says otherwise. */
export const OFFICER_PIN = "246810";

/** Wrong PINs in a row that lock the audit log, and for how long (as the shell). */
const PIN_TRIES = 5;
const PIN_LOCKED_FOR_MS = 5 * 60_000;

/** The sample audit log, newest first: [started, ended, secs, outcomes, ended by]. */
const AUDIT_LOG: readonly (readonly [string, string | null, number | null, readonly AuditOutcome[], EndedBy])[] = [
  ["16/03/2026 10:42:05", "16/03/2026 10:47:31", 326, ["match_failed", "linked"], "button"],
  ["16/03/2026 10:15:00", "16/03/2026 10:19:12", 252, ["vneid_signed_in"], "timeout"],
  ["16/03/2026 09:58:40", null, null, ["skipped"], "restart"],
  ["16/03/2026 08:02:11", "16/03/2026 09:05:13", 3782, ["already_linked"], "sign_out"],
  ["15/03/2026 16:30:00", "15/03/2026 16:30:45", 45, [], "timeout"],
];

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** When the last complete sync finished, unless a test says otherwise. */
export const SYNCED_AT = "15/03/2026 09:30";

/**
 * Text as the search compares it: lower case, without Vietnamese marks, đ as d (what
 * dvclink-core's `text::fold` does).
 */
export function fold(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
}

/** The words of a text, folded. */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

interface Received {
  y: number;
  m: string;
  d: string;
  time: string;
  plus(days: number): string;
}

/** Dossier n was received about 0.9 days after dossier n-1, from 2 January 2023, in office hours. */
function receivedOn(n: number): Received {
  const day = new Date(Date.UTC(2023, 0, 2) + Math.floor(n * 0.9) * 86_400_000);
  const minutes = 8 * 60 + ((n * 37) % 540);
  return {
    y: day.getUTCFullYear(),
    m: pad(day.getUTCMonth() + 1, 2),
    d: pad(day.getUTCDate(), 2),
    time: `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`,
    plus(days) {
      const later = new Date(day.getTime() + days * 86_400_000);
      return `${pad(later.getUTCDate(), 2)}/${pad(later.getUTCMonth() + 1, 2)}/${later.getUTCFullYear()}`;
    },
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the UI sent a query exactly as the contract says (all seven keys, nothing else). */
function isDossierQuery(query: unknown): query is DossierQuery {
  if (typeof query !== "object" || query === null || Object.keys(query).length !== 7) return false;
  const q = query as Record<string, unknown>;
  const { text, statuses, from, to, order, offset, limit } = q;
  return (
    typeof text === "string" &&
    Array.isArray(statuses) &&
    statuses.every((c) => Number.isInteger(c) && (c as number) >= 1 && (c as number) <= 10) &&
    (from === null || (typeof from === "string" && DATE.test(from))) &&
    (to === null || (typeof to === "string" && DATE.test(to))) &&
    (order === "newest_first" || order === "oldest_first") &&
    Number.isInteger(offset) &&
    (offset as number) >= 0 &&
    Number.isInteger(limit) &&
    (limit as number) >= 1 &&
    (limit as number) <= 200
  );
}

/** The wizard's or the identity update's `event` in a call's arguments, if any. */
function eventOf(args: unknown): unknown {
  if (typeof args !== "object" || args === null || !("input" in args)) return undefined;
  const input = args.input;
  if (typeof input !== "object" || input === null || !("event" in input)) return undefined;
  return input.event;
}

/** The VNeID failures that come with next steps, by their codes. */
export type VneidTrouble =
  | "level_too_low"
  | "maintenance"
  | "web_sign_in_not_allowed"
  | "account_locked"
  | "account_not_activated"
  | "otp_not_received";

/** A problem the fake will show: its code, and the key of its message in `TEXTS`. */
export interface ProblemRef {
  code: string;
  key: TextKey;
}

/** The CCCD field, shared by the wizard and the identity update. */
interface CccdState {
  input: string;
  entryProblem: "sex_mismatch" | null;
  warning: boolean;
  problem: ProblemRef | null;
  failure: MatchFailureKind;
}

export interface WizardState extends CccdState {
  step: WizardView["step"];
  task: Task;
  username: string;
  resendIn: number;
  outcome: LinkOutcome;
}

export interface IdentityState extends CccdState {
  step: IdentityView["step"];
  notice: "updated" | null;
}

export interface Session {
  username: string;
  method: SignInMethod;
  legacyLinked: boolean;
  cccd: string | null;
  refreshed: boolean;
}

interface CachedRow {
  n: number;
  d: DossierSummary;
  /** "yyyy-mm-ddThh:mm": compares as text; null when not received yet. */
  at: string | null;
  words: string[];
}

export interface FakeShellOptions {
  /** Show the test-environment banner (default true). */
  sandbox?: boolean;
  mode?: Mode;
  /** A demo user name to start signed in with. */
  signedIn?: string | null;
  /** How many dossiers the account has (default 45). */
  dossiers?: number;
  /** How many of them (the newest) the cache holds (default all). */
  cached?: number;
  /** The SyncView to start with, over a finished sync. */
  sync?: Partial<SyncView>;
  /** Seconds before the first «Gửi lại mã» may be pressed (default 60). */
  resendSecs?: number;
  /** Notices from before the app started. */
  notices?: Notice[];
  /** `idle_timeout_secs` (kiosk default 120; laptop always 0). */
  idleTimeout?: number;
  /** `idle_warning_secs` (kiosk default 30; laptop always 0). */
  idleWarning?: number;
  /** The kiosk's own language, which `end_session` goes back to. */
  lang?: Lang;
  /** The officer PIN (default OFFICER_PIN; null: none set). */
  officerPin?: string | null;
  /**
   * A laptop that started without a network: the official (`signedIn`, default nguyenvanan,
   * signed in with VNeID) is shown from the saved copy as of this time ("dd/mm/yyyy hh:mm").
   */
  offlineAsOf?: string;
  /** A printer is configured (`can_print`; default false). */
  printer?: boolean;
  /** A card reader is connected (default false: no screen offers to read a card). */
  reader?: boolean;
  /** A chip card lies on the reader (default false). */
  card?: boolean;
  /** What the next reads of the card come to, in order (then `genuine`). */
  cardOutcomes?: CardOutcome[];
}

export class FakeShell {
  readonly homeLang: Lang;
  lang: Lang;
  accounts: Record<string, DemoAccount>;
  sandbox: boolean;
  mode: Mode;
  idleTimeout: number;
  idleWarning: number;
  canPrint: boolean;
  /** The slips printed, in order. */
  printed: SlipChoice[] = [];
  /** The printer has stopped (out of paper): `print_slip` fails with the app's message. */
  printerStopped = false;
  /** Sends a shell event into the page (set by openApp); events sent are kept in `emitted`. */
  emitter: Emitter | null = null;
  emitted: Emitted[] = [];
  dossierCount: number;
  cached: number;
  /** The SyncView of the cache. */
  syncState: SyncView;
  /** `as_of` of every dossier detail. */
  detailAsOf: string | null = null;
  /** `offline_as_of` of the identity screen (the portal cannot be reached). */
  identityOfflineAsOf: string | null = null;
  /**
   * `offline_as_of` of the session: the saved copy of an official whose laptop started without a
   * network (null: signed in as usual).
   */
  offlineAsOf: string | null = null;
  /** The network is back: the next `sync({ action: "start" })` on the saved copy goes live. */
  networkBack = false;
  /** How many times the kept sign-in was tried again (`sync` start on the saved copy). */
  resumeTries = 0;
  resendSecs: number;
  /** Every command called, in order. */
  calls: Call[] = [];
  /** One-shot behaviours per command, run instead of the fake. */
  queued = new Map<keyof Commands, ((args: never) => unknown)[]>();
  wiz: WizardState | null = null;
  vn: VneidView = { phase: "idle" };
  idn: IdentityState | null = null;
  sess: Session | null = null;
  warned = new Set<string>();
  /** Notices from before the page listened (`take_notices`). */
  early: Notice[];
  officerPin: string | null;
  /** Wrong PINs in a row (five lock the log for five minutes). */
  pinFailures = 0;
  pinLockedUntil = 0;
  /** How many sessions the whole log holds (the sample shows the newest five). */
  auditTotal = AUDIT_LOG.length;
  /** The card readers connected. */
  readers: string[];
  /** A card lies on a reader. */
  cardPresent: boolean;
  /** What the next reads come to (`locked` stays until a read with the expiry typed). */
  cardOutcomes: CardOutcome[];
  /** A read waits here before its last step while a test holds it (`holdCardRead`). */
  cardGate: Promise<void> | null = null;

  /** Every command of the contract. */
  readonly commands: Handlers = {
    app_info: () => this.appInfo(),
    set_language: ({ lang }) => {
      this.lang = lang;
      return this.appInfo();
    },
    session: () => this.session(),
    sign_out: () => {
      this.sess = null;
      this.vn = { phase: "idle" };
      this.idn = null;
      if (this.offlineAsOf !== null) {
        // The kept sign-in and the saved rows are forgotten with it.
        this.offlineAsOf = null;
        this.cached = 0;
        this.syncState = { state: "never", done: 0, total: null, last_synced_at: null, offline: false, problem: null };
      }
      return null;
    },
    end_session: ({ reason }) => this.endSession(reason),
    wizard: ({ input }) => this.wizard(input),
    wizard_view: () => this.wizardView(),
    vneid: ({ input }) => this.vneid(input),
    vneid_view: () => this.vn,
    identity: ({ input }) => this.identity(input),
    identity_view: () => this.identityView(),
    update_personal: ({ change }) => this.updatePersonal(change),
    dossiers: ({ query }) => this.dossiers(query),
    dossier: ({ code }) => this.dossier(code),
    sync: ({ action }) => this.sync(action),
    sync_view: () => {
      this.requireSession();
      return this.syncView();
    },
    audit_open: ({ pin }) => {
      if (this.officerPin === null) return { configured: false, entries: [], total: 0 };
      this.checkPin(pin, this.officerPin);
      return { configured: true, entries: this.auditEntries(), total: this.auditTotal };
    },
    audit_export: ({ pin }) => {
      if (this.officerPin === null) reject("invalid_input", this.m("pin_not_set"));
      this.checkPin(pin, this.officerPin);
      return { path: "/home/canbo/Tải về/dvclink-nhat-ky-20260316.csv", rows: this.auditTotal };
    },
    print_slip: ({ slip }) => {
      if (!this.canPrint) reject("refused", this.m("refused"));
      if (this.printerStopped) reject("error", this.m("printer_stopped"));
      this.printed.push(slip);
      return null;
    },
    card_readers: () => this.cardReadersView(),
    read_card: ({ input }) => this.readCard(input),
    take_notices: () => {
      const early = this.early;
      this.early = [];
      return early;
    },
  };

  constructor(opts: FakeShellOptions = {}) {
    this.homeLang = opts.lang ?? "vi";
    this.lang = this.homeLang;
    this.accounts = structuredClone(ACCOUNTS);
    this.sandbox = opts.sandbox ?? true;
    this.mode = opts.mode ?? "laptop";
    this.idleTimeout = this.mode === "kiosk" ? (opts.idleTimeout ?? 120) : 0;
    this.idleWarning = this.mode === "kiosk" ? (opts.idleWarning ?? 30) : 0;
    this.canPrint = opts.printer ?? false;
    this.dossierCount = opts.dossiers ?? 45;
    this.cached = opts.cached ?? this.dossierCount;
    this.syncState = {
      state: "done",
      done: this.dossierCount,
      total: this.dossierCount,
      last_synced_at: SYNCED_AT,
      offline: false,
      problem: null,
      ...opts.sync,
    };
    this.resendSecs = opts.resendSecs ?? 60;
    this.early = opts.notices ?? [];
    this.officerPin = opts.officerPin === undefined ? OFFICER_PIN : opts.officerPin;
    this.readers = opts.reader ? [READER] : [];
    this.cardPresent = (opts.reader ?? false) && (opts.card ?? false);
    this.cardOutcomes = [...(opts.cardOutcomes ?? [])];
    if (opts.offlineAsOf !== undefined) {
      this.startSession(opts.signedIn ?? "nguyenvanan", "vneid", true);
      this.offlineAsOf = opts.offlineAsOf;
      this.syncState = {
        ...this.syncState,
        state: "failed",
        offline: true,
        problem: this.p({ code: "unreachable", key: "unreachable" }),
        ...opts.sync,
      };
    } else if (opts.signedIn) {
      this.signIn(opts.signedIn, "portal_account");
    }
  }

  // ---- Test hooks ----

  /**
   * The next call of `cmd` rejects with `{ code, message }`; without a message, with the real
   * shell's text for `code` in the current language.
   */
  failNext(cmd: keyof Commands, code: ErrorCode & TextKey): void;
  failNext(cmd: keyof Commands, code: ErrorCode, message: string): void;
  failNext(cmd: keyof Commands, code: ErrorCode, message?: string): void {
    this.queue(cmd, (): never => {
      if (message !== undefined) reject(code, message);
      if (!isTextKey(code)) throw new Error(`failNext(${cmd}, ${code}) needs a message`);
      reject(code, this.m(code));
    });
  }

  /** The next call of `cmd` waits until the returned `release()` is called. */
  holdNext(cmd: keyof Commands): () => void {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queue(cmd, async (args) => {
      await gate;
      return this.run(cmd, args);
    });
    return () => {
      release();
    };
  }

  /** The next call of `cmd` is answered by `fn` instead of the fake. */
  queue<C extends keyof Commands>(cmd: C, fn: Handler<C>): void {
    const list = this.queued.get(cmd) ?? [];
    list.push(fn);
    this.queued.set(cmd, list);
  }

  /** How many times `cmd` was called (optionally only with this wizard/vneid/identity event). */
  count(cmd: keyof Commands, event?: string): number {
    return this.calls.filter((c) => c.cmd === cmd && (!event || eventOf(c.args) === event)).length;
  }

  last<C extends keyof Commands>(cmd: C): Extract<Call, { cmd: C }> | undefined {
    return [...this.calls].reverse().find((c): c is Extract<Call, { cmd: C }> => c.cmd === cmd);
  }

  /** The real shell's text for `key`, in the current language. */
  m(key: TextKey): string {
    return TEXTS[this.lang][key];
  }

  /** Signs `username` in, as a VNeID sign-in would; returns the SessionView. */
  signIn(username: string, method: SignInMethod, legacyLinked = true): SessionView | null {
    this.startSession(username, method, legacyLinked);
    return this.session();
  }

  private startSession(username: string, method: SignInMethod, legacyLinked: boolean): Session {
    const acc = this.demoAccount(username);
    this.sess = { username, method, legacyLinked, cccd: acc.cccd, refreshed: false };
    return this.sess;
  }

  /** The VNeID sign-in finishing: the views to emit as `vneid://changed`. */
  vneidWorking(): VneidView {
    this.vn = { phase: "working", task: this.vneidTask() };
    return this.vn;
  }

  vneidSignedIn(legacyLinked: boolean): VneidView {
    const task = this.vneidTask();
    const sess = this.startSession(legacyLinked ? "nguyenvanan" : "tranthibinh", "vneid", legacyLinked);
    if (!legacyLinked) sess.cccd = "079190004321";
    this.vn = { phase: "signed_in", task, legacy_linked: legacyLinked };
    return this.vn;
  }

  /** The sign-in failed with `code`; the failures a citizen can act on come with their steps. */
  vneidFailed(code: VneidTrouble | "expired" = "expired"): VneidView {
    const task = this.vneidTask();
    if (code === "expired") {
      this.vn = { phase: "failed", task, problem: this.p({ code, key: "vneid_expired" }), next_step: null };
      return this.vn;
    }
    const t = this.t();
    const next_step = {
      title: t[`vneid_${code}_title`],
      steps: t[`vneid_${code}_steps`].split("\n"),
      retry: code === "maintenance",
    };
    this.vn = { phase: "failed", task, problem: { code, message: t[`vneid_${code}`] }, next_step };
    return this.vn;
  }

  /** A sync page arrived: the view to emit as `sync://progress` (the cache then holds `done`). */
  syncProgress(done: number, total: number = this.dossierCount): SyncView {
    this.cached = Math.min(done, this.dossierCount);
    this.syncState = { ...this.syncState, state: "running", done, total, offline: false, problem: null };
    return this.syncView();
  }

  /** The sync finished: everything is in the cache. */
  syncDone(at = "16/03/2026 10:05"): SyncView {
    this.cached = this.dossierCount;
    this.syncState = { ...this.syncState, state: "done", done: this.dossierCount, total: this.dossierCount, last_synced_at: at };
    return this.syncView();
  }

  /** The sync stopped because the portal could not be reached. */
  syncOffline(): SyncView {
    this.syncState = { ...this.syncState, state: "failed", offline: true, problem: this.p({ code: "unreachable", key: "unreachable" }) };
    return this.syncView();
  }

  /**
   * The network came back while the saved copy was open: the kept sign-in goes through, the
   * session goes live (`session://changed` with `offline_as_of` null) and a sync starts; the test
   * then emits its progress. Returns the SessionView emitted.
   */
  goLive(): SessionView {
    this.offlineAsOf = null;
    this.networkBack = false;
    this.syncState = { ...this.syncState, state: "running", done: 0, total: null, offline: false, problem: null };
    const view = this.session();
    if (!view) throw new Error("goLive needs a session");
    this.emit("session://changed", view);
    return view;
  }

  /** The readers now, as `card_readers` answers and `card://readers` says. */
  cardReadersView(): CardReadersView {
    return { readers: [...this.readers], card_present: this.readers.length > 0 && this.cardPresent };
  }

  /** A card is placed on the reader (or taken away): the view to emit as `card://readers`. */
  placeCard(present = true): CardReadersView {
    this.cardPresent = present;
    return this.cardReadersView();
  }

  /** A reader is plugged in (or out): the view to emit as `card://readers`. */
  plugReader(plugged = true): CardReadersView {
    this.readers = plugged ? [READER] : [];
    if (!plugged) this.cardPresent = false;
    return this.cardReadersView();
  }

  /** The next read waits before its last step («Đang kiểm tra thẻ thật…») until `release()`. */
  holdCardRead(): () => void {
    let release = (): void => undefined;
    this.cardGate = new Promise<void>((resolve) => {
      release = () => {
        this.cardGate = null;
        resolve();
      };
    });
    return () => {
      release();
    };
  }

  /** Emits a shell event into the page, as Rust would, after the current command has answered. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.emitted.push({ event, payload } as Emitted);
    const send = this.emitter;
    if (send) {
      setTimeout(() => {
        send(event, payload).catch(() => undefined);
      }, 0);
    }
  }

  /** Emits a shell event into the page and waits until it is there (events sent during a command). */
  private async emitNow<E extends keyof Events>(event: E, payload: Events[E]): Promise<void> {
    this.emitted.push({ event, payload } as Emitted);
    if (this.emitter) await this.emitter(event, payload).catch(() => undefined);
  }

  // ---- The IPC entry ----

  /** A call from the page (`window.__ipc`); `__barrier` only waits for the calls before it. */
  async handle(cmd: string, args: unknown): Promise<unknown> {
    if (cmd === "__barrier") return null;
    if (!this.isCommand(cmd)) reject("error", `unknown command ${cmd}`);
    // The arguments are the page's: the contract types them, the handlers trust them.
    return this.call(cmd, args as never);
  }

  private isCommand(cmd: string): cmd is keyof Commands {
    return Object.hasOwn(this.commands, cmd);
  }

  private async call<C extends keyof Commands>(cmd: C, args: Commands[C]["args"]): Promise<Commands[C]["ok"]> {
    this.calls.push({ cmd, args } as Call);
    const next = this.queued.get(cmd)?.shift() as Handler<C> | undefined;
    if (next) return next(args);
    return this.run(cmd, args);
  }

  /** What the fake answers to `cmd`, without the queued behaviours. */
  run<C extends keyof Commands>(cmd: C, args: Commands[C]["args"]): Commands[C]["ok"] | Promise<Commands[C]["ok"]> {
    const handler: Handler<C> = this.commands[cmd];
    return handler(args);
  }

  // ---- Helpers ----

  private t(): (typeof TEXTS)[Lang] {
    return TEXTS[this.lang];
  }

  private p(ref: ProblemRef): Problem {
    return { code: ref.code, message: this.m(ref.key) };
  }

  private demoAccount(username: string): DemoAccount {
    const acc = this.accounts[username];
    if (!acc) throw new Error(`no demo account ${username}`);
    return acc;
  }

  private vneidTask(): Task {
    if (this.vn.phase === "idle") throw new Error("no VNeID sign-in under way");
    return this.vn.task;
  }

  /** Rejects a wrong officer PIN as the shell does: tries left, then five minutes locked. */
  private checkPin(pin: string, expected: string): void {
    if (Date.now() < this.pinLockedUntil) reject("invalid_input", this.m("pin_locked"));
    if (pin.trim() === expected) {
      this.pinFailures = 0;
      this.pinLockedUntil = 0;
      return;
    }
    this.pinFailures += 1;
    if (this.pinFailures >= PIN_TRIES) {
      this.pinFailures = 0;
      this.pinLockedUntil = Date.now() + PIN_LOCKED_FOR_MS;
      reject("invalid_input", this.m("pin_locking"));
    }
    const left = (PIN_TRIES - this.pinFailures) as 1 | 2 | 3 | 4;
    reject("invalid_input", this.m(`pin_wrong_${left}`));
  }

  private auditEntries(): AuditEntryView[] {
    const t = this.t();
    return AUDIT_LOG.map(([started, ended, secs, outcomes, by]) => ({
      started_at: started,
      ended_at: ended,
      duration_secs: secs,
      outcomes: outcomes.map((code) => ({ code, label: t[`audit_${code}`] })),
      ended_by: { code: by, label: t[`ended_${by}`] },
    }));
  }

  private appInfo(): AppInfo {
    return {
      version: "0.1.0",
      mode: this.mode,
      lang: this.lang,
      sandbox: this.sandbox,
      sandbox_sms_url: this.sandbox ? "http://127.0.0.1:8787/sandbox/sms" : null,
      portal_host: "dichvucong.gov.vn",
      vneid_host: "sso.dancuquocgia.gov.vn",
      idle_timeout_secs: this.idleTimeout,
      idle_warning_secs: this.idleWarning,
      can_print: this.canPrint,
    };
  }

  private requireSession(): Session {
    if (!this.sess) reject("not_signed_in", this.m("not_signed_in"));
    return this.sess;
  }

  /** `end_session`: signs out everywhere, forgets everything of the citizen, back to the kiosk's language. */
  private endSession(reason: EndReason): null {
    if (!(["button", "timeout"] as unknown[]).includes(reason)) reject("invalid_input", `bad reason ${reason}`);
    this.sess = null;
    this.vn = { phase: "idle" };
    this.wiz = null;
    this.idn = null;
    this.warned = new Set();
    this.lang = this.homeLang;
    // The saved copy of the citizen's dossiers is deleted too.
    this.cached = 0;
    this.syncState = { state: "never", done: 0, total: null, last_synced_at: null, offline: false, problem: null };
    this.emit("session://changed", null);
    return null;
  }

  private account(): AccountView {
    const s = this.requireSession();
    const acc = this.demoAccount(s.username);
    const t = this.t();
    const hasCccd = s.cccd !== null;
    const field = (key: FieldKey, value: string | null, verified = hasCccd): FieldView => ({
      key,
      label: t[`field_${key}`],
      value,
      verified: value !== null && verified,
    });
    return {
      username: s.method === "vneid" && !s.legacyLinked ? null : s.username,
      kind: acc.kind,
      kind_label: acc.kind === "official" ? t.kind_official : t.kind_citizen,
      full_name: acc.name,
      has_cccd: hasCccd,
      identity_level: hasCccd ? t.identity_level_2 : null,
      signed_in_with: s.method,
      legacy_linked: s.legacyLinked,
      fields: [
        field("full_name", acc.name),
        field("cccd", s.cccd),
        field("birth_date", acc.birth),
        field("sex", t[`sex_${acc.sex}`]),
        field("ethnicity", hasCccd ? "Kinh" : null),
        field("nationality", "Việt Nam"),
        field("home_town", hasCccd ? "Xã Đông Hội, huyện Đông Anh, thành phố Hà Nội" : null),
        field(
          "permanent_address",
          "Số 12 ngõ 68 đường Cầu Giấy, phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội",
          s.refreshed || hasCccd,
        ),
        field("current_address", "Số 12 ngõ 68 đường Cầu Giấy, Hà Nội", false),
      ],
    };
  }

  session(): SessionView | null {
    if (!this.sess) return null;
    return { method: this.sess.method, account: this.account(), offline_as_of: this.offlineAsOf };
  }

  // ---- The wizard ----

  private refuse(): never {
    reject("refused", this.m("refused"));
  }

  wizardView(): WizardView {
    const w = this.wiz;
    if (!w) this.refuse();
    const task = w.task;
    const problem = w.problem ? this.p(w.problem) : null;
    switch (w.step) {
      case "credentials":
        return { step: "credentials", task, username: w.username, problem };
      case "code":
        return {
          step: "code",
          task,
          masked_phone: this.demoAccount(w.username).phone,
          resend_in_secs: w.resendIn,
          expires_in_secs: 300,
          problem,
        };
      case "account_unavailable":
        // The shell shows the portal error that stopped the account from loading.
        return { step: "account_unavailable", task, problem: this.p({ code: "unreachable", key: "unreachable" }) };
      case "enter_cccd":
        return { step: "enter_cccd", task, account_name: this.demoAccount(w.username).name, entry: this.entry(w), problem };
      case "match_failed":
        return {
          step: "match_failed",
          task,
          account_name: this.demoAccount(w.username).name,
          entry: this.entry(w),
          failure: { kind: w.failure, message: this.m(w.failure) },
        };
      case "done":
        return { step: "done", task, outcome: w.outcome };
    }
  }

  private entry(state: CccdState): CccdEntryView {
    return {
      input: state.input,
      problem: state.entryProblem ? this.p({ code: state.entryProblem, key: state.entryProblem }) : null,
      warnings: state.warning ? [this.m("unknown_province")] : [],
    };
  }

  /** Where a CCCD number leads, for the wizard and the identity update alike. */
  private linkCccd(state: CccdState, input: string): "enter_cccd" | "match_failed" | "linked" {
    const digits = input.replace(/\s/g, "");
    state.input = input;
    state.entryProblem = null;
    state.problem = null;
    const result = CCCD_RESULTS[digits] ?? { failure: "unknown_number" };
    if ("problem" in result) {
      state.entryProblem = result.problem;
      return "enter_cccd";
    }
    if ("linked" in result && result.warning && !this.warned.has(digits)) {
      this.warned.add(digits);
      state.warning = true;
      return "enter_cccd";
    }
    state.warning = false;
    if ("failure" in result) {
      state.failure = result.failure;
      return "match_failed";
    }
    return "linked";
  }

  private wizard(input: WizardInput): WizardView {
    if (input.event === "start") {
      this.wiz = {
        step: "credentials",
        task: input.task,
        username: "",
        problem: null,
        input: "",
        entryProblem: null,
        warning: false,
        failure: "unknown_number",
        resendIn: 0,
        outcome: "skipped",
      };
      return this.wizardView();
    }
    const w = this.wiz;
    if (!w) this.refuse();
    w.problem = null;
    switch (input.event) {
      case "submit_password":
        if (w.step !== "credentials") this.refuse();
        w.username = input.username;
        if (!(input.username in this.accounts) || input.password !== PASSWORD) {
          w.problem = { code: "wrong_credentials", key: "wrong_credentials" };
        } else {
          w.step = "code";
          w.resendIn = this.resendSecs;
        }
        break;
      case "resend_code":
        if (w.step !== "code") this.refuse();
        w.resendIn = 60;
        break;
      case "change_account":
        w.step = "credentials";
        w.username = "";
        break;
      case "submit_code":
        if (w.step !== "code") this.refuse();
        if (input.code !== CODE) {
          w.problem = { code: "wrong_code", key: "wrong_code" };
        } else if (this.demoAccount(w.username).unavailable) {
          w.step = "account_unavailable";
        } else {
          this.signIn(w.username, "portal_account");
          if (this.demoAccount(w.username).cccd) {
            w.step = "done";
            w.outcome = "already_linked";
          } else {
            w.step = "enter_cccd";
          }
        }
        break;
      case "retry":
        if (w.step !== "account_unavailable") this.refuse();
        this.demoAccount(w.username).unavailable = false;
        this.signIn(w.username, "portal_account");
        w.step = "enter_cccd";
        break;
      case "submit_cccd": {
        if (w.step !== "enter_cccd") this.refuse();
        const next = this.linkCccd(w, input.input);
        if (next === "linked") {
          this.requireSession().cccd = input.input.replace(/\s/g, "");
          w.step = "done";
          w.outcome = "linked";
        } else {
          w.step = next;
        }
        break;
      }
      case "edit_cccd":
        if (w.step !== "match_failed") this.refuse();
        w.step = "enter_cccd";
        break;
      case "skip":
        if (w.step !== "enter_cccd" && w.step !== "match_failed") this.refuse();
        w.step = "done";
        w.outcome = "skipped";
        break;
    }
    return this.wizardView();
  }

  // ---- VNeID ----

  vneid(input: VneidInput): VneidView {
    switch (input.event) {
      case "start":
      case "reopen": {
        let task: Task;
        if (input.event === "start") {
          task = input.task;
        } else {
          if (this.vn.phase !== "waiting") this.refuse();
          task = this.vn.task;
        }
        this.vn = {
          phase: "waiting",
          task,
          opened_in: this.mode === "kiosk" ? "window" : "browser",
          host: "sso.dancuquocgia.gov.vn",
          url: "https://sso.dancuquocgia.gov.vn/auth/realms/citizen/protocol/openid-connect/auth?client_id=dvclink-desktop&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A49152%2Foauth%2Fcallback&state=Jq2c9x&code_challenge=5fL3oO&code_challenge_method=S256",
          expires_in_secs: 600,
          problem: null,
        };
        return this.vn;
      }
      case "cancel":
        this.vn = { phase: "idle" };
        return this.vn;
    }
  }

  // ---- Identity ----

  private identityView(): IdentityView {
    const s = this.requireSession();
    const i = this.idn;
    const account = this.account();
    const offlineAsOf = this.offlineAsOf ?? this.identityOfflineAsOf;
    if (!i) return { step: "viewing", account, notice: null, offline_as_of: offlineAsOf };
    switch (i.step) {
      case "viewing":
        return {
          step: "viewing",
          account,
          notice: i.notice ? { kind: i.notice, message: this.m("identity_updated") } : null,
          offline_as_of: offlineAsOf,
        };
      case "enter_cccd":
        return { step: "enter_cccd", account, entry: this.entry(i), problem: i.problem ? this.p(i.problem) : null };
      case "match_failed":
        return { step: "match_failed", account, entry: this.entry(i), failure: { kind: i.failure, message: this.m(i.failure) } };
      case "preview": {
        const cccd = s.cccd ?? i.input.replace(/\s/g, "");
        // What the population database gives: every field filled and verified.
        const fields = account.fields.map((f): FieldView => {
          if (f.key === "cccd") return { ...f, value: cccd, verified: true };
          if (f.value === null) {
            return { ...f, value: f.key === "ethnicity" ? "Kinh" : "Xã Đông Hội, huyện Đông Anh, thành phố Hà Nội", verified: true };
          }
          return { ...f, verified: true };
        });
        return { step: "preview", account, fields, problem: i.problem ? this.p(i.problem) : null };
      }
    }
  }

  private identity(input: IdentityInput): IdentityView {
    const s = this.requireSession();
    // The saved copy shows the account; changing it waits for the network.
    if (this.offlineAsOf !== null && input.event !== "open") reject("unreachable", this.m("unreachable"));
    const i: IdentityState = this.idn ?? {
      step: "viewing",
      notice: null,
      input: "",
      entryProblem: null,
      warning: false,
      problem: null,
      failure: "unknown_number",
    };
    this.idn = i;
    i.problem = null;
    switch (input.event) {
      case "open":
      case "cancel":
        i.step = "viewing";
        i.notice = null;
        break;
      case "begin":
        if (i.step !== "viewing") this.refuse();
        i.notice = null;
        i.input = "";
        i.entryProblem = null;
        i.step = s.cccd ? "preview" : "enter_cccd";
        break;
      case "submit_cccd": {
        if (i.step !== "enter_cccd") this.refuse();
        const next = this.linkCccd(i, input.input);
        i.step = next === "linked" ? "preview" : next;
        break;
      }
      case "edit_cccd":
        if (i.step !== "match_failed") this.refuse();
        i.step = "enter_cccd";
        break;
      case "confirm":
        if (i.step !== "preview") this.refuse();
        s.cccd ??= i.input.replace(/\s/g, "");
        s.refreshed = true;
        i.step = "viewing";
        i.notice = "updated";
        break;
    }
    return this.identityView();
  }

  // ---- Thông tin cá nhân corrected ----

  /** `update_personal({ change })`, as the shell: only an account not yet linked; emits the new session. */
  private updatePersonal(change: PersonalChange): SessionView {
    const s = this.requireSession();
    const texts = PERSONAL_TEXTS[this.lang];
    const name = change.full_name?.split(/\s+/).filter(Boolean).join(" ");
    if (name === "") reject("invalid_input", texts.name_empty);
    const birth = change.birth_date?.trim() ?? "";
    if (birth !== "" && !/^\d{2}\/\d{2}\/\d{4}$/.test(birth)) reject("invalid_input", texts.bad_birth);
    if (name === undefined && birth === "" && change.sex === undefined) reject("invalid_input", texts.nothing);
    if (s.cccd !== null) reject("invalid_input", texts.linked);
    const account = this.demoAccount(s.username);
    if (name !== undefined) account.name = name;
    if (birth !== "") account.birth = birth;
    if (change.sex !== undefined) account.sex = change.sex;
    // Thông tin định danh opens afresh from the corrected account.
    this.idn = null;
    const view = this.session();
    if (!view) throw new Error("a session was just checked");
    this.emit("session://changed", view);
    return view;
  }

  // ---- The chip card ----

  /** `read_card({ input })`, as the shell: the number and typed dates checked, then the card read. */
  private async readCard(input: CardInput): Promise<CardView> {
    const s = this.requireSession();
    const texts = CARD_TEXTS[this.lang];
    const account = this.demoAccount(s.username);
    if (!/^\d{12}$/.test(input.number.replace(/\s/g, ""))) reject("invalid_input", texts.number_first);
    const typed = (text: string | undefined): string | null => {
      const trimmed = text?.trim() ?? "";
      return trimmed === "" ? null : trimmed;
    };
    const birthTyped = typed(input.birth_date);
    const expiryTyped = typed(input.expiry);
    if (birthTyped !== null && !TYPED_DATE.test(birthTyped)) reject("invalid_input", texts.bad_birth);
    if (expiryTyped !== null && !TYPED_DATE.test(expiryTyped)) reject("invalid_input", texts.bad_expiry);
    const failed = (reason: Extract<CardView, { outcome: "failed" }>["reason"], birth: string | null = null): CardView => ({
      outcome: "failed",
      reason,
      message: texts[reason],
      birth_date: birth,
    });
    if (!this.cardReadersView().card_present) return failed("no_card");
    const steps = async (upTo: number): Promise<void> => {
      for (let i = 0; i < upTo; i += 1) {
        if (i === CARD_STEPS.length - 1 && this.cardGate) await this.cardGate;
        const progress: CardProgressView = { percent: at(CARD_STEPS, i), label: at(texts.progress, i) };
        await this.emitNow("card://progress", progress);
      }
    };
    let outcome = this.cardOutcomes[0] ?? "genuine";
    if (outcome === "locked" && expiryTyped === null) {
      await steps(1);
      return failed("locked", birthTyped ?? account.birth);
    }
    this.cardOutcomes.shift();
    if (outcome === "locked") outcome = "genuine";
    switch (outcome) {
      case "not_chip_card":
        return failed("not_chip_card");
      case "interrupted":
        await steps(2);
        return failed("interrupted");
      case "refused":
        await steps(CARD_STEPS.length);
        return failed("refused");
      case "genuine":
      case "unverified":
      case "expired":
        await steps(CARD_STEPS.length);
        return this.cardRead(s.username, outcome);
    }
  }

  /** A card read: the account's name, birth date and sex beside the card's, with the advice. */
  private cardRead(username: string, outcome: "genuine" | "unverified" | "expired"): CardView {
    const texts = CARD_TEXTS[this.lang];
    const t = this.t();
    const account = this.demoAccount(username);
    const card: DemoCard = CARDS[username] ?? {
      number: account.cccd ?? "079190004321",
      name: account.name,
      birth: account.birth,
      sex: account.sex,
    };
    const advice: CardAdvice[] = [];
    const nameDiffers = card.name !== account.name;
    if (nameDiffers) {
      const marksOnly = fold(card.name) === fold(account.name);
      advice.push({
        text: marksOnly ? texts.name_marks(account.name, card.name) : texts.name(account.name, card.name),
        blocks_link: !marksOnly,
      });
    }
    const birthDiffers = card.birth !== account.birth;
    if (birthDiffers) advice.push({ text: texts.birth(account.birth, card.birth), blocks_link: true });
    const sexDiffers = card.sex !== account.sex;
    const sex = (which: "male" | "female"): string => t[`sex_${which}`];
    if (sexDiffers) advice.push({ text: texts.sex(sex(account.sex), sex(card.sex)), blocks_link: true });
    return {
      outcome: "read",
      authenticity: outcome === "unverified" ? "unverified" : "genuine",
      authenticity_note: outcome === "unverified" ? texts.unverified : texts.genuine,
      number: card.number,
      rows: [
        { label: texts.row_name, account: account.name, card: card.name, differs: nameDiffers },
        { label: texts.row_birth, account: account.birth, card: card.birth, differs: birthDiffers },
        { label: texts.row_sex, account: sex(account.sex), card: sex(card.sex), differs: sexDiffers },
      ],
      advice,
      expired: outcome === "expired" ? texts.expired("11/05/2023") : null,
    };
  }

  // ---- Dossiers ----

  private status(code: StatusCode): StatusView {
    return { code, label: this.m(`status_${code}`) };
  }

  private summary(n: number): DossierSummary {
    const status = at(STATUS_CODES, (n - 1) % 10);
    const [, name, agency] = at(PROCEDURES, n % PROCEDURES.length);
    const r = receivedOn(n);
    const day = `${r.d}/${r.m}/${r.y}`;
    return {
      code: `000.00.15.H29-${String(r.y).slice(2)}${r.m}${r.d}-${pad(n, 4)}`,
      procedure_name: name,
      agency,
      status: this.status(status),
      channel: n % 3 === 0 ? this.m("channel_in_person") : this.m("channel_online"),
      received_at: status === 1 ? null : `${day} ${r.time}`,
      due_at: status >= 2 && status <= 6 ? `${r.plus(10)} 17:00` : null,
      updated_at: `${r.plus(n % 5)} 16:${pad((n * 11) % 60, 2)}`,
    };
  }

  /** The dossiers in the cache: the newest `cached`, each with what the search reads. */
  private cachedDossiers(): CachedRow[] {
    const s = this.requireSession();
    const linked = s.method === "portal_account" || s.legacyLinked;
    if (!linked) return [];
    const owner = this.demoAccount(s.username).name;
    const rows: CachedRow[] = [];
    for (let n = this.dossierCount; n > this.dossierCount - this.cached; n -= 1) {
      const d = this.summary(n);
      const r = receivedOn(n);
      rows.push({
        n,
        d,
        at: d.received_at ? `${r.y}-${r.m}-${r.d}T${r.time}` : null,
        words: words(`${d.code} ${d.procedure_name} ${d.agency} ${d.procedure_name} cho ông/bà ${owner}`),
      });
    }
    return rows;
  }

  syncView(): SyncView {
    return { ...this.syncState };
  }

  /** `dossiers({ query })`, as the contract says: every typed word as the start of a word. */
  private dossiers(query: DossierQuery): DossierListView {
    this.requireSession();
    if (!isDossierQuery(query)) reject("invalid_input", `bad query ${JSON.stringify(query)}`);
    const all = this.cachedDossiers();
    const typed = words(query.text);
    let rows = all.filter(
      (row) =>
        typed.every((t) => row.words.some((w) => w.startsWith(t))) &&
        (query.statuses.length === 0 || query.statuses.includes(row.d.status.code)) &&
        (query.from === null || (row.at !== null && row.at.slice(0, 10) >= query.from)) &&
        (query.to === null || (row.at !== null && row.at.slice(0, 10) <= query.to)),
    );
    // Newest received first, the ones not received yet last; oldest first is the reverse.
    rows.sort((a, b) => {
      if (a.at !== null && b.at !== null) return a.at === b.at ? b.n - a.n : a.at < b.at ? 1 : -1;
      if (a.at !== null) return -1;
      if (b.at !== null) return 1;
      return b.n - a.n;
    });
    if (query.order === "oldest_first") rows = rows.reverse();
    return {
      items: rows.slice(query.offset, query.offset + query.limit).map((row) => row.d),
      offset: query.offset,
      total: rows.length,
      cached: all.length,
      statuses: STATUS_CODES.map((code) => this.status(code)),
      sync: this.syncView(),
    };
  }

  /** `sync({ action })`: a start begins a run (the test emits its progress); a cancel stops it. */
  private sync(action: SyncAction): SyncView {
    this.requireSession();
    if (this.offlineAsOf !== null) {
      // On the saved copy a start tries the kept sign-in again at once; the answer is the view
      // as it stands, and the session goes live afterwards if the network is back.
      const view = this.syncView();
      if (action === "start") {
        this.resumeTries += 1;
        if (this.networkBack) this.goLive();
      }
      return view;
    }
    switch (action) {
      case "start":
        if (this.syncState.state !== "running") {
          this.syncState = { ...this.syncState, state: "running", done: 0, total: null, offline: false, problem: null };
        }
        break;
      case "cancel":
        if (this.syncState.state === "running") this.syncState = { ...this.syncState, state: "cancelled" };
        break;
    }
    return this.syncView();
  }

  private dossier(code: string): DossierDetailView {
    const s = this.requireSession();
    const n = Number(code.split("-").pop());
    if (!Number.isInteger(n) || n < 1 || n > this.dossierCount) reject("not_found", this.m("not_found"));
    const inCache = n > this.dossierCount - this.cached;
    // The saved copy does not hold it, and the portal waits for the network.
    if (this.offlineAsOf !== null && !inCache) reject("unreachable", this.m("unreachable"));
    const summary = this.summary(n);
    const [procedureCode] = at(PROCEDURES, n % PROCEDURES.length);
    const owner = this.demoAccount(s.username).name;
    // The rest is the portal's data, which the shell shows as it comes, in either language.
    return {
      ...summary,
      procedure_code: procedureCode,
      field_code: "G09-TP01",
      receipt_no: summary.received_at ? `BN-2024-${pad(n, 5)}` : null,
      owner,
      summary: `${summary.procedure_name} cho ông/bà ${owner}`,
      returned_at: summary.status.code === 10 ? summary.updated_at : null,
      fees: n % 2 === 0 ? [{ name: "Lệ phí", amount: "8.000 đ" }] : [],
      attachments: [
        { name: "Tờ khai theo mẫu", file_name: "to-khai.pdf" },
        { name: "Bản sao thẻ Căn cước công dân", file_name: null },
      ],
      results: summary.status.code >= 9 ? [{ name: "Giấy khai sinh (bản chính)", file_name: "ket-qua.pdf" }] : [],
      steps: [
        { at: summary.received_at ?? summary.updated_at, handler: "Nguyễn Thị Hoa", department: "Bộ phận Một cửa", content: "Tiếp nhận hồ sơ" },
        {
          at: summary.updated_at,
          handler: "Trần Văn Hùng",
          department: "Công chức Tư pháp - Hộ tịch",
          content: TEXTS.vi[`status_${summary.status.code as StatusCode}`],
        },
      ],
      as_of: this.offlineAsOf !== null ? (this.detailAsOf ?? this.syncState.last_synced_at ?? "") : this.detailAsOf,
    };
  }
}
