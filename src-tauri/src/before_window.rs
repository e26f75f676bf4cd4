//! What the app says before it has a window: `--help`, `--version`, a configuration it cannot
//! use, and (on Windows) a missing WebView2 runtime. It goes to the terminal, and on Windows,
//! where a windowed program has no terminal to write to, also into a native message box, so
//! that nobody sees the app silently fail to open.

use crate::config::ENV_KEYS;

/// What the command line asks for, besides starting the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Help,
    Version,
}

impl Asked {
    /// `--help`/`-h` or `--version`/`-V`, anywhere among the arguments.
    pub fn from_args(args: &[String]) -> Option<Asked> {
        args.iter().find_map(|arg| match arg.as_str() {
            "--help" | "-h" => Some(Asked::Help),
            "--version" | "-V" => Some(Asked::Version),
            _ => None,
        })
    }

    /// The answer, in Vietnamese and English.
    pub fn answer(self) -> String {
        let version = format!("dvclink {}", env!("CARGO_PKG_VERSION"));
        match self {
            Asked::Version => version,
            Asked::Help => {
                let keys: Vec<String> = ENV_KEYS.iter().map(|(var, key)| format!("  {key:<12} {var}")).collect();
                format!(
                    "{version}\nLiên kết tài khoản Dịch vụ công với số CCCD và đăng nhập bằng VNeID.\n\
                     Link a public-service portal account to its CCCD number and sign in with VNeID.\n\n\
                     Cách dùng / usage: dvclink [--config TỆP/FILE] [vn.gov.dichvucong.dvclink:/oauth/callback?…]\n\n\
                     Cấu hình / configuration: config.toml (hoặc / or --config), từng khoá có thể đặt bằng biến \
                     môi trường / each key can be set from the environment:\n{}\n",
                    keys.join("\n")
                )
            }
        }
    }
}

/// Says `text` where the user can see it before any window exists.
pub fn say(title: &str, text: &str) {
    #[allow(clippy::print_stderr, reason = "there is no window yet to say it in")]
    {
        eprintln!("{text}");
    }
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(text)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[cfg(not(windows))]
    let _ = title;
}

/// Says what `--help` or `--version` asked for, on standard output.
pub fn answer(asked: Asked) {
    #[allow(clippy::print_stdout, reason = "the answer to a command-line question")]
    {
        println!("{}", asked.answer());
    }
}

/// The message for a Windows machine without the Microsoft Edge WebView2 Runtime, which every
/// window of the app is drawn by.
pub const WEBVIEW2_MISSING: &str = "Máy tính này chưa có Microsoft Edge WebView2 Runtime, nên dvclink không mở được. \
Hãy nhờ cán bộ kỹ thuật cài «WebView2 Runtime» của Microsoft (bản Evergreen), rồi mở lại dvclink.\n\n\
This computer does not have the Microsoft Edge WebView2 Runtime, so dvclink cannot open. \
Ask the technical staff to install Microsoft's «WebView2 Runtime» (Evergreen), then open dvclink again.";
