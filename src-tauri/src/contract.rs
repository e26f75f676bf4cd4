//! The IPC contract, written once in Rust: the commands (declared with [`commands!`]), the events
//! the shell emits, and the error codes. [`typescript`] renders all of it, with every type the
//! UI is sent or sends, as `ui/src/contract.ts`; a test fails when that file is not current.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};
use ts_rs::{Config, TS, TypeVisitor};

use crate::MAIN_WINDOW;
use crate::desk::{CardProgressView, CardReadersView};
use crate::error::{ErrorCode, IpcError};
use crate::views::{Notice, SessionView, SyncView, VneidView};

/// Where the generated contract lives, from the workspace root.
pub const CONTRACT_PATH: &str = "ui/src/contract.ts";

/// An event the shell emits to the main window, with the type of its payload.
pub trait UiEvent {
    const NAME: &'static str;
    type Payload: Serialize + TS + Clone + 'static;
}

/// Emits an event to the app's own window; a window that is gone is not an error.
pub fn emit<E: UiEvent, R: Runtime>(app: &AppHandle<R>, payload: E::Payload) {
    if let Err(error) = app.emit_to(MAIN_WINDOW, E::NAME, payload) {
        tracing::debug!(%error, event = E::NAME, "an event found no window");
    }
}

macro_rules! events {
    ($($(#[doc = $doc:literal])* $event:ident = $name:literal => $payload:ty;)*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Debug)]
            pub struct $event;

            impl UiEvent for $event {
                const NAME: &'static str = $name;
                type Payload = $payload;
            }
        )*

        /// Every event: its name, its payload's TypeScript, and the payload's types to declare.
        fn events(cfg: &Config, types: &mut Declarations) -> Vec<(&'static str, String)> {
            vec![$({
                types.collect::<$payload>();
                ($name, <$payload as TS>::name(cfg))
            }),*]
        }
    };
}

events! {
    /// The VNeID sign-in moved on (a callback arrived).
    VneidChanged = "vneid://changed" => VneidView;
    /// Someone signed in or out; null when nobody is signed in.
    SessionChanged = "session://changed" => Option<SessionView>;
    /// Something to tell the user that did not come from a command.
    AppNotice = "app://notice" => Notice;
    /// After every page of a sync, and when it ends.
    SyncProgress = "sync://progress" => SyncView;
    /// A card reader was plugged or unplugged, or a card placed or taken away.
    CardReadersChanged = "card://readers" => CardReadersView;
    /// A step of a card read.
    CardProgress = "card://progress" => CardProgressView;
}

/// Declares the app's IPC commands once. Each becomes a `#[tauri::command]` that gets the app
/// handle and the [`Desk`](crate::desk::Desk) and answers `Result<$ok, IpcError>`; the macro
/// also writes [`register`](crate::commands::register), [`NAMES`](crate::commands::NAMES) and
/// the commands' part of the TypeScript contract.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        $flavour:ident fn $name:ident($app:ident, $desk:ident $(, $arg:ident: $ty:ty)*) -> $ok:ty $body:block
    )*) => {
        $( commands!(@one $flavour [$($doc)*] $name($app, $desk $(, $arg: $ty)*) -> $ok $body); )*

        /// Every command's name, as the UI calls it and as its permission is named.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Registers every command; shared by the app and the tests.
        pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$($name),*])
        }

        /// Every command: its name, its arguments and its answer in TypeScript, and its docs.
        pub(crate) fn declarations(
            cfg: &ts_rs::Config,
            types: &mut $crate::contract::Declarations,
        ) -> Vec<$crate::contract::CommandDeclaration> {
            vec![$({
                $( types.collect::<$ty>(); )*
                types.collect::<$ok>();
                $crate::contract::CommandDeclaration {
                    name: stringify!($name),
                    docs: vec![$($doc),*],
                    args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(cfg))),*],
                    ok: <$ok as ts_rs::TS>::name(cfg),
                }
            }),*]
        }
    };
    (@one async [$($doc:literal)*] $name:ident($app:ident, $desk:ident $(, $arg:ident: $ty:ty)*) -> $ok:ty $body:block) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name<R: tauri::Runtime>(
            $app: tauri::AppHandle<R>,
            $desk: tauri::State<'_, $crate::desk::Desk>,
            $($arg: $ty),*
        ) -> Result<$ok, $crate::error::IpcError> {
            let _ = &$app;
            $body
        }
    };
    (@one sync [$($doc:literal)*] $name:ident($app:ident, $desk:ident $(, $arg:ident: $ty:ty)*) -> $ok:ty $body:block) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub fn $name<R: tauri::Runtime>(
            $app: tauri::AppHandle<R>,
            $desk: tauri::State<'_, $crate::desk::Desk>,
            $($arg: $ty),*
        ) -> Result<$ok, $crate::error::IpcError> {
            let _ = &$app;
            $body
        }
    };
}
pub(crate) use commands;

/// One command as the contract states it.
#[derive(Debug)]
pub(crate) struct CommandDeclaration {
    pub name: &'static str,
    pub docs: Vec<&'static str>,
    pub args: Vec<(&'static str, String)>,
    pub ok: String,
}

/// The TypeScript declarations of every named type reached from the contract, by name.
#[allow(missing_debug_implementations, reason = "ts-rs's configuration has no Debug")]
pub(crate) struct Declarations {
    cfg: Config,
    seen: BTreeMap<String, String>,
}

impl Declarations {
    /// Declares `T` (when it is a named type) and everything it refers to.
    pub fn collect<T: TS + ?Sized + 'static>(&mut self) {
        self.visit::<T>();
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            let name = T::ident(&self.cfg);
            if self.seen.contains_key(&name) {
                return;
            }
            let docs = T::docs().unwrap_or_default();
            let decl = <T::WithoutGenerics as TS>::decl(&self.cfg);
            self.seen.insert(name, format!("{docs}export {decl}"));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The whole contract as TypeScript, as `ui/src/contract.ts` must hold it.
pub fn typescript() -> String {
    let cfg = config();
    let mut types = Declarations { cfg: config(), seen: BTreeMap::new() };
    let commands = crate::commands::declarations(&cfg, &mut types);
    let events = events(&cfg, &mut types);
    types.collect::<IpcError>();

    let mut out = String::from(
        "// Generated from the Rust shell (src-tauri/src/contract.rs) by its test\n\
         // `contract_is_current`; do not edit. Change the Rust types and run\n\
         // `UPDATE_CONTRACT=1 cargo test -p dvclink-desktop contract` to write it again.\n\
         /* eslint-disable */\n\n",
    );
    for decl in types.seen.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every code an `IpcError` may carry. */\nexport const ERROR_CODES: readonly ErrorCode[] = [\n");
    for code in ErrorCode::ALL {
        let _ = writeln!(out, "  {},", serde_json::to_string(&code).unwrap_or_default());
    }
    out.push_str("];\n\n");
    out.push_str(
        "/** Every command: the arguments it takes (`undefined`: none) and what it answers; a failure\n \
         * rejects with an `IpcError`. */\nexport interface Commands {\n",
    );
    for command in &commands {
        for doc in &command.docs {
            let _ = writeln!(out, "  /**{doc} */");
        }
        let args = if command.args.is_empty() {
            "undefined".to_owned()
        } else {
            let fields: Vec<String> = command.args.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        let _ = writeln!(out, "  {}: {{ args: {args}; ok: {} }};", command.name, command.ok);
    }
    out.push_str("}\n\n/** Every event the shell emits, with its payload. */\nexport interface Events {\n");
    for (name, payload) in &events {
        let _ = writeln!(out, "  \"{name}\": {payload};");
    }
    out.push_str("}\n");
    out
}

/// Numbers are JavaScript numbers: no count or time here comes near 2^53.
fn config() -> Config {
    Config::new().with_large_int("number")
}
