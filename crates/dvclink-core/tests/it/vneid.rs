//! The VNeID sign-in: state, nonce and PKCE kept by the flow, a callback accepted once, the
//! ten-minute limit, cancellation, and every refusal.

use dvclink_core::Task;
use dvclink_core::port::{IdTokenProblem, IdpError, PortalError};
use dvclink_core::secret::Secret;
use dvclink_core::vneid::{
    self, Callback, CallbackFormatError, CallbackResult, LoginEffect, LoginError, LoginEvent, LoginPhase, LoginRefusal,
    LoginSecrets, VneidLogin,
};
use url::Url;

use crate::fixtures::{FakeIdp, FakePortal, account, at, redirect_uri, session, tokens};

fn check_url(url: &str, expected: Result<Callback, CallbackFormatError>) {
    assert_eq!(Callback::from_url(&Url::parse(url).unwrap()), expected, "{url}");
}

fn code_callback(state: &str, code: &str) -> Callback {
    Callback { state: state.into(), issuer: None, result: CallbackResult::Code(Secret::new(code)) }
}

fn error_callback(state: &str, error: &str) -> Callback {
    Callback {
        state: state.into(),
        issuer: None,
        result: CallbackResult::Error { error: error.into(), description: None },
    }
}

#[test]
fn callback_urls() {
    let base = "vn.gov.dichvucong.dvclink:/oauth/callback";
    check_url(&format!("{base}?code=abc&state=xyz"), Ok(code_callback("xyz", "abc")));
    check_url(
        &format!("{base}?state=xyz&session_state=s&iss=http%3A%2F%2Fx&code=abc"),
        Ok(Callback { issuer: Some("http://x".into()), ..code_callback("xyz", "abc") }),
    );
    check_url(&format!("{base}?code=abc&state=xyz&iss=a&iss=b"), Err(CallbackFormatError::Repeated));
    check_url("http://127.0.0.1:49152/oauth/callback?code=abc&state=xyz", Ok(code_callback("xyz", "abc")));
    check_url(&format!("{base}?error=access_denied&state=xyz"), Ok(error_callback("xyz", "access_denied")));
    check_url(
        &format!("{base}?error=server_error&error_description=H%E1%BB%87%20th%E1%BB%91ng&state=xyz"),
        Ok(Callback {
            state: "xyz".into(),
            issuer: None,
            result: CallbackResult::Error { error: "server_error".into(), description: Some("Hệ thống".into()) },
        }),
    );
    check_url(&format!("{base}?code=abc"), Err(CallbackFormatError::MissingState));
    check_url(&format!("{base}?code=abc&state="), Err(CallbackFormatError::MissingState));
    check_url(&format!("{base}?state=xyz"), Err(CallbackFormatError::MissingCode));
    check_url(&format!("{base}?state=xyz&code="), Err(CallbackFormatError::MissingCode));
    check_url(base, Err(CallbackFormatError::MissingState));
    check_url(&format!("{base}?code=abc&state=xyz&state=evil"), Err(CallbackFormatError::Repeated));
    check_url(&format!("{base}?code=abc&code=def&state=xyz"), Err(CallbackFormatError::Repeated));
}

fn secrets(n: u32) -> LoginSecrets {
    LoginSecrets { state: format!("st-{n}"), nonce: format!("n-{n}"), pkce_verifier: Secret::new(format!("ver-{n}")) }
}

fn start(n: u32, minute: i64) -> LoginEvent {
    LoginEvent::Start {
        task: Task::SubmittedDossiers,
        secrets: secrets(n),
        redirect_uri: redirect_uri(),
        now: at(minute),
    }
}

fn callback(callback: Callback, minute: i64) -> LoginEvent {
    LoginEvent::Callback { callback, now: at(minute) }
}

fn phase(login: &VneidLogin) -> String {
    match login.phase() {
        LoginPhase::Idle => "idle".into(),
        LoginPhase::Waiting(pending) => format!("waiting {} → {:?}", pending.state, pending.task),
        LoginPhase::Exchanging { task } => format!("exchanging → {task:?}"),
        LoginPhase::OpeningPortal { task, .. } => format!("opening_portal → {task:?}"),
        LoginPhase::SignedIn(signed_in) => format!("signed_in → {:?}", signed_in.task),
        LoginPhase::Failed { task, error } => {
            let kind = serde_json::to_value(error).unwrap()["kind"].as_str().unwrap().to_owned();
            format!("failed {kind} → {task:?}")
        }
    }
}

fn effect(effect: &Option<LoginEffect>) -> String {
    match effect {
        None => String::new(),
        Some(LoginEffect::OpenSignInPage(request)) => format!(
            " [open_sign_in {} {} {} {}]",
            request.state,
            request.nonce,
            request.pkce_verifier.expose(),
            request.redirect_uri
        ),
        Some(LoginEffect::ExchangeCode(exchange)) => format!(
            " [exchange {} {} {} {}]",
            exchange.code.expose(),
            exchange.pkce_verifier.expose(),
            exchange.nonce,
            exchange.redirect_uri
        ),
        Some(LoginEffect::OpenPortalSession { access_token }) => format!(" [open_portal {}]", access_token.expose()),
    }
}

/// Feeds `events` to a fresh sign-in and compares the trace, one line per event.
fn check(events: Vec<LoginEvent>, expected: &str) {
    let mut login = VneidLogin::new();
    let mut trace = vec![phase(&login)];
    for event in events {
        let before = phase(&login);
        match login.handle(event) {
            Ok(e) => trace.push(format!("{}{}", phase(&login), effect(&e))),
            Err(refusal) => {
                assert_eq!(phase(&login), before, "a refused event changed the phase");
                trace.push(match refusal {
                    LoginRefusal::Callback(rejection) => format!("refused {rejection:?}"),
                    LoginRefusal::Unexpected(refusal) => format!("refused {refusal}"),
                });
            }
        }
    }
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    assert_eq!(trace, expected);
}

const CB: &str = "vn.gov.dichvucong.dvclink:/oauth/callback";

#[test]
fn sign_in_lands_on_the_task() {
    check(
        vec![
            start(1, 0),
            callback(code_callback("st-1", "code-1"), 3),
            LoginEvent::CodeExchanged(Ok(tokens())),
            LoginEvent::PortalOpened(Ok((session(), account(Some("001085012345"))))),
        ],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            opening_portal → SubmittedDossiers [open_portal vneid-access]
            signed_in → SubmittedDossiers
            "
        ),
    );
}

#[test]
fn callback_accepted_once() {
    check(
        vec![
            start(1, 0),
            callback(code_callback("st-1", "code-1"), 1),
            callback(code_callback("st-1", "code-1"), 1),
            LoginEvent::CodeExchanged(Ok(tokens())),
            callback(code_callback("st-1", "code-1"), 2),
            LoginEvent::PortalOpened(Ok((session(), account(None)))),
            callback(code_callback("st-1", "code-1"), 2),
        ],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            refused Replayed
            opening_portal → SubmittedDossiers [open_portal vneid-access]
            refused Replayed
            signed_in → SubmittedDossiers
            refused Replayed
            "
        ),
    );
}

#[test]
fn callbacks_it_did_not_ask_for_are_refused() {
    check(
        vec![
            callback(code_callback("st-1", "code-1"), 0),
            callback(error_callback("st-1", "access_denied"), 0),
            start(1, 0),
            callback(code_callback("evil", "code-x"), 1),
            callback(error_callback("evil", "access_denied"), 1),
            callback(code_callback("", "code-x"), 1),
            callback(code_callback("st-1", "code-1"), 2),
        ],
        &format!(
            "
            idle
            refused NoPendingSignIn
            refused NoPendingSignIn
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            refused StateMismatch
            refused StateMismatch
            refused StateMismatch
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            "
        ),
    );
}

#[test]
fn pending_sign_in_expires_after_ten_minutes() {
    check(
        vec![start(1, 0), callback(code_callback("st-1", "code-1"), 10)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            "
        ),
    );
    check(
        vec![start(1, 0), callback(code_callback("st-1", "code-1"), 11), callback(code_callback("st-1", "code-1"), 11)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            failed expired → SubmittedDossiers
            refused Expired
            "
        ),
    );
    check(
        vec![
            start(1, 0),
            LoginEvent::Tick { now: at(9) },
            LoginEvent::Tick { now: at(11) },
            callback(code_callback("st-1", "code-1"), 11),
            start(2, 12),
            callback(code_callback("st-2", "code-2"), 13),
        ],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            waiting st-1 → SubmittedDossiers
            failed expired → SubmittedDossiers
            refused Expired
            waiting st-2 → SubmittedDossiers [open_sign_in st-2 n-2 ver-2 {CB}]
            exchanging → SubmittedDossiers [exchange code-2 ver-2 n-2 {CB}]
            "
        ),
    );
}

#[test]
fn cancelling() {
    check(
        vec![start(1, 0), callback(error_callback("st-1", "access_denied"), 1)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            failed cancelled → SubmittedDossiers
            "
        ),
    );
    check(
        vec![start(1, 0), LoginEvent::Cancel, callback(code_callback("st-1", "code-1"), 1)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            failed cancelled → SubmittedDossiers
            refused Cancelled
            "
        ),
    );
    check(
        vec![start(1, 0), callback(error_callback("st-1", "temporarily_unavailable"), 1)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            failed idp → SubmittedDossiers
            "
        ),
    );
}

#[test]
fn starting_again_replaces_the_pending_sign_in() {
    check(
        vec![start(1, 0), start(2, 1), callback(code_callback("st-1", "code-1"), 2)],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            waiting st-2 → SubmittedDossiers [open_sign_in st-2 n-2 ver-2 {CB}]
            refused StateMismatch
            "
        ),
    );
}

#[test]
fn failures_after_the_callback() {
    let id_token = IdpError::IdToken { problem: IdTokenProblem::NonceMismatch };
    check(
        vec![start(1, 0), callback(code_callback("st-1", "code-1"), 1), LoginEvent::CodeExchanged(Err(id_token))],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            failed idp → SubmittedDossiers
            "
        ),
    );
    check(
        vec![
            start(1, 0),
            callback(code_callback("st-1", "code-1"), 1),
            LoginEvent::CodeExchanged(Ok(tokens())),
            LoginEvent::PortalOpened(Err(PortalError::Maintenance)),
            start(2, 2),
        ],
        &format!(
            "
            idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            exchanging → SubmittedDossiers [exchange code-1 ver-1 n-1 {CB}]
            opening_portal → SubmittedDossiers [open_portal vneid-access]
            failed portal → SubmittedDossiers
            waiting st-2 → SubmittedDossiers [open_sign_in st-2 n-2 ver-2 {CB}]
            "
        ),
    );
}

#[test]
fn events_out_of_place() {
    check(
        vec![
            LoginEvent::CodeExchanged(Ok(tokens())),
            LoginEvent::Cancel,
            start(1, 0),
            LoginEvent::CodeExchanged(Ok(tokens())),
        ],
        &format!(
            "
            idle
            refused code_exchanged is not expected while idle
            refused cancel is not expected while idle
            waiting st-1 → SubmittedDossiers [open_sign_in st-1 n-1 ver-1 {CB}]
            refused code_exchanged is not expected while waiting
            "
        ),
    );
}

#[tokio::test]
async fn advance_runs_the_whole_sign_in() {
    let idp = FakeIdp::new();
    let portal = FakePortal::new(account(Some("001085012345")));
    let mut login = VneidLogin::new();
    let page = vneid::advance(&mut login, &idp, &portal, start(1, 0)).await.unwrap();
    assert_eq!(page.unwrap().state, "st-1");
    let page = vneid::advance(&mut login, &idp, &portal, callback(code_callback("st-1", "code-1"), 1)).await.unwrap();
    assert!(page.is_none());
    let LoginPhase::SignedIn(signed_in) = login.phase() else { panic!("{}", phase(&login)) };
    assert_eq!(signed_in.task, Task::SubmittedDossiers);
    assert_eq!(idp.calls(), ["exchange code-1 ver-1 n-1"]);
    assert_eq!(portal.calls(), ["open_vneid_session vneid-access", "account"]);
    let replay = vneid::advance(&mut login, &idp, &portal, callback(code_callback("st-1", "code-1"), 1)).await;
    assert!(matches!(replay, Err(LoginRefusal::Callback(_))));
    assert_eq!(idp.calls().len(), 1, "a replayed callback never reaches the provider");
}

#[test]
fn login_errors_have_words() {
    use dvclink_core::{Lang, Localized};
    assert!(LoginError::Expired.text(Lang::Vi).contains("10 phút"));
    assert!(LoginError::Cancelled.text(Lang::En).contains("cancelled"));
}

#[test]
fn a_resumed_sign_in_takes_its_callback_or_expires() {
    let pending = |minute| vneid::PendingLogin {
        state: "st-1".into(),
        nonce: "n-1".into(),
        pkce_verifier: Secret::new("ver-1"),
        redirect_uri: redirect_uri(),
        task: Task::PersonalInfo,
        started_at: at(minute),
    };
    let mut login = VneidLogin::resume(pending(0));
    assert_eq!(login.pending(), Some(&pending(0)));
    let effect = login.handle(callback(code_callback("st-1", "code-1"), 3)).unwrap();
    assert!(matches!(effect, Some(LoginEffect::ExchangeCode(_))));
    assert_eq!(login.pending(), None);

    let mut late = VneidLogin::resume(pending(0));
    late.handle(callback(code_callback("st-1", "code-1"), 11)).unwrap();
    assert!(matches!(late.phase(), LoginPhase::Failed { error: LoginError::Expired, .. }));
}

/// What a callback's `error` becomes, and whether the screen has steps to show for it.
#[test]
fn what_vneid_refuses_is_named() {
    use dvclink_core::Lang;
    let check = |error: &str, expected: (&str, bool)| {
        let mut login = VneidLogin::new();
        login.handle(start(1, 0)).unwrap();
        login.handle(callback(error_callback("st-1", error), 1)).unwrap();
        let LoginPhase::Failed { error: failure, .. } = login.phase() else { panic!("{error} did not fail") };
        let steps = failure.next_step(Lang::Vi).is_some_and(|step| !step.steps.is_empty());
        assert_eq!((failure.code(), steps), expected, "{error}");
    };
    check("access_denied", ("cancelled", false));
    check("server_error", ("provider", false));
    check("temporarily_unavailable", ("maintenance", true));
    check("web_sign_in_not_allowed", ("web_sign_in_not_allowed", true));
    check("account_locked", ("account_locked", true));
    check("account_not_activated", ("account_not_activated", true));
    check("otp_not_received", ("otp_not_received", true));
}

/// A level 1 identity signs in for reading, and is stopped before changing identity data.
#[test]
fn level_1_is_refused_where_level_2_is_needed() {
    use dvclink_core::profile::IdentityLevel;
    let check = |task: Task, level: Option<IdentityLevel>, expected: &str| {
        let mut login = VneidLogin::new();
        let mut tokens = tokens();
        tokens.identity.level = level;
        let start = LoginEvent::Start { task, secrets: secrets(1), redirect_uri: redirect_uri(), now: at(0) };
        login.handle(start).unwrap();
        login.handle(callback(code_callback("st-1", "code-1"), 1)).unwrap();
        login.handle(LoginEvent::CodeExchanged(Ok(tokens))).unwrap();
        let reached = match login.phase() {
            LoginPhase::Failed { error, .. } => error.code().to_owned(),
            _ => phase(&login),
        };
        assert!(reached.starts_with(expected), "{level:?}: {reached}");
    };
    check(Task::IdentityInfo, Some(IdentityLevel::Level1), "level_too_low");
    check(Task::IdentityInfo, Some(IdentityLevel::Level2), "opening_portal");
    check(Task::IdentityInfo, None, "opening_portal");
    check(Task::SubmittedDossiers, Some(IdentityLevel::Level1), "opening_portal");
    check(Task::PersonalInfo, Some(IdentityLevel::Level1), "opening_portal");
}
