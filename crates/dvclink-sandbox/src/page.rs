//! The HTML the stand-in VNeID shows to people: the sign-in page with its password form and QR
//! code, the error page, and the signed-out page. Every value placed in the HTML is escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use qrcode::QrCode;
use qrcode::render::svg;

/// What the sign-in page shows.
#[derive(Debug)]
pub struct SignInPage<'a> {
    /// The realm's base URL, for form actions.
    pub realm: &'a str,
    pub host: &'a str,
    pub port: Option<u16>,
    pub client_name: &'a str,
    pub request: &'a str,
    pub error: Option<&'a str>,
    /// The number typed last time, kept after a failed attempt.
    pub cccd: &'a str,
    pub qr_token: Option<&'a str>,
    pub qr_url: Option<String>,
    pub qr_seconds_left: i64,
}

const STYLE: &str = "
body{margin:0;font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;background:#f4f6fa;color:#1b1f24;font-size:18px}
header{background:#b71c1c;color:#fff;padding:14px 24px}
header strong{font-size:26px;letter-spacing:1px}
.host{font-size:15px;margin-top:4px;opacity:.95}
.sandbox{background:#ffe082;color:#4e3500;padding:6px 24px;font-size:15px}
main{max-width:940px;margin:24px auto;padding:0 16px;display:flex;flex-wrap:wrap;gap:24px}
section{background:#fff;border-radius:10px;padding:20px 24px;flex:1 1 360px;box-shadow:0 1px 3px #0002}
h1,h2{font-size:22px;margin-top:0}
label{display:block;font-weight:600;margin:14px 0 6px}
input{font-size:20px;padding:10px;width:100%;box-sizing:border-box;border:2px solid #8a94a6;border-radius:6px}
input:focus,button:focus,a:focus{outline:3px solid #1565c0;outline-offset:2px}
button{font-size:19px;padding:12px 20px;min-height:48px;border-radius:6px;border:0;background:#b71c1c;color:#fff;margin-top:16px;cursor:pointer}
button.secondary{background:#e3e7ee;color:#1b1f24}
.error{background:#fdecea;border-left:5px solid #b71c1c;padding:12px 16px;margin:0 0 8px;flex-basis:100%}
.qr svg{width:220px;height:220px;display:block;margin:8px auto}
.token{font-family:monospace;font-size:20px;letter-spacing:2px}
.intro{flex-basis:100%;margin:0}
.cancel{flex-basis:100%;text-align:center}
a{color:#0d47a1}
";

pub fn sign_in_page(page: &SignInPage<'_>) -> Response {
    let host = match page.port {
        Some(port) => format!("{}:{port}", page.host),
        None => page.host.to_owned(),
    };
    let request = escape(page.request);
    let realm = escape(page.realm);
    let error = page.error.map_or(String::new(), |e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)));
    let qr = match (page.qr_token, &page.qr_url) {
        (Some(token), Some(url)) => {
            let svg = QrCode::new(url.as_bytes())
                .map(|code| code.render::<svg::Color<'_>>().min_dimensions(220, 220).build())
                .unwrap_or_default();
            format!(
                "<div class=\"qr\" role=\"img\" aria-label=\"Mã QR đăng nhập\">{svg}</div>
                <p>Mã: <span class=\"token\" id=\"qr-token\">{token}</span></p>
                <p id=\"qr-left\" aria-live=\"polite\">Mã còn hiệu lực <span id=\"qr-seconds\">{left}</span> giây.</p>",
                token = escape(token),
                left = page.qr_seconds_left,
            )
        }
        _ => String::new(),
    };
    let html = format!(
        "<!doctype html>
<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>Đăng nhập tài khoản định danh điện tử VNeID</title><style>{STYLE}</style></head>
<body>
<header><strong>VNeID</strong> · Đăng nhập tài khoản định danh điện tử
<div class=\"host\">Bạn đang ở trang: <b id=\"host\">{host}</b></div></header>
<div class=\"sandbox\">Môi trường thử nghiệm: đây là bản mô phỏng VNeID, không phải hệ thống thật.</div>
<main>
<p class=\"intro\">Ứng dụng <b>{client}</b> đề nghị bạn đăng nhập bằng tài khoản định danh điện tử.</p>
{error}
<section aria-labelledby=\"h-password\">
<h1 id=\"h-password\">Đăng nhập bằng mật khẩu</h1>
<form method=\"post\" action=\"{realm}/protocol/openid-connect/auth/login\">
<input type=\"hidden\" name=\"request\" value=\"{request}\">
<label for=\"cccd\">Số định danh cá nhân</label>
<input id=\"cccd\" name=\"cccd\" inputmode=\"numeric\" autocomplete=\"username\" required value=\"{cccd}\">
<label for=\"password\">Mật khẩu</label>
<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>
<button type=\"submit\" id=\"login\">Đăng nhập</button>
</form>
</section>
<section aria-labelledby=\"h-qr\">
<h2 id=\"h-qr\">Đăng nhập bằng mã QR</h2>
<p>Mở ứng dụng VNeID trên điện thoại, chọn «Quét mã QR», quét mã dưới đây rồi bấm «Xác nhận».</p>
{qr}
<form method=\"post\" action=\"{realm}/protocol/openid-connect/auth/qr\">
<input type=\"hidden\" name=\"request\" value=\"{request}\">
<button type=\"submit\" class=\"secondary\" id=\"qr-reload\">Tải lại mã QR</button>
</form>
<form method=\"post\" action=\"{realm}/protocol/openid-connect/auth/qr-complete\" id=\"qr-complete\">
<input type=\"hidden\" name=\"request\" value=\"{request}\">
<button type=\"submit\" class=\"secondary\">Tôi đã xác nhận trên điện thoại</button>
</form>
</section>
<p class=\"cancel\"><a id=\"cancel\" href=\"{realm}/protocol/openid-connect/auth/cancel?request={request}\">Hủy đăng nhập và quay lại ứng dụng</a></p>
</main>
<script>
(function () {{
  var left = {left};
  var seconds = document.getElementById('qr-seconds');
  var box = document.getElementById('qr-left');
  setInterval(function () {{
    if (left > 0) {{ left -= 1; if (seconds) {{ seconds.textContent = left; }} }}
    if (left === 0 && box) {{ box.textContent = 'Mã QR đã hết hạn. Hãy bấm «Tải lại mã QR».'; }}
  }}, 1000);
  setInterval(function () {{
    fetch('{realm}/protocol/openid-connect/auth/qr-status?request={request}', {{ cache: 'no-store' }})
      .then(function (r) {{ return r.json(); }})
      .then(function (s) {{ if (s.status === 'approved' || s.status === 'refused') {{ document.getElementById('qr-complete').submit(); }} }})
      .catch(function () {{}});
  }}, 2000);
}})();
</script>
</body></html>",
        host = escape(&host),
        client = escape(page.client_name),
        cccd = escape(page.cccd),
        left = page.qr_seconds_left,
    );
    Html(html).into_response()
}

/// The one-time code step after the password, with the way out when the code never comes.
pub fn otp_page(realm: &str, request: &str, error: Option<&str>) -> Response {
    let error = error.map_or(String::new(), |e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)));
    let html = format!(
        "<!doctype html>
<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>VNeID – Nhập mã xác thực</title><style>{STYLE}</style></head>
<body><header><strong>VNeID</strong> · Xác thực đăng nhập</header>
<div class=\"sandbox\">Môi trường thử nghiệm: đây là bản mô phỏng VNeID, không phải hệ thống thật.</div>
<main>{error}<section aria-labelledby=\"h-otp\"><h1 id=\"h-otp\">Nhập mã xác thực</h1>
<p>Mã xác thực (OTP) đã được gửi tới số điện thoại đăng ký với tài khoản định danh điện tử.</p>
<form method=\"post\" action=\"{realm}/protocol/openid-connect/auth/otp\">
<input type=\"hidden\" name=\"request\" value=\"{request}\">
<label for=\"code\">Mã xác thực</label>
<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required>
<button type=\"submit\" id=\"otp\">Xác nhận</button>
</form>
<p><a id=\"no-code\" href=\"{realm}/protocol/openid-connect/auth/no-code?request={request}\">Không nhận được mã?</a></p>
</section></main></body></html>",
        realm = escape(realm),
        request = escape(request),
    );
    Html(html).into_response()
}

pub fn error_page(status: StatusCode, message: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>VNeID – Không thể đăng nhập</title>
<style>{STYLE}</style></head><body><header><strong>VNeID</strong></header>
<main><section><h1>Không thể tiếp tục đăng nhập</h1><p role=\"alert\">{}</p></section></main></body></html>",
        escape(message)
    );
    (status, Html(html)).into_response()
}

pub fn signed_out_page() -> String {
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>VNeID – Đã đăng xuất</title>
<style>{STYLE}</style></head><body><header><strong>VNeID</strong></header>
<main><section><h1>Bạn đã đăng xuất khỏi VNeID</h1><p>Bạn có thể đóng cửa sổ này.</p></section></main></body></html>"
    )
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
