// A fake of the Rust shell for the UI tests: every command of src/types.ts, with the wizard,
// VNeID and identity machines behaving like the real ones on a few demo accounts, the saved copy
// of Hồ sơ đã nộp searched and filtered as the contract says, a sync the tests move on, messages
// in Vietnamese and English, and hooks to make a command fail, or wait until the test lets it go.

const PASSWORD = "Matkhau@123";
const CODE = "123456";

/** Demo accounts (like the sandbox personas). */
const ACCOUNTS = {
  nguyenvanan: { name: "Nguyễn Văn An", phone: "091****678", cccd: "001085012345", sex: "m", birth: "12/03/1985" },
  tranthibinh: { name: "Trần Thị Bình", phone: "098****321", cccd: null, sex: "f", birth: "21/07/1990" },
  vuquanghuy: { name: "Vũ Quang Huy", phone: "091****444", cccd: null, sex: "m", birth: "09/09/1988", official: true },
  loitaikhoan: { name: "Lê Thị Lan", phone: "090****000", cccd: null, sex: "f", birth: "01/01/1970", unavailable: true },
};

/** What «Cập nhật» gives for a CCCD number (digits only), on any account without one. */
const CCCD_RESULTS = {
  "079190004321": { linked: true },
  "079190999999": { failure: "unknown_number" },
  "079190004322": { failure: "mismatch_full_name" },
  "079190004323": { failure: "mismatch_birth_date" },
  "079090004324": { failure: "mismatch_sex" },
  "031082001122": { failure: "taken" },
  "099190004321": { warning: true, linked: true },
  "079190000000": { problem: "sex_mismatch" },
};

const M = {
  wrong_credentials: [
    "Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn 4 lần thử trước khi tài khoản bị tạm khóa.",
    "Wrong user name or password. 4 attempts left before the account is locked for a while.",
  ],
  wrong_code: ["Mã xác thực không đúng. Bạn còn 4 lần thử.", "Wrong verification code. 4 attempts left."],
  unreachable: [
    "Kết nối tới Cổng Dịch vụ công thất bại. Hãy kiểm tra mạng rồi thử lại; thông tin bạn đã nhập vẫn được giữ.",
    "Could not connect to the portal. Check the network and try again; what you typed is kept.",
  ],
  maintenance: [
    "Hệ thống đang bảo trì. Vui lòng thử lại sau ít phút; thông tin bạn đã nhập vẫn được giữ.",
    "The system is under maintenance. Please try again in a few minutes; what you typed is kept.",
  ],
  session_expired: [
    "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.",
    "Your session has expired. Please sign in again.",
  ],
  not_found: [
    "Không tìm thấy thông tin yêu cầu trên Cổng Dịch vụ công.",
    "The portal has no such record.",
  ],
  account_unavailable: [
    "Không tải được thông tin tài khoản từ Cổng Dịch vụ công. Hãy thử lại sau ít phút.",
    "Could not load the account from the portal. Please try again in a few minutes.",
  ],
  unknown_number: [
    "Không tìm thấy số CCCD này trong CSDL Quốc gia về Dân cư. Hãy đối chiếu từng chữ số với thẻ Căn cước; nếu số đúng, hãy liên hệ Công an xã, phường nơi cư trú.",
    "This CCCD number is not in the national population database. Compare each digit with your ID card; if it is right, contact the police office where you live.",
  ],
  mismatch_full_name: [
    "Họ và tên trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa họ tên trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
    "The full name on the account does not match the population database. Check the CCCD number; if it is right, correct your name in Personal information to match your ID card.",
  ],
  mismatch_birth_date: [
    "Ngày sinh trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa ngày sinh trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
    "The date of birth on the account does not match the population database. Check the CCCD number; if it is right, correct your date of birth in Personal information to match your ID card.",
  ],
  mismatch_sex: [
    "Giới tính trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa giới tính trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
    "The sex on the account does not match the population database. Check the CCCD number; if it is right, correct it in Personal information to match your ID card.",
  ],
  taken: [
    "Số CCCD này đã được liên kết với một tài khoản khác. Nếu bạn có tài khoản cũ khác, hãy đăng nhập bằng tài khoản đó; nếu không, hãy gọi tổng đài 18001096 để được hỗ trợ.",
    "This CCCD number is already linked to another account. If you have another old account, sign in with it; otherwise call the 18001096 helpline.",
  ],
  sex_mismatch: [
    "Chữ số thứ 4 của số CCCD cho biết giới tính nam, khác với tài khoản. Hãy kiểm tra lại số CCCD.",
    "The 4th digit of the CCCD number says male, unlike the account. Please check the number.",
  ],
  unknown_province: [
    "Ba chữ số đầu (099) không phải mã tỉnh, thành phố nào. Hãy kiểm tra lại số CCCD.",
    "The first three digits (099) are not a province code. Please check the number.",
  ],
  vneid_expired: [
    "Quá 10 phút chưa hoàn tất đăng nhập VNeID nên lượt đăng nhập đã hết hạn. Hãy bấm «Đăng nhập qua VNeID» lại.",
    "The VNeID sign-in was not finished within 10 minutes and has expired. Press «Sign in with VNeID» again.",
  ],
  identity_updated: [
    "Đã cập nhật thông tin định danh từ CSDL Quốc gia về Dân cư.",
    "Your identity information was updated from the national population database.",
  ],
  pin_locked: [
    "Đã nhập sai mã PIN 5 lần. Hãy thử lại sau 15 phút.",
    "The PIN was wrong 5 times. Please try again in 15 minutes.",
  ],
  pin_not_set: [
    "Máy này chưa đặt mã PIN của cán bộ (officer_pin trong tệp cấu hình).",
    "No officer PIN is set on this machine (officer_pin in the configuration file).",
  ],
  refused: [
    "Thao tác không phù hợp với bước hiện tại.",
    "That action does not fit the current step.",
  ],
};

const STATUS = [
  null,
  ["Mới đăng ký", "Newly registered"],
  ["Được tiếp nhận", "Accepted"],
  ["Không được tiếp nhận", "Not accepted"],
  ["Đang xử lý", "Being processed"],
  ["Yêu cầu bổ sung giấy tờ", "Additional documents requested"],
  ["Yêu cầu thực hiện nghĩa vụ tài chính", "Payment of fees requested"],
  ["Công dân yêu cầu rút hồ sơ", "Withdrawal requested by the citizen"],
  ["Dừng xử lý", "Processing stopped"],
  ["Đã xử lý xong", "Processed"],
  ["Đã trả kết quả", "Result returned"],
];

const PROCEDURES = [
  ["1.001193", "Đăng ký khai sinh", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["2.000908", "Cấp bản sao trích lục hộ tịch", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["1.004194", "Đăng ký thường trú", "Công an quận Cầu Giấy"],
  ["1.002804", "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Sở Giao thông vận tải thành phố Hà Nội"],
  ["2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "UBND phường Dịch Vọng, quận Cầu Giấy"],
  ["1.000894", "Đăng ký kết hôn", "UBND phường Yên Hòa, quận Cầu Giấy"],
  ["2.001417", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Sở Tư pháp thành phố Hà Nội"],
  ["2.000720", "Đăng ký thành lập hộ kinh doanh", "Phòng Tài chính - Kế hoạch quận Cầu Giấy"],
];

/** The officer PIN of the fake's configuration, unless a test says otherwise. */
export const OFFICER_PIN = "246810";

/** Labels of audit outcomes and of how a session ended, [vi, en]. */
const AUDIT_LABELS = {
  already_linked: ["Đã liên kết từ trước", "Already linked"],
  linked: ["Đã liên kết CCCD", "CCCD linked"],
  skipped: ["Bỏ qua liên kết", "Linking skipped"],
  match_failed: ["Đối chiếu không khớp", "Match failed"],
  vneid_signed_in: ["Đăng nhập VNeID", "Signed in with VNeID"],
  button: ["Nút «Kết thúc phiên»", "«End session» button"],
  timeout: ["Hết thời gian chờ", "Idle time-out"],
  sign_out: ["Đăng xuất", "Signed out"],
  restart: ["Khởi động lại", "Restart"],
};

/** The sample audit log, newest first: [started, ended, secs, outcomes, ended by]. */
const AUDIT_LOG = [
  ["16/03/2026 10:42:05", "16/03/2026 10:47:31", 326, ["match_failed", "linked"], "button"],
  ["16/03/2026 10:15:00", "16/03/2026 10:19:12", 252, ["vneid_signed_in"], "timeout"],
  ["16/03/2026 09:58:40", null, null, ["skipped"], "restart"],
  ["16/03/2026 08:02:11", "16/03/2026 09:05:13", 3782, ["already_linked"], "sign_out"],
  ["15/03/2026 16:30:00", "15/03/2026 16:30:45", 45, [], "timeout"],
];

const pad = (n, w) => String(n).padStart(w, "0");

/** When the last complete sync finished, unless a test says otherwise. */
export const SYNCED_AT = "15/03/2026 09:30";

/**
 * Text as the search compares it: lower case, without Vietnamese marks, đ as d (what
 * dvclink-core's `text::fold` does).
 */
export function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
}

/** The words of a text, folded. */
export function words(text) {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Dossier n was received about 0.9 days after dossier n-1, from 2 January 2023, in office hours. */
function receivedOn(n) {
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

export class FakeShell {
  /**
   * @param {object} [opts]
   * @param {boolean} [opts.sandbox] show the test-environment banner (default true)
   * @param {"laptop"|"kiosk"} [opts.mode]
   * @param {string|null} [opts.signedIn] a demo user name to start signed in with
   * @param {number} [opts.dossiers] how many dossiers the account has (default 45)
   * @param {number} [opts.cached] how many of them (the newest) the cache holds (default all)
   * @param {object} [opts.sync] the SyncView to start with, over a finished sync
   * @param {number} [opts.resendSecs] seconds before the first «Gửi lại mã» may be pressed (default 60)
   * @param {{level: string, message: string}[]} [opts.notices] notices from before the app started
   * @param {number} [opts.idleTimeout] `idle_timeout_secs` (kiosk default 120; laptop always 0)
   * @param {number} [opts.idleWarning] `idle_warning_secs` (kiosk default 30; laptop always 0)
   * @param {"vi"|"en"} [opts.lang] the kiosk's own language, which `end_session` goes back to
   * @param {string|null} [opts.officerPin] the officer PIN (default OFFICER_PIN; null: none set)
   */
  constructor(opts = {}) {
    this.homeLang = opts.lang ?? "vi";
    this.lang = this.homeLang;
    this.accounts = structuredClone(ACCOUNTS);
    this.sandbox = opts.sandbox ?? true;
    this.mode = opts.mode ?? "laptop";
    this.idleTimeout = this.mode === "kiosk" ? (opts.idleTimeout ?? 120) : 0;
    this.idleWarning = this.mode === "kiosk" ? (opts.idleWarning ?? 30) : 0;
    /** Sends a shell event into the page (set by openApp); events sent are kept in `emitted`. */
    this.emitter = null;
    this.emitted = [];
    this.dossierCount = opts.dossiers ?? 45;
    this.cached = opts.cached ?? this.dossierCount;
    /** The SyncView of the cache. */
    this.syncState = {
      state: "done",
      done: this.dossierCount,
      total: this.dossierCount,
      last_synced_at: SYNCED_AT,
      offline: false,
      problem: null,
      ...opts.sync,
    };
    /** `as_of` of every dossier detail. */
    this.detailAsOf = null;
    /** `offline_as_of` of the identity screen (the portal cannot be reached). */
    this.identityOfflineAsOf = null;
    this.resendSecs = opts.resendSecs ?? 60;
    /** Every command called, in order: { cmd, args }. */
    this.calls = [];
    /** One-shot behaviours per command: functions (args) => answer, run before the fake. */
    this.queued = new Map();
    this.wiz = null;
    this.vn = { phase: "idle" };
    this.idn = null;
    this.sess = null;
    this.warned = new Set();
    /** Notices from before the page listened (`take_notices`). */
    this.early = opts.notices ?? [];
    this.officerPin = opts.officerPin === undefined ? OFFICER_PIN : opts.officerPin;
    /** Wrong PINs in a row (five lock the log). */
    this.pinFailures = 0;
    /** How many sessions the whole log holds (the sample shows the newest five). */
    this.auditTotal = AUDIT_LOG.length;
    if (opts.signedIn) this.signIn(opts.signedIn, "portal_account");
  }

  // ---- Test hooks ----

  /** The next call of `cmd` rejects with `{ code, message }` (message from M by code when omitted). */
  failNext(cmd, code, message) {
    this.queue(cmd, () => {
      throw { code, message: message ?? this.m(code) };
    });
  }

  /** The next call of `cmd` waits until the returned `release()` is called. */
  holdNext(cmd) {
    let release;
    const gate = new Promise((resolve) => {
      release = resolve;
    });
    this.queue(cmd, async (args) => {
      await gate;
      return this.run(cmd, args);
    });
    return () => release();
  }

  queue(cmd, fn) {
    if (!this.queued.has(cmd)) this.queued.set(cmd, []);
    this.queued.get(cmd).push(fn);
  }

  /** How many times `cmd` was called (optionally only with this wizard/vneid/identity event). */
  count(cmd, event) {
    return this.calls.filter((c) => c.cmd === cmd && (!event || c.args?.input?.event === event)).length;
  }

  last(cmd) {
    return [...this.calls].reverse().find((c) => c.cmd === cmd);
  }

  /** Signs `username` in, as a VNeID sign-in would; returns the SessionView. */
  signIn(username, method, legacyLinked = true) {
    const acc = this.accounts[username];
    this.sess = { username, method, legacyLinked, cccd: acc.cccd, refreshed: false };
    return this.session();
  }

  /** The VNeID sign-in finishing: the views to emit as `vneid://changed`. */
  vneidWorking() {
    this.vn = { phase: "working", task: this.vn.task };
    return this.vn;
  }

  vneidSignedIn(legacyLinked) {
    this.signIn(legacyLinked ? "nguyenvanan" : "tranthibinh", "vneid", legacyLinked);
    if (!legacyLinked) this.sess.cccd = "079190004321";
    this.vn = { phase: "signed_in", task: this.vn.task, legacy_linked: legacyLinked };
    return this.vn;
  }

  /** A sync page arrived: the view to emit as `sync://progress` (the cache then holds `done`). */
  syncProgress(done, total = this.dossierCount) {
    this.cached = Math.min(done, this.dossierCount);
    this.syncState = { ...this.syncState, state: "running", done, total, offline: false, problem: null };
    return this.syncView();
  }

  /** The sync finished: everything is in the cache. */
  syncDone(at = "16/03/2026 10:05") {
    this.cached = this.dossierCount;
    this.syncState = { ...this.syncState, state: "done", done: this.dossierCount, total: this.dossierCount, last_synced_at: at };
    return this.syncView();
  }

  /** The sync stopped because the portal could not be reached. */
  syncOffline() {
    this.syncState = { ...this.syncState, state: "failed", offline: true, problem: this.p("unreachable") };
    return this.syncView();
  }

  vneidFailed() {
    this.vn = { phase: "failed", task: this.vn.task, problem: this.p("expired", "vneid_expired") };
    return this.vn;
  }

  /** Emits a shell event into the page, as Rust would, after the current command has answered. */
  emit(event, payload) {
    this.emitted.push({ event, payload });
    const send = this.emitter;
    if (send) setTimeout(() => void send(event, payload).catch(() => {}), 0);
  }

  /** `end_session`: signs out everywhere, forgets everything of the citizen, back to the kiosk's language. */
  endSession(reason) {
    if (reason !== "button" && reason !== "timeout") throw { code: "invalid_input", message: `bad reason ${reason}` };
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

  // ---- The IPC entry ----

  async handle(cmd, args) {
    if (cmd === "__barrier") return null;
    this.calls.push({ cmd, args });
    const queued = this.queued.get(cmd);
    if (queued?.length) return queued.shift()(args);
    return this.run(cmd, args);
  }

  run(cmd, args) {
    switch (cmd) {
      case "app_info":
        return this.appInfo();
      case "set_language":
        this.lang = args.lang;
        return this.appInfo();
      case "session":
        return this.session();
      case "sign_out":
        this.sess = null;
        this.vn = { phase: "idle" };
        return null;
      case "end_session":
        return this.endSession(args.reason);
      case "wizard":
        return this.wizard(args.input);
      case "wizard_view":
        return this.wizardView();
      case "vneid":
        return this.vneid(args.input);
      case "vneid_view":
        return this.vn;
      case "identity":
        return this.identity(args.input);
      case "identity_view":
        return this.identityView();
      case "dossiers":
        return this.dossiers(args.query);
      case "sync":
        return this.sync(args.action);
      case "sync_view":
        this.requireSession();
        return this.syncView();
      case "dossier":
        return this.dossier(args.code);
      case "audit_open":
        if (this.officerPin === null) return { configured: false, entries: [], total: 0 };
        this.checkPin(args.pin);
        return { configured: true, entries: this.auditEntries(), total: this.auditTotal };
      case "audit_export":
        if (this.officerPin === null) throw { code: "invalid_input", message: this.m("pin_not_set") };
        this.checkPin(args.pin);
        return { path: "/home/canbo/Tải về/dvclink-nhat-ky-20260316.csv", rows: this.auditTotal };
      case "take_notices": {
        const early = this.early;
        this.early = [];
        return early;
      }
      default:
        throw { code: "error", message: `unknown command ${cmd}` };
    }
  }

  // ---- Helpers ----

  /** Rejects a wrong officer PIN with how many tries are left, as the shell does. */
  checkPin(pin) {
    if (typeof pin !== "string") throw { code: "invalid_input", message: "bad pin" };
    if (this.pinFailures >= 5) throw { code: "invalid_input", message: this.m("pin_locked") };
    if (pin.trim() === this.officerPin) {
      this.pinFailures = 0;
      return;
    }
    this.pinFailures += 1;
    const left = 5 - this.pinFailures;
    if (left === 0) throw { code: "invalid_input", message: this.m("pin_locked") };
    const vi = this.lang === "vi";
    throw { code: "invalid_input", message: vi ? `Mã PIN không đúng. Còn ${left} lần thử.` : `Wrong PIN. ${left} tries left.` };
  }

  auditEntries() {
    const i = this.lang === "vi" ? 0 : 1;
    return AUDIT_LOG.map(([started, ended, secs, outcomes, by]) => ({
      started_at: started,
      ended_at: ended,
      duration_secs: secs,
      outcomes: outcomes.map((code) => ({ code, label: AUDIT_LABELS[code][i] })),
      ended_by: { code: by, label: AUDIT_LABELS[by][i] },
    }));
  }

  m(key) {
    const pair = M[key];
    if (!pair) return key;
    return pair[this.lang === "vi" ? 0 : 1];
  }

  p(code, key = code) {
    return { code, message: this.m(key) };
  }

  appInfo() {
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
    };
  }

  requireSession() {
    if (!this.sess) throw { code: "not_signed_in", message: this.m("session_expired") };
  }

  account() {
    const s = this.sess;
    const acc = this.accounts[s.username];
    const vi = this.lang === "vi";
    const hasCccd = s.cccd !== null;
    const verified = hasCccd;
    const field = (key, labelVi, labelEn, value, ver = verified) => ({
      key,
      label: vi ? labelVi : labelEn,
      value,
      verified: value !== null && ver,
    });
    return {
      username: s.method === "vneid" && !s.legacyLinked ? null : s.username,
      kind: acc.official ? "official" : "citizen",
      kind_label: acc.official ? (vi ? "Cán bộ, công chức" : "Official") : vi ? "Công dân" : "Citizen",
      full_name: acc.name,
      has_cccd: hasCccd,
      identity_level: hasCccd ? (vi ? "Định danh mức độ 2" : "Identification level 2") : null,
      signed_in_with: s.method,
      legacy_linked: s.legacyLinked,
      fields: [
        field("full_name", "Họ và tên", "Full name", acc.name),
        field("cccd", "Số định danh cá nhân", "Personal ID number", s.cccd),
        field("birth_date", "Ngày tháng năm sinh", "Date of birth", acc.birth),
        field("sex", "Giới tính", "Sex", acc.sex === "m" ? (vi ? "Nam" : "Male") : vi ? "Nữ" : "Female"),
        field("ethnicity", "Dân tộc", "Ethnicity", hasCccd ? "Kinh" : null),
        field("nationality", "Quốc tịch", "Nationality", vi ? "Việt Nam" : "Viet Nam"),
        field("home_town", "Quê quán", "Home town", hasCccd ? "Xã Đông Hội, huyện Đông Anh, thành phố Hà Nội" : null),
        field(
          "permanent_address",
          "Nơi thường trú",
          "Permanent address",
          "Số 12 ngõ 68 đường Cầu Giấy, phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội",
          s.refreshed || verified,
        ),
        field("current_address", "Nơi ở hiện nay", "Current address", "Số 12 ngõ 68 đường Cầu Giấy, Hà Nội", false),
      ],
    };
  }

  session() {
    if (!this.sess) return null;
    return { method: this.sess.method, account: this.account() };
  }

  // ---- The wizard ----

  wizardView() {
    const w = this.wiz;
    if (!w) throw { code: "refused", message: this.m("refused") };
    const task = w.task;
    const problem = w.problem ? this.p(w.problem.code, w.problem.key) : null;
    switch (w.step) {
      case "credentials":
        return { step: "credentials", task, username: w.username, problem };
      case "code":
        return { step: "code", task, masked_phone: this.accounts[w.username].phone, resend_in_secs: w.resendIn, expires_in_secs: 300, problem };
      case "account_unavailable":
        return { step: "account_unavailable", task, problem: this.p("unreachable", "account_unavailable") };
      case "enter_cccd":
        return { step: "enter_cccd", task, account_name: this.accounts[w.username].name, entry: this.entry(w), problem };
      case "match_failed":
        return {
          step: "match_failed",
          task,
          account_name: this.accounts[w.username].name,
          entry: this.entry(w),
          failure: { kind: w.failure, message: this.m(w.failure) },
        };
      case "done":
        return { step: "done", task, outcome: w.outcome };
    }
    throw new Error(`bad step ${w.step}`);
  }

  entry(w) {
    return {
      input: w.input,
      problem: w.entryProblem ? this.p(w.entryProblem) : null,
      warnings: w.warning ? [this.m("unknown_province")] : [],
    };
  }

  /** Where a CCCD number leads, for the wizard and the identity update alike. */
  linkCccd(state, input) {
    const digits = input.replace(/\s/g, "");
    state.input = input;
    state.entryProblem = null;
    state.problem = null;
    const result = CCCD_RESULTS[digits] ?? { failure: "unknown_number" };
    if (result.problem) {
      state.entryProblem = result.problem;
      return "enter_cccd";
    }
    if (result.warning && !this.warned.has(digits)) {
      this.warned.add(digits);
      state.warning = true;
      return "enter_cccd";
    }
    state.warning = false;
    if (result.failure) {
      state.failure = result.failure;
      return "match_failed";
    }
    return "linked";
  }

  wizard(input) {
    if (input.event === "start") {
      this.wiz = { step: "credentials", task: input.task, username: "", problem: null, input: "" };
      return this.wizardView();
    }
    const w = this.wiz;
    if (!w) throw { code: "refused", message: this.m("refused") };
    const refuse = () => {
      throw { code: "refused", message: this.m("refused") };
    };
    w.problem = null;
    switch (input.event) {
      case "submit_password":
        if (w.step !== "credentials") refuse();
        w.username = input.username;
        if (!this.accounts[input.username] || input.password !== PASSWORD) {
          w.problem = { code: "wrong_credentials", key: "wrong_credentials" };
        } else {
          w.step = "code";
          w.resendIn = this.resendSecs;
        }
        break;
      case "resend_code":
        if (w.step !== "code") refuse();
        w.resendIn = 60;
        break;
      case "change_account":
        w.step = "credentials";
        w.username = "";
        break;
      case "submit_code":
        if (w.step !== "code") refuse();
        if (input.code !== CODE) {
          w.problem = { code: "wrong_code", key: "wrong_code" };
        } else if (this.accounts[w.username].unavailable) {
          w.step = "account_unavailable";
        } else {
          this.signIn(w.username, "portal_account");
          if (this.accounts[w.username].cccd) {
            w.step = "done";
            w.outcome = "already_linked";
          } else {
            w.step = "enter_cccd";
          }
        }
        break;
      case "retry":
        if (w.step !== "account_unavailable") refuse();
        this.accounts[w.username] = { ...this.accounts[w.username], unavailable: false };
        this.signIn(w.username, "portal_account");
        w.step = "enter_cccd";
        break;
      case "submit_cccd": {
        if (w.step !== "enter_cccd") refuse();
        const next = this.linkCccd(w, input.input);
        if (next === "linked") {
          this.sess.cccd = input.input.replace(/\s/g, "");
          w.step = "done";
          w.outcome = "linked";
        } else {
          w.step = next;
        }
        break;
      }
      case "edit_cccd":
        if (w.step !== "match_failed") refuse();
        w.step = "enter_cccd";
        break;
      case "skip":
        if (w.step !== "enter_cccd" && w.step !== "match_failed") refuse();
        w.step = "done";
        w.outcome = "skipped";
        break;
      default:
        refuse();
    }
    return this.wizardView();
  }

  // ---- VNeID ----

  vneid(input) {
    switch (input.event) {
      case "start":
      case "reopen": {
        const task = input.event === "start" ? input.task : this.vn.task;
        if (input.event === "reopen" && this.vn.phase !== "waiting") throw { code: "refused", message: this.m("refused") };
        this.vn = {
          phase: "waiting",
          task,
          opened_in: this.mode === "kiosk" ? "window" : "browser",
          host: "sso.dancuquocgia.gov.vn",
          url:
            "https://sso.dancuquocgia.gov.vn/auth/realms/citizen/protocol/openid-connect/auth?client_id=dvclink-desktop&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A49152%2Foauth%2Fcallback&state=Jq2c9x&code_challenge=5fL3oO&code_challenge_method=S256",
          expires_in_secs: 600,
          problem: null,
        };
        return this.vn;
      }
      case "cancel":
        this.vn = { phase: "idle" };
        return this.vn;
    }
    throw { code: "invalid_input", message: "bad event" };
  }

  // ---- Identity ----

  identityView() {
    this.requireSession();
    const i = this.idn ?? { step: "viewing", notice: null };
    const account = this.account();
    switch (i.step) {
      case "viewing":
        return {
          step: "viewing",
          account,
          notice: i.notice ? { kind: i.notice, message: this.m("identity_updated") } : null,
          offline_as_of: this.identityOfflineAsOf,
        };
      case "enter_cccd":
        return { step: "enter_cccd", account, entry: this.entry(i), problem: i.problem ? this.p(i.problem) : null };
      case "match_failed":
        return { step: "match_failed", account, entry: this.entry(i), failure: { kind: i.failure, message: this.m(i.failure) } };
      case "preview": {
        const preview = this.account().fields.map((f) => ({ ...f, verified: f.value !== null }));
        const cccd = preview.find((f) => f.key === "cccd");
        cccd.value = this.sess.cccd ?? i.input.replace(/\s/g, "");
        cccd.verified = true;
        for (const f of preview) {
          if (f.value === null) {
            f.value = f.key === "ethnicity" ? "Kinh" : "Xã Đông Hội, huyện Đông Anh, thành phố Hà Nội";
            f.verified = true;
          }
        }
        return { step: "preview", account, fields: preview, problem: i.problem ? this.p(i.problem) : null };
      }
    }
    throw new Error(`bad identity step ${i.step}`);
  }

  identity(input) {
    this.requireSession();
    const i = this.idn ?? { step: "viewing", notice: null, input: "" };
    this.idn = i;
    const refuse = () => {
      throw { code: "refused", message: this.m("refused") };
    };
    i.problem = null;
    switch (input.event) {
      case "open":
      case "cancel":
        i.step = "viewing";
        i.notice = null;
        break;
      case "begin":
        if (i.step !== "viewing") refuse();
        i.notice = null;
        i.input = "";
        i.entryProblem = null;
        i.step = this.sess.cccd ? "preview" : "enter_cccd";
        break;
      case "submit_cccd": {
        if (i.step !== "enter_cccd") refuse();
        const next = this.linkCccd(i, input.input);
        i.step = next === "linked" ? "preview" : next;
        break;
      }
      case "edit_cccd":
        if (i.step !== "match_failed") refuse();
        i.step = "enter_cccd";
        break;
      case "confirm":
        if (i.step !== "preview") refuse();
        if (!this.sess.cccd) this.sess.cccd = i.input.replace(/\s/g, "");
        this.sess.refreshed = true;
        i.step = "viewing";
        i.notice = "updated";
        break;
      default:
        refuse();
    }
    return this.identityView();
  }

  // ---- Dossiers ----

  summary(n) {
    const vi = this.lang === "vi";
    const status = ((n - 1) % 10) + 1;
    const [, name, agency] = PROCEDURES[n % PROCEDURES.length];
    const r = receivedOn(n);
    const day = `${r.d}/${r.m}/${r.y}`;
    return {
      code: `000.00.15.H29-${String(r.y).slice(2)}${r.m}${r.d}-${pad(n, 4)}`,
      procedure_name: name,
      agency,
      status: { code: status, label: STATUS[status][vi ? 0 : 1] },
      channel: n % 3 === 0 ? (vi ? "Trực tiếp" : "In person") : vi ? "Trực tuyến" : "Online",
      received_at: status === 1 ? null : `${day} ${r.time}`,
      due_at: status >= 2 && status <= 6 ? `${r.plus(10)} 17:00` : null,
      updated_at: `${r.plus(n % 5)} 16:${pad((n * 11) % 60, 2)}`,
    };
  }

  /** The dossiers in the cache: the newest `cached`, each with what the search reads. */
  cachedDossiers() {
    const linked = this.sess.method === "portal_account" || this.sess.legacyLinked;
    if (!linked) return [];
    const owner = this.accounts[this.sess.username].name;
    const rows = [];
    for (let n = this.dossierCount; n > this.dossierCount - this.cached; n -= 1) {
      const d = this.summary(n);
      const r = receivedOn(n);
      rows.push({
        n,
        d,
        // "yyyy-mm-ddThh:mm": compares as text; null when not received yet.
        at: d.received_at ? `${r.y}-${r.m}-${r.d}T${r.time}` : null,
        words: words(`${d.code} ${d.procedure_name} ${d.agency} ${d.procedure_name} cho ông/bà ${owner}`),
      });
    }
    return rows;
  }

  syncView() {
    return { ...this.syncState };
  }

  statuses() {
    const vi = this.lang === "vi";
    return STATUS.slice(1).map((labels, i) => ({ code: i + 1, label: labels[vi ? 0 : 1] }));
  }

  /** `dossiers({ query })`, as the contract says: every typed word as the start of a word. */
  dossiers(query) {
    this.requireSession();
    const bad =
      typeof query !== "object" ||
      query === null ||
      typeof query.text !== "string" ||
      !Array.isArray(query.statuses) ||
      query.statuses.some((c) => !Number.isInteger(c) || c < 1 || c > 10) ||
      !(query.from === null || /^\d{4}-\d{2}-\d{2}$/.test(query.from)) ||
      !(query.to === null || /^\d{4}-\d{2}-\d{2}$/.test(query.to)) ||
      !["newest_first", "oldest_first"].includes(query.order) ||
      !Number.isInteger(query.offset) ||
      query.offset < 0 ||
      !Number.isInteger(query.limit) ||
      query.limit < 1 ||
      query.limit > 200 ||
      Object.keys(query).length !== 7;
    if (bad) throw { code: "invalid_input", message: `bad query ${JSON.stringify(query)}` };
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
      statuses: this.statuses(),
      sync: this.syncView(),
    };
  }

  /** `sync({ action })`: a start begins a run (the test emits its progress); a cancel stops it. */
  sync(action) {
    this.requireSession();
    if (action === "start") {
      if (this.syncState.state !== "running") {
        this.syncState = { ...this.syncState, state: "running", done: 0, total: null, offline: false, problem: null };
      }
    } else if (action === "cancel") {
      if (this.syncState.state === "running") this.syncState = { ...this.syncState, state: "cancelled" };
    } else {
      throw { code: "invalid_input", message: `bad action ${action}` };
    }
    return this.syncView();
  }

  dossier(code) {
    this.requireSession();
    const n = Number(code.split("-").pop());
    if (!Number.isInteger(n) || n < 1 || n > this.dossierCount) throw { code: "not_found", message: this.m("not_found") };
    const s = this.summary(n);
    const [procCode] = PROCEDURES[n % PROCEDURES.length];
    const vi = this.lang === "vi";
    return {
      ...s,
      procedure_code: procCode,
      field_code: "G09-TP01",
      receipt_no: s.received_at ? `BN-2024-${pad(n, 5)}` : null,
      owner: this.accounts[this.sess.username].name,
      summary: `${s.procedure_name} cho ông/bà ${this.accounts[this.sess.username].name}`,
      returned_at: s.status.code === 10 ? s.updated_at : null,
      fees: n % 2 === 0 ? [{ name: vi ? "Lệ phí" : "Fee", amount: "8.000 đ" }] : [],
      attachments: [
        { name: vi ? "Tờ khai theo mẫu" : "Application form", file_name: "to-khai.pdf" },
        { name: vi ? "Bản sao thẻ Căn cước công dân" : "Copy of the citizen ID card", file_name: null },
      ],
      results: s.status.code >= 9 ? [{ name: vi ? "Giấy khai sinh (bản chính)" : "Birth certificate (original)", file_name: "ket-qua.pdf" }] : [],
      steps: [
        { at: s.received_at ?? s.updated_at, handler: "Nguyễn Thị Hoa", department: vi ? "Bộ phận Một cửa" : "One-stop desk", content: vi ? "Tiếp nhận hồ sơ" : "Dossier received" },
        { at: s.updated_at, handler: "Trần Văn Hùng", department: vi ? "Công chức Tư pháp - Hộ tịch" : "Civil status officer", content: s.status.label },
      ],
      as_of: this.detailAsOf,
    };
  }
}
