//! Accounts, sessions and a scripted fake of both external systems, shared by the tests.

use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dvclink_core::Cccd;
use dvclink_core::dossier::{Dossier, DossierCode, DossierPage, DossierQuery};
use dvclink_core::port::{
    AuthorizationRequest, ChallengeId, CodeExchange, IdentityPreview, IdentityProvider, IdpError, KeptSignIn,
    LinkError, OtpChallenge, Portal, PortalError, PortalSession, PreviewId, VneidIdentity, VneidTokens,
};
use dvclink_core::profile::{
    Account, AccountKind, IdentityLevel, Profile, ProfileChange, ProfileField, Sex, SignInMethod,
};
use dvclink_core::secret::Secret;
use url::Url;

pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap() + chrono::TimeDelta::minutes(minutes)
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

pub fn challenge() -> OtpChallenge {
    OtpChallenge {
        id: ChallengeId("ch-1".into()),
        masked_phone: "09******78".into(),
        expires_at: at(5),
        resend_at: at(1),
    }
}

pub fn session() -> PortalSession {
    PortalSession { access_token: Secret::new("portal-token"), expires_at: at(60), method: SignInMethod::PortalAccount }
}

/// An account born 12/03/1985, male; with or without a CCCD number.
pub fn account(cccd: Option<&str>) -> Account {
    Account {
        username: Some("nguyenvana".into()),
        kind: AccountKind::Citizen,
        profile: Profile {
            full_name: "Nguyễn Văn An".into(),
            cccd: cccd.map(|c| Cccd::from_digits(c).unwrap()),
            birth_date: NaiveDate::from_ymd_opt(1985, 3, 12),
            sex: Some(Sex::Male),
            ..Profile::default()
        },
        verified: BTreeSet::new(),
        identity_level: None,
        signed_in_with: SignInMethod::PortalAccount,
        legacy_linked: false,
    }
}

pub fn preview() -> IdentityPreview {
    let mut profile = account(Some("001085012345")).profile;
    profile.ethnicity = Some("Kinh".into());
    IdentityPreview {
        id: PreviewId("pv-1".into()),
        profile,
        verified: [ProfileField::FullName, ProfileField::Cccd, ProfileField::BirthDate].into(),
    }
}

pub fn tokens() -> VneidTokens {
    VneidTokens {
        access_token: Secret::new("vneid-access"),
        id_token: Secret::new("vneid-id-token"),
        refresh_token: None,
        identity: VneidIdentity {
            subject: "sub-1".into(),
            full_name: "Nguyễn Văn An".into(),
            cccd: Some(Cccd::from_digits("001085012345").unwrap()),
            birth_date: NaiveDate::from_ymd_opt(1985, 3, 12),
            level: Some(IdentityLevel::Level2),
            account_type: Some("CONG_DAN".into()),
        },
    }
}

pub fn redirect_uri() -> Url {
    Url::parse("vn.gov.dichvucong.dvclink:/oauth/callback").unwrap()
}

/// Answers every call with what the test scripted, and writes down each call.
pub struct FakePortal {
    pub password: Result<OtpChallenge, PortalError>,
    pub code: Result<PortalSession, PortalError>,
    pub account: Result<Account, PortalError>,
    pub link: Result<Account, LinkError>,
    pub lookup: Result<IdentityPreview, PortalError>,
    pub confirm: Result<Account, PortalError>,
    pub vneid: Result<PortalSession, PortalError>,
    pub calls: Mutex<Vec<String>>,
}

impl FakePortal {
    pub fn new(account_now: Account) -> FakePortal {
        FakePortal {
            password: Ok(challenge()),
            code: Ok(session()),
            account: Ok(account_now),
            link: Ok(account(Some("001085012345"))),
            lookup: Ok(preview()),
            confirm: Ok(account(Some("001085012345"))),
            vneid: Ok(session()),
            calls: Mutex::new(Vec::new()),
        }
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    fn note(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }
}

impl Portal for FakePortal {
    async fn start_sign_in(&self, username: &str, _password: &Secret) -> Result<OtpChallenge, PortalError> {
        self.note(format!("start_sign_in {username}"));
        self.password.clone()
    }
    async fn resend_code(&self, challenge: &ChallengeId) -> Result<OtpChallenge, PortalError> {
        self.note(format!("resend_code {}", challenge.0));
        self.password.clone()
    }
    async fn finish_sign_in(&self, challenge: &ChallengeId, code: &Secret) -> Result<PortalSession, PortalError> {
        self.note(format!("finish_sign_in {} {}", challenge.0, code.expose()));
        self.code.clone()
    }
    async fn open_vneid_session(&self, token: &Secret) -> Result<PortalSession, PortalError> {
        self.note(format!("open_vneid_session {}", token.expose()));
        self.vneid.clone()
    }
    async fn account(&self, _session: &PortalSession) -> Result<Account, PortalError> {
        self.note("account".into());
        self.account.clone()
    }
    async fn update_profile(&self, _session: &PortalSession, _change: &ProfileChange) -> Result<Account, PortalError> {
        self.note("update_profile".into());
        self.account.clone()
    }
    async fn link_cccd(&self, _session: &PortalSession, cccd: &Cccd) -> Result<Account, LinkError> {
        self.note(format!("link_cccd {}", cccd.as_str()));
        self.link.clone()
    }
    async fn lookup_identity(&self, _session: &PortalSession) -> Result<IdentityPreview, PortalError> {
        self.note("lookup_identity".into());
        self.lookup.clone()
    }
    async fn confirm_identity(&self, _session: &PortalSession, preview: &PreviewId) -> Result<Account, PortalError> {
        self.note(format!("confirm_identity {}", preview.0));
        self.confirm.clone()
    }
    async fn dossier_page(&self, _session: &PortalSession, _query: &DossierQuery) -> Result<DossierPage, PortalError> {
        self.note("dossier_page".into());
        Err(PortalError::NotFound)
    }
    async fn dossier(&self, _session: &PortalSession, _code: &DossierCode) -> Result<Dossier, PortalError> {
        self.note("dossier".into());
        Err(PortalError::NotFound)
    }
    async fn sign_out(&self, _session: &PortalSession) -> Result<(), PortalError> {
        self.note("sign_out".into());
        Ok(())
    }
}

/// The identity provider's side of the fake.
pub struct FakeIdp {
    pub exchange: Result<VneidTokens, IdpError>,
    pub calls: Mutex<Vec<String>>,
}

impl FakeIdp {
    pub fn new() -> FakeIdp {
        FakeIdp { exchange: Ok(tokens()), calls: Mutex::new(Vec::new()) }
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

impl IdentityProvider for FakeIdp {
    async fn authorization_url(&self, request: &AuthorizationRequest) -> Result<Url, IdpError> {
        Ok(Url::parse(&format!("https://vneid.example/auth?state={}", request.state)).unwrap())
    }
    async fn exchange_code(&self, exchange: &CodeExchange) -> Result<VneidTokens, IdpError> {
        self.calls.lock().unwrap().push(format!(
            "exchange {} {} {}",
            exchange.code.expose(),
            exchange.pkce_verifier.expose(),
            exchange.nonce
        ));
        self.exchange.clone()
    }
    async fn refresh(&self, kept: &KeptSignIn) -> Result<VneidTokens, IdpError> {
        self.calls.lock().unwrap().push(format!("refresh {}", kept.nonce));
        self.exchange.clone()
    }
    async fn end_session(&self, _tokens: &VneidTokens) -> Result<(), IdpError> {
        self.calls.lock().unwrap().push("end_session".into());
        Ok(())
    }
}
