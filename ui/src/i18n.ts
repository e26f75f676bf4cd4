// The UI's own words, in Vietnamese (the default) and English. Messages that come from Rust
// (`message` fields) are already in the chosen language and never pass through here.

import type { Lang, MatchFailureView, Task } from "./contract";

const vi = {
  appTitle: "Liên kết tài khoản Dịch vụ công",
  appSubtitle: "Cổng Dịch vụ công Quốc gia",
  skipToContent: "Bỏ qua, đến nội dung chính",
  langToggle: "English",
  langToggleLabel: "Switch to English",
  home: "Trang chủ",
  signOut: "Đăng xuất",
  signedInAs: "Đang đăng nhập",
  sandbox: "Môi trường thử nghiệm — dữ liệu không phải thật",
  sandboxSms: "Tin nhắn mã xác thực (thử nghiệm) xem tại:",
  close: "Đóng",
  back: "Quay lại",
  backHome: "Về trang chủ",
  retry: "Thử lại",
  cancel: "Hủy",
  loading: "Đang tải…",
  version: (v: string) => `Phiên bản ${v}`,

  // Busy words, shown next to a spinner.
  busySignIn: "Đang đăng nhập…",
  busyCheck: "Đang kiểm tra…",
  busySend: "Đang gửi…",
  busyOpen: "Đang mở…",
  busyUpdate: "Đang cập nhật…",
  busyLookup: "Đang tra cứu CSDL Quốc gia về Dân cư…",
  busyCancel: "Đang hủy…",
  busySignOut: "Đang đăng xuất…",
  busyLang: "Đang chuyển ngôn ngữ…",
  busyRetry: "Đang thử lại…",

  // Home.
  homeTitle: "Bạn cần làm gì?",
  homeIntro:
    "Ứng dụng giúp bạn liên kết tài khoản Cổng Dịch vụ công Quốc gia với số Căn cước công dân (CCCD), đăng nhập bằng VNeID, rồi xem hồ sơ đã nộp và thông tin cá nhân.",
  homeHintSignedOut: "Hãy bấm vào việc bạn cần làm. Ứng dụng sẽ hướng dẫn bạn đăng nhập từng bước.",
  homeHintSignedIn: (name: string) => `Bạn đang đăng nhập với tên ${name}. Hãy bấm vào việc bạn cần làm.`,
  homeHintOffline: (name: string) =>
    `Máy đang ngoại tuyến: bạn đang xem bản lưu của ${name} trên máy này. Hãy bấm vào việc bạn cần làm.`,
  offlineSessionLead: (name: string, at: string) => `Ngoại tuyến — ${name} · bản lưu trên máy lúc ${at}`,
  offlineSessionHelp:
    "Tìm kiếm hồ sơ và xem thông tin đã lưu vẫn dùng được. Những việc khác sẽ tự dùng lại được khi máy có mạng trở lại.",
  offlineRetrying:
    "Đang thử kết nối lại. Khi có mạng, ứng dụng tự đăng nhập lại và cập nhật hồ sơ; bạn không cần làm gì thêm.",
  choose: "Chọn",
  taskDossiers: "Hồ sơ đã nộp",
  taskDossiersHint: "Xem các hồ sơ bạn đã nộp và tình trạng giải quyết.",
  taskPersonal: "Thông tin cá nhân",
  taskPersonalHint: "Xem họ tên, tài khoản và cách bạn đăng nhập.",
  taskIdentity: "Thông tin định danh",
  taskIdentityHint: "Xem số CCCD và cập nhật thông tin từ CSDL Quốc gia về Dân cư.",

  // Sign-in choice.
  signinTitle: "Chọn cách đăng nhập",
  signinIntro: (task: string) => `Để xem «${task}», bạn cần đăng nhập. Hãy chọn một trong hai cách dưới đây.`,
  signinPortal: "Đăng nhập bằng tài khoản Cổng Dịch vụ công Quốc gia",
  signinPortalHint:
    "Dùng tên đăng nhập, mật khẩu và mã xác thực gửi qua tin nhắn tới điện thoại của bạn. Chọn cách này để liên kết tài khoản cũ với số CCCD.",
  signinVneid: "Đăng nhập qua VNeID",
  signinVneidHint:
    "Dùng tài khoản định danh điện tử VNeID. Hồ sơ đã nộp trước đây chỉ hiện ra khi tài khoản cũ đã được liên kết với số CCCD.",

  // The wizard.
  stepsLabel: "Các bước",
  stepSignIn: "Đăng nhập",
  stepCode: "Mã xác thực",
  stepCccd: "Số CCCD",
  stepOf: (n: number, total: number) => `Bước ${n} trên ${total}`,
  credentialsTitle: "Đăng nhập tài khoản Cổng Dịch vụ công Quốc gia",
  credentialsIntro: "Nhập tên đăng nhập và mật khẩu của tài khoản bạn đã dùng trên Cổng Dịch vụ công Quốc gia.",
  username: "Tên đăng nhập",
  password: "Mật khẩu",
  showPassword: "Hiện mật khẩu",
  hidePassword: "Ẩn mật khẩu",
  usernameEmpty: "Vui lòng nhập tên đăng nhập.",
  passwordEmpty: "Vui lòng nhập mật khẩu.",
  submitPassword: "Đăng nhập",
  codeTitle: "Nhập mã xác thực",
  codeSentTo: "Mã xác thực đã được gửi tới số điện thoại",
  codeHelp: "Mã gồm 6 chữ số, trong tin nhắn vừa gửi tới điện thoại của bạn.",
  codeExpiresIn: (time: string) => `Mã còn hiệu lực trong ${time}.`,
  codeExpired: "Mã đã hết hạn. Hãy bấm «Gửi lại mã» để nhận mã mới.",
  otp: "Mã xác thực",
  otpEmpty: "Vui lòng nhập mã xác thực gồm 6 chữ số.",
  otpNotDigits: "Mã xác thực chỉ gồm chữ số.",
  otpLength: (n: number) => `Mã xác thực có 6 chữ số, bạn đã nhập ${n} chữ số.`,
  submitCode: "Xác nhận",
  resend: "Gửi lại mã",
  resendIn: (time: string) => `Gửi lại mã (sau ${time})`,
  resent: "Đã gửi mã mới. Hãy xem tin nhắn trên điện thoại.",
  changeAccount: "Đổi tài khoản",
  unavailableTitle: "Chưa mở được tài khoản",
  unavailableIntro: "Bạn đã đăng nhập đúng, nhưng ứng dụng chưa tải được thông tin tài khoản.",
  enterCccdTitle: "Cập nhật số CCCD cho tài khoản",
  greeting: (name: string) => `Xin chào ${name}.`,
  whyCccd:
    "Theo quy định của Chính phủ, từ nay tài khoản Cổng Dịch vụ công Quốc gia được sử dụng thông qua tài khoản định danh điện tử VNeID.",
  whyCccd2:
    "Để giữ lại các hồ sơ và thông tin bạn đã thực hiện trước đây, hãy cập nhật số CCCD (số định danh cá nhân) cho tài khoản này. Nếu không cập nhật, dữ liệu của tài khoản cũ sẽ không sử dụng được nữa.",
  cccd: "Số CCCD (12 chữ số)",
  cccdHelp: "Số in ở mặt trước thẻ Căn cước công dân. Có thể gõ dấu cách giữa các nhóm số.",
  cccdEmpty: "Vui lòng nhập số CCCD gồm 12 chữ số, in ở mặt trước thẻ Căn cước.",
  cccdNotDigits: (found: string) => `Số CCCD chỉ gồm chữ số; hãy xóa ký tự «${found}».`,
  cccdOldCmnd: "Đây là số Chứng minh nhân dân cũ (9 số). Hãy nhập số CCCD gồm 12 chữ số.",
  cccdLength: (n: number) => `Số CCCD có 12 chữ số, bạn đã nhập ${n} chữ số. Hãy kiểm tra lại.`,
  warningsTitle: "Xin lưu ý",
  warningsAgain: "Nếu số đã đúng, hãy bấm «Cập nhật» một lần nữa để tiếp tục.",
  updateCccd: "Cập nhật",
  skip: "Bỏ qua",
  skipNote: "Nếu bỏ qua, bạn có thể cập nhật sau tại Thông tin cá nhân → Thông tin định danh.",
  typedNumber: "Số CCCD bạn đã nhập",
  nextStep: "Bạn nên làm gì tiếp theo",
  editCccd: "Nhập lại số CCCD",
  editCccdShort: "Nhập lại",

  // The chip CCCD card at the CCCD field (a card reader is connected).
  cardRead: "Đọc thẻ CCCD gắn chip",
  cardReadHint: "Nhập đủ 12 số CCCD trước, rồi bấm nút này: chip của thẻ mở bằng 9 số cuối. Ứng dụng đọc thẻ và đối chiếu với tài khoản.",
  busyCardRead: "Đang đọc thẻ…",
  cardReaderStatus: (reader: string, card: boolean) =>
    `Đầu đọc «${reader}» đã kết nối — ${card ? "đang có thẻ trên đầu đọc" : "chưa có thẻ"}.`,
  cardPlaceTitle: "Đặt thẻ lên đầu đọc",
  cardPlaceAuto: "Ứng dụng sẽ tự đọc thẻ ngay khi thẻ được đặt lên.",
  cardReadingTitle: "Đang đọc thẻ",
  cardReadingKeep: "Giữ yên thẻ trên đầu đọc cho đến khi đọc xong.",
  cardResultTitle: "Kết quả đọc thẻ CCCD",
  cardNumberFilled: (n: string) => `Đã điền số CCCD trên thẻ (${n}) vào ô Số CCCD. Hãy xem bảng dưới đây rồi bấm «Cập nhật».`,
  cardCompare: "Thông tin trên tài khoản và trên thẻ",
  cardColDetail: "Thông tin",
  cardColAccount: "Trên tài khoản",
  cardColCard: "Trên thẻ CCCD",
  cardDiffers: "Khác",
  cardSame: "Khớp",
  cardAdviceTitle: "Thông tin trên tài khoản khác với thẻ",
  cardBlocksLink: "Liên kết sẽ không thành công cho tới khi sửa",
  cardNotBlocking: "Vẫn liên kết được",
  cardAllSame: "Họ tên, ngày sinh và giới tính trên tài khoản khớp với thẻ.",
  cardNotChipTitle: "Không phải thẻ CCCD gắn chip",
  cardLockedTitle: "Chưa mở được chip của thẻ",
  cardInterruptedTitle: "Chưa đọc xong thẻ",
  cardRefusedTitle: "Thẻ bị từ chối",
  cardLockedLegend: "Ngày in trên thẻ",
  cardLockedHint: "Gõ theo dạng ngày/tháng/năm. Nếu thẻ ghi «Không thời hạn», hãy để trống ô ngày hết hạn.",
  cardBirth: "Ngày sinh trên thẻ",
  cardExpiry: "Ngày hết hạn trên thẻ",
  cardReadAgain: "Đọc lại",

  // VNeID.
  vneidWaitingTitle: "Đang chờ đăng nhập VNeID",
  vneidPageHost: "Trang đăng nhập thuộc:",
  vneidCheckHost:
    "Trước khi gõ mật khẩu, hãy kiểm tra địa chỉ của trang đăng nhập đúng là tên miền ở trên. Kẻ gian thường dùng trang VNeID giả để lừa đảo.",
  vneidBrowser: "Trang đăng nhập VNeID đã được mở trong trình duyệt. Đăng nhập xong, hãy quay lại cửa sổ này.",
  vneidBrowserUrl: "Nếu trình duyệt không mở, hãy chép địa chỉ dưới đây vào trình duyệt:",
  vneidWindow:
    "Hãy đăng nhập trong cửa sổ VNeID vừa mở: gõ số định danh cá nhân (số CCCD) và mật khẩu, hoặc quét mã QR bằng ứng dụng VNeID trên điện thoại.",
  vneidExpiresIn: (time: string) => `Lượt đăng nhập này còn hiệu lực trong ${time}.`,
  vneidReopen: "Mở lại trang đăng nhập",
  vneidReopenWindow: "Mở lại cửa sổ đăng nhập",
  vneidStillWaiting: "Ứng dụng đang chờ kết quả đăng nhập",
  vneidWorkingTitle: "Đang hoàn tất đăng nhập…",
  vneidWorkingIntro: "VNeID đã xác nhận. Ứng dụng đang mở tài khoản của bạn, xin chờ trong giây lát.",
  vneidFailedTitle: "Chưa đăng nhập được bằng VNeID",
  vneidRetry: "Thử lại",
  vneidSignInAgain: "Đăng nhập lại",
  printNextStep: "In hướng dẫn",
  printVisit: "In kết quả",
  printDossiers: "In danh sách hồ sơ",
  busyPrint: "Đang in…",
  printed: "Đã in xong. Mời bạn nhận phiếu ở máy in.",
  vneidOtherTask: "Chọn việc khác",
  vneidNextSteps: "Bạn cần làm gì tiếp theo",
  vneidSlow: "VNeID đang trả lời chậm hơn thường lệ. Xin chờ thêm; nếu không có trả lời, ứng dụng sẽ báo và cho bạn thử lại.",

  // Landing notices.
  landingLinked:
    "Tài khoản của bạn đã được liên kết với số CCCD. Từ lần sau, hãy chọn «Đăng nhập qua VNeID» để đăng nhập.",
  landingSkipped:
    "Bạn chưa cập nhật số CCCD. Bạn có thể cập nhật sau tại Thông tin cá nhân → Thông tin định danh.",
  landingVneidUnlinked:
    "Hồ sơ đã nộp trước đây chưa hiện ra vì tài khoản cũ chưa được liên kết. Để xem, hãy đăng nhập bằng tài khoản Cổng Dịch vụ công Quốc gia và cập nhật số CCCD.",

  // Personal information.
  personalTitle: "Thông tin cá nhân",
  accountSection: "Tài khoản",
  fullName: "Họ và tên",
  accountKind: "Loại tài khoản",
  usernameLabel: "Tên đăng nhập",
  noUsername: "Không có (chỉ dùng qua VNeID)",
  signInMethod: "Cách đăng nhập",
  methodPortal: "Tài khoản Cổng Dịch vụ công Quốc gia",
  methodVneid: "VNeID",
  identityLevel: "Mức định danh",
  noIdentityLevel: "Chưa định danh",
  legacyLinked: "Tài khoản cũ",
  legacyLinkedYes: "Đã liên kết",
  legacyLinkedNo: "Chưa liên kết",
  identitySection: "Thông tin định danh",
  openIdentity: "Xem và cập nhật thông tin định danh",
  empty: "Chưa có",
  verified: "Đã xác thực",
  verifiedLegend: "Thông tin có dấu ✓ Đã xác thực đã được đối chiếu với CSDL Quốc gia về Dân cư.",

  // «Sửa thông tin cá nhân».
  personalEdit: "Sửa thông tin cá nhân",
  personalEditWhy:
    "Họ tên, ngày sinh hoặc giới tính của tài khoản chưa đúng như trên thẻ CCCD? Hãy sửa lại trước khi cập nhật số CCCD.",
  personalFromDb: "Họ tên, ngày sinh và giới tính lấy từ CSDL Quốc gia về Dân cư nên không sửa ở đây.",
  personalEditHelp: "Hãy ghi đúng như trên thẻ CCCD của bạn: họ và tên có dấu, ngày sinh và giới tính.",
  birthDate: "Ngày sinh",
  birthDateHelp: "Ngày/tháng/năm, ví dụ 11/05/1978.",
  sex: "Giới tính",
  sexMale: "Nam",
  sexFemale: "Nữ",
  save: "Lưu",
  busySave: "Đang lưu…",
  personalNameEmpty: "Hãy nhập họ và tên như trên thẻ CCCD.",
  personalBirthEmpty: "Hãy nhập ngày sinh như trên thẻ CCCD, ví dụ 11/05/1978.",
  personalBirthFuture: "Ngày sinh không thể sau hôm nay. Hãy kiểm tra lại năm sinh.",
  personalNothing: "Chưa có gì để sửa.",
  personalSaved: "Đã lưu thông tin cá nhân. Bây giờ bạn có thể cập nhật số CCCD tại Thông tin định danh.",
  personalGoIdentity: "Đến Thông tin định danh",

  // Identity.
  identityTitle: "Thông tin định danh",
  identityNoCccd: "Tài khoản chưa có số CCCD. Hãy bấm nút dưới đây để cập nhật.",
  identityRefresh: "Cập nhật từ CSDL Quốc gia về Dân cư",
  identityEnterTitle: "Nhập số CCCD để cập nhật",
  identityEnterIntro:
    "Nhập số CCCD của bạn. Ứng dụng sẽ đối chiếu với CSDL Quốc gia về Dân cư rồi cho bạn xem thông tin trước khi cập nhật.",
  identityPreviewTitle: "Kiểm tra thông tin trước khi cập nhật",
  identityPreviewIntro:
    "Đây là thông tin của bạn trong CSDL Quốc gia về Dân cư. Nếu đúng, hãy bấm «Cập nhật» để lưu vào tài khoản. Chưa có gì thay đổi cho tới khi bạn bấm «Cập nhật».",
  identityConfirm: "Cập nhật",
  identityOfflineAt: (at: string) => `Thông tin dưới đây được lưu lúc ${at}.`,
  identityRefreshOffline:
    "Cần có mạng để cập nhật từ CSDL Quốc gia về Dân cư. Nút này sẽ dùng được khi máy có mạng trở lại.",

  // Dossiers.
  dossiersTitle: "Hồ sơ đã nộp",
  dossierCount: (n: string) => `${n} hồ sơ`,
  dossierShowing: (shown: string, total: string, oldest: boolean) =>
    `Đang hiển thị ${shown} trên ${total} hồ sơ, ${oldest ? "cũ" : "mới"} nhất ở trên.`,
  dossierShowingAll: (oldest: boolean) => `Đang hiển thị tất cả, ${oldest ? "cũ" : "mới"} nhất ở trên.`,
  dossiersFound: (n: string, cached: string) => `Tìm thấy ${n} trên ${cached} hồ sơ`,
  foundCount: (n: string) => `Tìm thấy ${n} hồ sơ.`,
  noMatch: "Không tìm thấy hồ sơ nào phù hợp.",
  noMatchHint: "Hãy thử từ khoá khác (gõ không dấu cũng được), hoặc xoá bộ lọc để xem tất cả hồ sơ.",
  dossiersNone: "Bạn chưa có hồ sơ nào.",
  dossiersNoneYet: "Chưa có hồ sơ nào được tải về máy. Hãy bấm «Tải tiếp».",
  dossiersNoneSaved: "Chưa có hồ sơ nào được lưu trên máy.",
  dossiersLoading: "Đang tải hồ sơ của bạn từ Cổng Dịch vụ công. Hồ sơ sẽ hiện ra ở đây ngay khi tải về.",
  searchLabel: "Tìm hồ sơ",
  searchHelp: "Gõ có dấu hay không dấu đều được, ví dụ: dang ky ket hon.",
  searchPlaceholder: "Mã hồ sơ, tên thủ tục, cơ quan…",
  statusFilter: "Trạng thái",
  allStatuses: "Tất cả trạng thái",
  dateFrom: "Từ ngày",
  dateTo: "Đến ngày",
  datesReversed: "«Từ ngày» phải trước hoặc trùng với «Đến ngày». Hãy sửa lại một trong hai ngày.",
  dateHint: "Gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2024.",
  datePlaceholder: "dd/mm/yyyy",
  dateFormat: "Chưa đúng dạng ngày. Hãy gõ ngày/tháng/năm, ví dụ 05/03/2024.",
  dateNotReal: (date: string) => `Không có ngày ${date} trên lịch. Hãy kiểm tra lại ngày và tháng.`,
  dateYear: "Năm phải từ 1900 đến 2100.",
  sortLabel: "Sắp xếp",
  newestFirst: "Mới nhất trước",
  oldestFirst: "Cũ nhất trước",
  clearFilters: "Xoá bộ lọc",
  syncNever: "Chưa tải hồ sơ từ Cổng Dịch vụ công.",
  syncStartFirst: "Tải hồ sơ",
  syncStarting: "Đang tải hồ sơ…",
  syncRunning: (done: string, total: string) => `Đang tải hồ sơ: ${done} / ${total}`,
  syncRunningSome: (done: string) => `Đang tải hồ sơ: ${done}`,
  syncCancel: "Dừng tải",
  busySyncCancel: "Đang dừng…",
  busySyncStart: "Đang bắt đầu…",
  syncDone: "Đã cập nhật",
  syncDoneAt: (at: string) => `Đã cập nhật lúc ${at}`,
  syncRefresh: "Cập nhật",
  syncCancelled: "Đã dừng tải. Danh sách có thể chưa đầy đủ.",
  syncResume: "Tải tiếp",
  syncFailedTitle: "Chưa tải xong hồ sơ",
  syncFailed: "Chưa tải được hồ sơ từ Cổng Dịch vụ công. Hãy thử lại sau ít phút.",
  offlineLead: "Không kết nối được với Cổng Dịch vụ công.",
  offlineSavedAt: (at: string) => `Bạn đang xem dữ liệu đã lưu lúc ${at}.`,
  offlineSavedPartly: "Bạn đang xem dữ liệu đã lưu trên máy, có thể chưa đầy đủ.",
  offlineNothingSaved: "Chưa có dữ liệu đã lưu trên máy.",
  savedCopy: "Dữ liệu đã lưu trên máy",
  savedCopyAt: (at: string) => `Dữ liệu đã lưu trên máy, cập nhật lúc ${at}`,
  more: "Xem thêm",
  moreCount: (n: number) => `Xem thêm ${n} hồ sơ`,
  received: "Ngày tiếp nhận",
  notReceived: "Chưa tiếp nhận",
  due: "Ngày hẹn trả",
  agency: "Cơ quan giải quyết",
  openDossier: "Xem chi tiết",
  backToList: "Quay lại danh sách hồ sơ",
  dossierTitle: "Chi tiết hồ sơ",
  generalSection: "Thông tin chung",
  code: "Mã hồ sơ",
  receiptNo: "Số biên nhận",
  procedure: "Thủ tục",
  procedureCode: "Mã thủ tục",
  fieldCode: "Mã lĩnh vực",
  owner: "Chủ hồ sơ",
  channel: "Hình thức nộp",
  status: "Tình trạng",
  returnedAt: "Ngày trả kết quả",
  updatedAt: "Cập nhật lần cuối",
  summary: "Trích yếu",
  stepsSection: "Quá trình xử lý",
  stepsNone: "Chưa có bước xử lý nào.",
  feesSection: "Phí, lệ phí",
  feesNone: "Không có phí, lệ phí.",
  attachmentsSection: "Giấy tờ đã nộp",
  attachmentsNone: "Không có giấy tờ đính kèm.",
  resultsSection: "Kết quả giải quyết",
  resultsNone: "Chưa có kết quả.",
  noFile: "chưa có tệp",

  // Errors.
  errorTitle: "Đã có lỗi xảy ra",
  errorUnreachable: "Chưa kết nối được",
  errorMaintenance: "Hệ thống đang bảo trì",
  errorNotFound: "Không tìm thấy",
  errorHint: "Bạn có thể bấm «Thử lại», hoặc về trang chủ. Nếu vẫn lỗi, hãy nhờ cán bộ một cửa hỗ trợ.",
  errorHintNoRetry: "Bạn có thể về trang chủ. Nếu cần, hãy nhờ cán bộ một cửa hỗ trợ.",
  sessionEnded: "Hãy đăng nhập lại để tiếp tục.",
  noticeLabel: "Thông báo",

  // Ending a kiosk session: «Kết thúc phiên», its confirmation, the idle warning, the notice after.
  endSession: "Kết thúc phiên",
  endConfirmTitle: "Kết thúc phiên làm việc?",
  endConfirmBody:
    "Thông tin của bạn sẽ được xoá khỏi máy này: tài khoản đang đăng nhập, những gì bạn đã nhập và các hồ sơ đã xem. Máy sẽ trở về màn hình chào cho người tiếp theo.",
  endConfirm: "Kết thúc phiên",
  endCancel: "Quay lại",
  busyEnd: "Đang kết thúc phiên…",
  idleTitle: "Bạn còn đang sử dụng máy không?",
  idleBody:
    "Đã một lúc không có thao tác nào. Để bảo vệ thông tin của bạn, phiên làm việc sẽ tự kết thúc và thông tin sẽ được xoá khỏi máy này.",
  idleCountdown: (time: string) => `Phiên sẽ kết thúc sau ${time}`,
  idleHint: "Nếu bạn vẫn đang sử dụng, hãy bấm «Tiếp tục».",
  idleContinue: "Tiếp tục",
  idleEnd: "Kết thúc phiên",
  sessionEndedTitle: "Đã kết thúc phiên",
  sessionEndedButton: "Phiên làm việc đã kết thúc. Thông tin của bạn đã được xoá khỏi máy này.",
  sessionEndedTimeout: (time: string) =>
    `Phiên làm việc đã kết thúc vì không có thao tác trong ${time}. Thông tin của bạn đã được xoá khỏi máy này.`,

  // Match failures: one title each.
  failUnknown: "Không tìm thấy số CCCD trong CSDL Quốc gia về Dân cư",
  failName: "Họ tên chưa khớp",
  failBirth: "Ngày sinh chưa khớp",
  failSex: "Giới tính chưa khớp",
  failTaken: "Số CCCD đã được liên kết với tài khoản khác",

  // The office's audit log (officers only, behind a PIN).
  officerLink: "Dành cho cán bộ",
  officerTitle: "Dành cho cán bộ",
  officerIntro: "Nhập mã PIN của cán bộ để xem nhật ký sử dụng máy này. Nhật ký không chứa thông tin cá nhân của người dân.",
  officerPin: "Mã PIN của cán bộ",
  officerPinEmpty: "Vui lòng nhập mã PIN.",
  officerOpen: "Mở nhật ký",
  officerNotConfiguredTitle: "Máy này chưa đặt mã PIN của cán bộ",
  officerNotConfigured: "Cần đặt officer_pin trong tệp cấu hình của ứng dụng, rồi khởi động lại ứng dụng.",
  auditTitle: "Nhật ký sử dụng máy",
  auditIntro: "Mỗi dòng là một phiên làm việc tại máy này, mới nhất ở trên. Nhật ký không chứa thông tin cá nhân.",
  auditCaption: "Các phiên làm việc, mới nhất ở trên",
  auditStarted: "Bắt đầu",
  auditEnded: "Kết thúc",
  auditDuration: "Thời lượng",
  auditOutcomes: "Kết quả",
  auditEndedBy: "Kết thúc bởi",
  auditRestart: "Ứng dụng khởi động lại",
  auditNone: "Không có",
  auditUnknown: "Không rõ",
  auditTotal: (n: string) => `Tổng số phiên trong nhật ký: ${n}.`,
  auditShowing: (shown: string, n: string) => `Đang hiển thị ${shown} phiên mới nhất trên tổng số ${n}.`,
  auditEmpty: "Chưa có phiên làm việc nào.",
  auditExport: "Xuất tệp CSV",
  busyExport: "Đang xuất tệp…",
  auditExported: (rows: string, path: string) => `Đã lưu ${rows} dòng vào: ${path}`,
  auditClose: "Đóng",

  // Reading and typing help: the large-text switch and the kiosk's number pad.
  largeText: "Chữ lớn",
  keypadLabel: (field: string) => `Bàn phím số: ${field}`,
  keypadDigit: (d: string) => `Số ${d}`,
  keypadBackspace: "Xoá",
  keypadBackspaceLabel: "Xoá chữ số trước con trỏ",
  keypadClear: "Xoá hết",
  keypadClearLabel: "Xoá hết các chữ số đã nhập",
  keypadSlashLabel: "Dấu gạch chéo /",

  // Time.
  seconds: (n: number) => `${n} giây`,
  minutesSeconds: (m: number, s: number) => (s === 0 ? `${m} phút` : `${m} phút ${s} giây`),
};

export type Dict = { [K in keyof typeof vi]: (typeof vi)[K] };

const en: Dict = {
  appTitle: "Public Services account linking",
  appSubtitle: "National Public Service Portal",
  skipToContent: "Skip to main content",
  langToggle: "Tiếng Việt",
  langToggleLabel: "Chuyển sang tiếng Việt",
  home: "Home",
  signOut: "Sign out",
  signedInAs: "Signed in",
  sandbox: "Test environment — the data is not real",
  sandboxSms: "Test text messages (verification codes) are at:",
  close: "Close",
  back: "Back",
  backHome: "Back to home",
  retry: "Try again",
  cancel: "Cancel",
  loading: "Loading…",
  version: (v: string) => `Version ${v}`,

  busySignIn: "Signing in…",
  busyCheck: "Checking…",
  busySend: "Sending…",
  busyOpen: "Opening…",
  busyUpdate: "Updating…",
  busyLookup: "Looking up the national population database…",
  busyCancel: "Cancelling…",
  busySignOut: "Signing out…",
  busyLang: "Changing the language…",
  busyRetry: "Trying again…",

  homeTitle: "What would you like to do?",
  homeIntro:
    "This app helps you link your National Public Service Portal account to your citizen ID number (CCCD), sign in with VNeID, and then see your submitted dossiers and personal information.",
  homeHintSignedOut: "Press the task you need. The app will guide you through signing in, step by step.",
  homeHintSignedIn: (name: string) => `You are signed in as ${name}. Press the task you need.`,
  homeHintOffline: (name: string) =>
    `This computer is offline: you are seeing the copy of ${name} saved on it. Press the task you need.`,
  offlineSessionLead: (name: string, at: string) => `Offline — ${name} · the copy saved on this computer at ${at}`,
  offlineSessionHelp:
    "Searching dossiers and the saved details still work. The rest comes back by itself when the network returns.",
  offlineRetrying:
    "Trying to connect again. When the network returns, the app signs in again and updates the dossiers by itself; there is nothing more to do.",
  choose: "Choose",
  taskDossiers: "Submitted dossiers",
  taskDossiersHint: "See the dossiers you submitted and how far they have got.",
  taskPersonal: "Personal information",
  taskPersonalHint: "See your name, your account and how you signed in.",
  taskIdentity: "Identity information",
  taskIdentityHint: "See your CCCD number and update your details from the national population database.",

  signinTitle: "Choose how to sign in",
  signinIntro: (task: string) => `To see «${task}», please sign in. Choose one of the two ways below.`,
  signinPortal: "Sign in with your National Public Service Portal account",
  signinPortalHint:
    "Use your user name, your password and a code sent by text message to your phone. Choose this to link your old account to your CCCD number.",
  signinVneid: "Sign in with VNeID",
  signinVneidHint:
    "Use your VNeID digital identity. Dossiers you submitted before appear only once your old account is linked to your CCCD number.",

  stepsLabel: "Steps",
  stepSignIn: "Sign in",
  stepCode: "Verification code",
  stepCccd: "CCCD number",
  stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
  credentialsTitle: "Sign in to your National Public Service Portal account",
  credentialsIntro: "Enter the user name and password of the account you used on the National Public Service Portal.",
  username: "User name",
  password: "Password",
  showPassword: "Show password",
  hidePassword: "Hide password",
  usernameEmpty: "Please enter your user name.",
  passwordEmpty: "Please enter your password.",
  submitPassword: "Sign in",
  codeTitle: "Enter the verification code",
  codeSentTo: "A verification code was sent to the phone number",
  codeHelp: "The code is 6 digits, in the text message just sent to your phone.",
  codeExpiresIn: (time: string) => `The code is valid for ${time}.`,
  codeExpired: "The code has expired. Press «Send a new code» to get a new one.",
  otp: "Verification code",
  otpEmpty: "Please enter the 6-digit verification code.",
  otpNotDigits: "The verification code has digits only.",
  otpLength: (n: number) => `The verification code has 6 digits; you entered ${n}.`,
  submitCode: "Confirm",
  resend: "Send a new code",
  resendIn: (time: string) => `Send a new code (in ${time})`,
  resent: "A new code was sent. Please check the text messages on your phone.",
  changeAccount: "Use another account",
  unavailableTitle: "Could not open your account",
  unavailableIntro: "You signed in correctly, but the app could not load your account yet.",
  enterCccdTitle: "Add your CCCD number to the account",
  greeting: (name: string) => `Hello, ${name}.`,
  whyCccd:
    "By government rule, the National Public Service Portal account is from now on used through the VNeID digital identity.",
  whyCccd2:
    "To keep the dossiers and information you completed before, add your CCCD number (personal ID number) to this account. Otherwise the old account's data can no longer be used.",
  cccd: "CCCD number (12 digits)",
  cccdHelp: "The number printed on the front of your citizen ID card. You may type spaces between groups of digits.",
  cccdEmpty: "Please enter your 12-digit CCCD number, printed on the front of your ID card.",
  cccdNotDigits: (found: string) => `A CCCD number has digits only; please remove «${found}».`,
  cccdOldCmnd: "This is an old 9-digit CMND number. Please enter your 12-digit CCCD number.",
  cccdLength: (n: number) => `A CCCD number has 12 digits; you entered ${n}. Please check it.`,
  warningsTitle: "Please note",
  warningsAgain: "If the number is right, press «Update» once more to go on.",
  updateCccd: "Update",
  skip: "Skip",
  skipNote: "If you skip, you can do it later at Personal information → Identity information.",
  typedNumber: "The CCCD number you entered",
  nextStep: "What to do next",
  editCccd: "Enter the CCCD number again",
  editCccdShort: "Enter again",

  cardRead: "Read the chip CCCD card",
  cardReadHint: "Type the 12 digits of the CCCD number first, then press this button: the card's chip opens with the last 9. The app reads the card and compares it with the account.",
  busyCardRead: "Reading the card…",
  cardReaderStatus: (reader: string, card: boolean) =>
    `Reader «${reader}» connected — ${card ? "a card is on it" : "no card on it"}.`,
  cardPlaceTitle: "Place the card on the reader",
  cardPlaceAuto: "The app reads the card as soon as it is placed.",
  cardReadingTitle: "Reading the card",
  cardReadingKeep: "Keep the card still on the reader until the reading is done.",
  cardResultTitle: "What the CCCD card says",
  cardNumberFilled: (n: string) => `The card's number (${n}) is now in the CCCD number field. Look at the table below, then press «Update».`,
  cardCompare: "The details on the account and on the card",
  cardColDetail: "Detail",
  cardColAccount: "On the account",
  cardColCard: "On the CCCD card",
  cardDiffers: "Different",
  cardSame: "Same",
  cardAdviceTitle: "The account differs from the card",
  cardBlocksLink: "Linking will fail until this is corrected",
  cardNotBlocking: "Linking still works",
  cardAllSame: "The name, birth date and sex on the account match the card.",
  cardNotChipTitle: "Not a chip CCCD card",
  cardLockedTitle: "The card's chip did not open",
  cardInterruptedTitle: "The reading did not finish",
  cardRefusedTitle: "Card refused",
  cardLockedLegend: "Dates printed on the card",
  cardLockedHint: "Type day/month/year. If the card says «Không thời hạn» (no expiry), leave the expiry date empty.",
  cardBirth: "Birth date on the card",
  cardExpiry: "Expiry date on the card",
  cardReadAgain: "Read again",

  vneidWaitingTitle: "Waiting for the VNeID sign-in",
  vneidPageHost: "The sign-in page belongs to:",
  vneidCheckHost:
    "Before you type your password, check that the address of the sign-in page is exactly the domain above. Fake VNeID pages are used for fraud.",
  vneidBrowser: "The VNeID sign-in page was opened in your web browser. When you have signed in, come back to this window.",
  vneidBrowserUrl: "If the browser did not open, copy this address into your browser:",
  vneidWindow:
    "Please sign in in the VNeID window that just opened: type your personal ID number (CCCD) and password, or scan the QR code with the VNeID app on your phone.",
  vneidExpiresIn: (time: string) => `This sign-in stays valid for ${time}.`,
  vneidReopen: "Open the sign-in page again",
  vneidReopenWindow: "Open the sign-in window again",
  vneidStillWaiting: "The app is waiting for the sign-in result",
  vneidWorkingTitle: "Finishing the sign-in…",
  vneidWorkingIntro: "VNeID has confirmed. The app is opening your account; please wait a moment.",
  vneidFailedTitle: "The VNeID sign-in did not succeed",
  vneidRetry: "Try again",
  vneidSignInAgain: "Sign in again",
  printNextStep: "Print the steps",
  printVisit: "Print the result",
  printDossiers: "Print the dossier list",
  busyPrint: "Printing…",
  printed: "Printed. Please take the slip from the printer.",
  vneidOtherTask: "Choose another task",
  vneidNextSteps: "What to do next",
  vneidSlow: "VNeID is answering more slowly than usual. Please wait; if no answer comes, the app will say so and let you try again.",

  landingLinked: "Your account is now linked to your CCCD number. Next time, choose «Sign in with VNeID» to sign in.",
  landingSkipped: "You have not added your CCCD number. You can do it later at Personal information → Identity information.",
  landingVneidUnlinked:
    "Dossiers you submitted before are not shown because your old account is not linked yet. To see them, sign in with your National Public Service Portal account and add your CCCD number.",

  personalTitle: "Personal information",
  accountSection: "Account",
  fullName: "Full name",
  accountKind: "Account type",
  usernameLabel: "User name",
  noUsername: "None (used through VNeID only)",
  signInMethod: "Signed in with",
  methodPortal: "National Public Service Portal account",
  methodVneid: "VNeID",
  identityLevel: "Identification level",
  noIdentityLevel: "Not identified",
  legacyLinked: "Old account",
  legacyLinkedYes: "Linked",
  legacyLinkedNo: "Not linked",
  identitySection: "Identity information",
  openIdentity: "See and update identity information",
  empty: "None",
  verified: "Verified",
  verifiedLegend: "Details marked ✓ Verified have been checked against the national population database.",

  personalEdit: "Correct personal details",
  personalEditWhy:
    "Are the name, birth date or sex on the account not as on your CCCD card? Correct them before adding your CCCD number.",
  personalFromDb: "The name, birth date and sex come from the national population database, so they are not changed here.",
  personalEditHelp: "Write them exactly as on your CCCD card: the full name with its Vietnamese marks, the birth date and the sex.",
  birthDate: "Date of birth",
  birthDateHelp: "Day/month/year, for example 11/05/1978.",
  sex: "Sex",
  sexMale: "Male",
  sexFemale: "Female",
  save: "Save",
  busySave: "Saving…",
  personalNameEmpty: "Type the full name as on the CCCD card.",
  personalBirthEmpty: "Type the birth date as on the CCCD card, for example 11/05/1978.",
  personalBirthFuture: "The birth date cannot be after today. Please check the year.",
  personalNothing: "Nothing to correct.",
  personalSaved: "Your personal details are saved. You can now add your CCCD number in Identity information.",
  personalGoIdentity: "Go to Identity information",

  identityTitle: "Identity information",
  identityNoCccd: "The account has no CCCD number yet. Press the button below to add it.",
  identityRefresh: "Update from the national population database",
  identityEnterTitle: "Enter your CCCD number to update",
  identityEnterIntro:
    "Enter your CCCD number. The app checks it against the national population database and shows you the details before anything is updated.",
  identityPreviewTitle: "Check the details before updating",
  identityPreviewIntro:
    "These are your details in the national population database. If they are right, press «Update» to save them to your account. Nothing changes until you press «Update».",
  identityConfirm: "Update",
  identityOfflineAt: (at: string) => `The details below were saved at ${at}.`,
  identityRefreshOffline:
    "Updating from the national population database needs the network. This button works again when the network returns.",

  dossiersTitle: "Submitted dossiers",
  dossierCount: (n: string) => `${n} ${n === "1" ? "dossier" : "dossiers"}`,
  dossierShowing: (shown: string, total: string, oldest: boolean) =>
    `Showing ${shown} of ${total}, ${oldest ? "oldest" : "newest"} first.`,
  dossierShowingAll: (oldest: boolean) => `Showing all, ${oldest ? "oldest" : "newest"} first.`,
  dossiersFound: (n: string, cached: string) => `Found ${n} of ${cached} dossiers`,
  foundCount: (n: string) => (n === "1" ? "Found 1 dossier." : `Found ${n} dossiers.`),
  noMatch: "No dossier matches.",
  noMatchHint: "Try other words (Vietnamese marks are optional), or clear the filters to see every dossier.",
  dossiersNone: "You have no dossiers yet.",
  dossiersNoneYet: "No dossiers have been downloaded yet. Press «Continue».",
  dossiersNoneSaved: "No dossiers are saved on this computer yet.",
  dossiersLoading: "Loading your dossiers from the National Public Service Portal. They will appear here as soon as they arrive.",
  searchLabel: "Search dossiers",
  searchHelp: "With or without Vietnamese marks, for example: dang ky ket hon.",
  searchPlaceholder: "Dossier code, procedure, agency…",
  statusFilter: "Status",
  allStatuses: "All statuses",
  dateFrom: "From",
  dateTo: "To",
  datesReversed: "«From» must be on or before «To». Please correct one of the two dates.",
  dateHint: "Type the date as day/month/year, for example 05/03/2024.",
  datePlaceholder: "dd/mm/yyyy",
  dateFormat: "This is not a date yet. Please type day/month/year, for example 05/03/2024.",
  dateNotReal: (date: string) => `There is no such day as ${date}. Please check the day and the month.`,
  dateYear: "The year must be from 1900 to 2100.",
  sortLabel: "Order",
  newestFirst: "Newest first",
  oldestFirst: "Oldest first",
  clearFilters: "Clear filters",
  syncNever: "Your dossiers have not been loaded from the portal yet.",
  syncStartFirst: "Load dossiers",
  syncStarting: "Loading dossiers…",
  syncRunning: (done: string, total: string) => `Loading dossiers: ${done} / ${total}`,
  syncRunningSome: (done: string) => `Loading dossiers: ${done}`,
  syncCancel: "Stop",
  busySyncCancel: "Stopping…",
  busySyncStart: "Starting…",
  syncDone: "Up to date",
  syncDoneAt: (at: string) => `Updated at ${at}`,
  syncRefresh: "Update",
  syncCancelled: "Stopped. The list may be incomplete.",
  syncResume: "Continue",
  syncFailedTitle: "Not all dossiers could be loaded",
  syncFailed: "Could not load the dossiers from the portal. Please try again in a few minutes.",
  offlineLead: "Could not connect to the National Public Service Portal.",
  offlineSavedAt: (at: string) => `You are seeing the data saved at ${at}.`,
  offlineSavedPartly: "You are seeing the data saved on this computer; it may be incomplete.",
  offlineNothingSaved: "No data is saved on this computer yet.",
  savedCopy: "Saved on this computer",
  savedCopyAt: (at: string) => `Saved on this computer, last updated at ${at}`,
  more: "Show more",
  moreCount: (n: number) => `Show ${n} more`,
  received: "Received",
  notReceived: "Not received yet",
  due: "Due",
  agency: "Handled by",
  openDossier: "See details",
  backToList: "Back to the list of dossiers",
  dossierTitle: "Dossier details",
  generalSection: "General information",
  code: "Dossier code",
  receiptNo: "Receipt number",
  procedure: "Procedure",
  procedureCode: "Procedure code",
  fieldCode: "Field code",
  owner: "Applicant",
  channel: "Submitted",
  status: "Status",
  returnedAt: "Result returned",
  updatedAt: "Last updated",
  summary: "Summary",
  stepsSection: "Processing steps",
  stepsNone: "No processing steps yet.",
  feesSection: "Fees",
  feesNone: "No fees.",
  attachmentsSection: "Documents submitted",
  attachmentsNone: "No documents attached.",
  resultsSection: "Results",
  resultsNone: "No results yet.",
  noFile: "no file yet",

  errorTitle: "Something went wrong",
  errorUnreachable: "Could not connect",
  errorMaintenance: "The system is under maintenance",
  errorNotFound: "Not found",
  errorHint: "You can press «Try again» or go back to the home page. If it keeps failing, ask the desk officer for help.",
  errorHintNoRetry: "You can go back to the home page. If needed, ask the desk officer for help.",
  sessionEnded: "Please sign in again to continue.",
  noticeLabel: "Notice",

  endSession: "End session",
  endConfirmTitle: "End the session?",
  endConfirmBody:
    "Your information will be removed from this machine: the account signed in, what you typed and the dossiers you looked at. The machine then goes back to the welcome screen for the next person.",
  endConfirm: "End session",
  endCancel: "Go back",
  busyEnd: "Ending the session…",
  idleTitle: "Are you still using this machine?",
  idleBody:
    "Nothing has been done for a while. To protect your information, the session will end by itself and your information will be removed from this machine.",
  idleCountdown: (time: string) => `The session will end in ${time}`,
  idleHint: "If you are still using it, press «Continue».",
  idleContinue: "Continue",
  idleEnd: "End session now",
  sessionEndedTitle: "Session ended",
  sessionEndedButton: "The session has ended. Your information has been removed from this machine.",
  sessionEndedTimeout: (time: string) =>
    `The session ended because nothing was done for ${time}. Your information has been removed from this machine.`,

  failUnknown: "The CCCD number is not in the national population database",
  failName: "The full name does not match",
  failBirth: "The date of birth does not match",
  failSex: "The sex does not match",
  failTaken: "The CCCD number is already linked to another account",

  officerLink: "For officers",
  officerTitle: "For officers",
  officerIntro: "Enter the officer PIN to see the usage log of this machine. The log holds no personal data of citizens.",
  officerPin: "Officer PIN",
  officerPinEmpty: "Please enter the PIN.",
  officerOpen: "Open the log",
  officerNotConfiguredTitle: "No officer PIN is set on this machine",
  officerNotConfigured: "Set officer_pin in the app's configuration file, then restart the app.",
  auditTitle: "Usage log of this machine",
  auditIntro: "Each row is one session at this machine, newest first. The log holds no personal data.",
  auditCaption: "Sessions, newest first",
  auditStarted: "Started",
  auditEnded: "Ended",
  auditDuration: "Duration",
  auditOutcomes: "Outcome",
  auditEndedBy: "Ended by",
  auditRestart: "App restarted",
  auditNone: "None",
  auditUnknown: "Unknown",
  auditTotal: (n: string) => `Sessions in the whole log: ${n}.`,
  auditShowing: (shown: string, n: string) => `Showing the newest ${shown} of ${n} sessions.`,
  auditEmpty: "No sessions yet.",
  auditExport: "Export as CSV",
  busyExport: "Exporting…",
  auditExported: (rows: string, path: string) => `Saved ${rows} rows to: ${path}`,
  auditClose: "Close",

  largeText: "Large text",
  keypadLabel: (field: string) => `Number pad: ${field}`,
  keypadDigit: (d: string) => `Digit ${d}`,
  keypadBackspace: "Delete",
  keypadBackspaceLabel: "Delete the digit before the cursor",
  keypadClear: "Clear all",
  keypadClearLabel: "Clear all the digits typed",
  keypadSlashLabel: "Slash /",

  seconds: (n: number) => `${n} ${n === 1 ? "second" : "seconds"}`,
  minutesSeconds: (m: number, s: number) =>
    `${m} ${m === 1 ? "minute" : "minutes"}${s === 0 ? "" : ` ${s} ${s === 1 ? "second" : "seconds"}`}`,
};

const DICTS: Record<Lang, Dict> = { vi, en };

let current: Lang = "vi";

/** The words of the current language. */
export function tr(): Dict {
  return DICTS[current];
}

export function lang(): Lang {
  return current;
}

/** Switches the UI's words and the page's `lang` attribute (screen readers pick their voice by it). */
export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  document.title = DICTS[next].appTitle;
}

/** 1200 → "1.200" in Vietnamese, "1,200" in English. */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, current === "vi" ? "." : ",");
  return n < 0 ? `-${grouped}` : grouped;
}

/** A length of time as a clock: 75 → "01:15", 3725 → "1:02:05". */
export function formatClock(totalSecs: number): string {
  const secs = Math.max(0, Math.round(totalSecs));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const two = (n: number): string => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** 75 → "1 phút 15 giây". */
export function formatDuration(totalSecs: number): string {
  const secs = Math.max(0, Math.ceil(totalSecs));
  const t = tr();
  if (secs < 60) return t.seconds(secs);
  return t.minutesSeconds(Math.floor(secs / 60), secs % 60);
}

export function taskLabel(task: Task): string {
  const t = tr();
  switch (task.kind) {
    case "submitted_dossiers":
    case "dossier_detail":
      return t.taskDossiers;
    case "personal_info":
      return t.taskPersonal;
    case "identity_info":
      return t.taskIdentity;
  }
}

export function failureTitle(kind: MatchFailureView["kind"]): string {
  const t = tr();
  switch (kind) {
    case "unknown_number":
      return t.failUnknown;
    case "mismatch_full_name":
      return t.failName;
    case "mismatch_birth_date":
      return t.failBirth;
    case "mismatch_sex":
      return t.failSex;
    case "taken":
      return t.failTaken;
  }
}
