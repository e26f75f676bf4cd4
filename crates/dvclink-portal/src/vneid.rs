//! The VNeID adapter: the [`IdentityProvider`] port through the `openidconnect` crate, as a
//! public native client (RFC 8252): discovery, an authorization URL carrying the flow's own
//! state, nonce and S256 PKCE challenge, the callback's issuer (RFC 9207), the code exchange
//! with ID-token verification (signature, issuer, audience, expiry, nonce, access-token hash),
//! VNeID's claims from the ID token or else from userinfo, and end-session with revocation.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use dvclink_core::Cccd;
use dvclink_core::port::{
    AuthorizationRequest, CodeExchange, IdTokenProblem, IdentityProvider, IdpError, KeptSignIn, VneidIdentity,
    VneidTokens,
};
use dvclink_core::profile::IdentityLevel;
use dvclink_core::secret::Secret;
use dvclink_core::text::nfc;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClientAuthMethod,
    CoreErrorResponseType, CoreGenderClaim, CoreGrantType, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreSubjectIdentifierType, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AdditionalProviderMetadata, AuthenticationContextClass, AuthorizationCode,
    ClaimsVerificationError, Client, ClientId, CsrfToken, DiscoveryError, EmptyExtraTokenFields, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IdToken, IdTokenFields, IssuerUrl, LogoutProviderMetadata,
    LogoutRequest, Nonce, NonceVerifier, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadata,
    RedirectUrl, RefreshToken, RequestTokenError, Scope, SignatureVerificationError, StandardErrorResponse,
    StandardTokenResponse, SubjectIdentifier, TokenResponse, UserInfoClaims, UserInfoError,
};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Mutex;
use url::Url;

use crate::http::{self, HttpSettings, RetryPolicy};

/// Which provider, which registered client, and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VneidConfig {
    /// Such as `https://…/auth/realms/citizen`, exactly as configured: the provider's metadata
    /// and ID tokens must name this same string, so a root issuer keeps having no trailing slash.
    pub issuer: String,
    pub client_id: String,
    /// The scopes to ask for; `None` asks for `openid`, and `offline_access` too when `offline`
    /// and the provider lists it.
    pub scopes: Option<Vec<String>>,
    /// Whether the sign-in should outlive the app (a laptop): asks for a refresh token.
    pub offline: bool,
    /// `acr_values`, such as `LoA2`; `None` sends none.
    pub acr_values: Option<String>,
}

impl VneidConfig {
    /// A provider and client with the defaults: no `acr_values`, nothing kept offline.
    pub fn new(issuer: impl Into<String>, client_id: impl Into<String>) -> VneidConfig {
        VneidConfig {
            issuer: issuer.into(),
            client_id: client_id.into(),
            scopes: None,
            offline: false,
            acr_values: None,
        }
    }
}

/// The scope that asks for a refresh token (OIDC Core §11).
const OFFLINE_ACCESS: &str = "offline_access";

/// The identity provider over HTTP. Discovery is fetched once and again when the provider's
/// keys change.
#[derive(Debug)]
pub struct VneidClient {
    config: VneidConfig,
    http: reqwest::Client,
    retry: RetryPolicy,
    provider: Mutex<Option<Arc<Metadata>>>,
}

/// What the app reads of the provider's metadata beyond the core: end-session, revocation
/// (RFC 7009) and whether callbacks carry `iss` (RFC 9207).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VneidMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revocation_endpoint: Option<Url>,
    #[serde(default)]
    authorization_response_iss_parameter_supported: bool,
}

impl AdditionalProviderMetadata for VneidMetadata {}

type Metadata = ProviderMetadata<
    LogoutProviderMetadata<VneidMetadata>,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// VNeID's claims as the ID token carries them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VneidClaims {
    #[serde(rename = "TechID", default)]
    tech_id: Option<String>,
    #[serde(rename = "LoaiTaiKhoan", default)]
    account_type: Option<String>,
    #[serde(rename = "HoVaTen", default)]
    full_name: Option<String>,
    #[serde(rename = "SoDinhDanh", default)]
    cccd: Option<String>,
    #[serde(rename = "NgayThangNamSinh", default)]
    birth_date: Option<String>,
    #[serde(rename = "loAs", default)]
    lo_as: Option<Value>,
    #[serde(rename = "IAL", default)]
    ial: Option<Value>,
}

impl AdditionalClaims for VneidClaims {}

type VneidIdToken = IdToken<VneidClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;
type VneidTokenResponse = StandardTokenResponse<
    IdTokenFields<
        VneidClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;
type OidcClient = Client<
    VneidClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    VneidTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How the HTTP exchange underneath `openidconnect` failed.
#[derive(Debug, thiserror::Error)]
enum HttpFailure {
    #[error("no answer")]
    Unreachable,
    #[error("server error {0}")]
    Server(u16),
    #[error("bad request: {0}")]
    Request(String),
}

impl VneidClient {
    pub fn new(config: VneidConfig, settings: &HttpSettings) -> reqwest::Result<VneidClient> {
        Ok(VneidClient {
            config,
            http: http::client(settings)?,
            retry: settings.retry.clone(),
            provider: Mutex::new(None),
        })
    }

    /// The provider's metadata, discovered on first use; `refresh` discovers again.
    async fn provider(&self, refresh: bool) -> Result<Arc<Metadata>, IdpError> {
        let mut cached = self.provider.lock().await;
        if let (Some(provider), false) = (cached.as_ref(), refresh) {
            return Ok(provider.clone());
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| IdpError::Discovery { detail: format!("the issuer is not a URL: {e}") })?;
        let http = |request| send(self.http.clone(), self.retry.clone(), request);
        let metadata = Metadata::discover_async(issuer, &http).await.map_err(|error| match error {
            DiscoveryError::Request(failure) => failure.into_idp_error(),
            other => IdpError::Discovery { detail: other.to_string() },
        })?;
        let provider = Arc::new(metadata);
        *cached = Some(provider.clone());
        Ok(provider)
    }

    fn client(&self, provider: &Metadata) -> OidcClient {
        Client::from_provider_metadata(provider.clone(), ClientId::new(self.config.client_id.clone()), None)
    }

    /// Verifies the ID token of a token response, discovering the keys again once if the
    /// token names a key the cached set lacks (the provider rotated its keys).
    async fn verify(
        &self,
        provider: Arc<Metadata>,
        response: &VneidTokenResponse,
        nonce: &NonceRule<'_>,
    ) -> Result<VneidIdentity, IdpError> {
        let id_token = response.id_token().ok_or(IdpError::IdToken { problem: IdTokenProblem::Missing })?;
        let mut client = self.client(&provider);
        let mut outcome = verified_claims(&client, id_token, response, nonce);
        if let Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) = outcome
        {
            client = self.client(&*self.provider(true).await?);
            outcome = verified_claims(&client, id_token, response, nonce);
        }
        let mut claims = outcome.map_err(|error| IdpError::IdToken { problem: problem(error) })?;
        if claims.vneid.lacks_identity() && client.user_info_url().is_some() {
            let from_userinfo = self.user_info(&client, response, &claims.subject).await?;
            claims.vneid.fill_from(from_userinfo);
        }
        claims.identity()
    }

    /// The claims at the userinfo endpoint, for a provider that keeps them out of the ID token.
    /// Their `sub` must be the ID token's (OIDC Core §5.3.2).
    async fn user_info(
        &self,
        client: &OidcClient,
        response: &VneidTokenResponse,
        subject: &str,
    ) -> Result<VneidClaims, IdpError> {
        let http = |request| send(self.http.clone(), self.retry.clone(), request);
        let expected = SubjectIdentifier::new(subject.to_owned());
        let request = client
            .user_info(response.access_token().clone(), Some(expected))
            .map_err(|e| IdpError::Discovery { detail: e.to_string() })?;
        let claims: UserInfoClaims<VneidClaims, CoreGenderClaim> =
            request.request_async(&http).await.map_err(|error| match error {
                UserInfoError::Request(failure) => failure.into_idp_error(),
                UserInfoError::ClaimsVerification(error) => IdpError::IdToken { problem: problem(error) },
                other => IdpError::BadResponse { detail: other.to_string() },
            })?;
        Ok(claims.additional_claims().clone())
    }

    /// Checks the callback's `iss` (RFC 9207): when sent it must be the issuer, and a provider
    /// that promises it must send it.
    fn check_callback_issuer(&self, provider: &Metadata, issuer: Option<&str>) -> Result<(), IdpError> {
        let promised =
            provider.additional_metadata().additional_metadata.authorization_response_iss_parameter_supported;
        match issuer {
            Some(issuer) if issuer == provider.issuer().as_str() => Ok(()),
            None if !promised => Ok(()),
            _ => Err(IdpError::CallbackIssuer),
        }
    }

    /// The scopes to ask for, besides `openid`.
    fn scopes(&self, provider: &Metadata) -> Vec<String> {
        if let Some(scopes) = &self.config.scopes {
            return scopes.iter().filter(|s| *s != "openid").cloned().collect();
        }
        let listed = provider.scopes_supported().is_some_and(|s| s.iter().any(|s| s.as_str() == OFFLINE_ACCESS));
        if self.config.offline && listed { vec![OFFLINE_ACCESS.to_owned()] } else { Vec::new() }
    }

    /// Revokes a refresh token where the provider offers revocation, so that ending the session
    /// ends what the laptop kept too.
    async fn revoke(&self, provider: &Metadata, refresh_token: &Secret) -> Result<(), IdpError> {
        let Some(endpoint) = provider.additional_metadata().additional_metadata.revocation_endpoint.clone() else {
            return Ok(());
        };
        let form = [
            ("token", refresh_token.expose()),
            ("token_type_hint", "refresh_token"),
            ("client_id", self.config.client_id.as_str()),
        ];
        let response = self.http.post(endpoint).form(&form).send().await.map_err(|_| IdpError::Unreachable)?;
        match response.status() {
            status if status.is_server_error() => Err(IdpError::Maintenance),
            status if status.is_success() => Ok(()),
            status => Err(IdpError::BadResponse { detail: format!("revocation answered {status}") }),
        }
    }
}

/// A refused or failed token request, as the port names it.
fn token_error(error: RequestTokenError<HttpFailure, StandardErrorResponse<CoreErrorResponseType>>) -> IdpError {
    match error {
        RequestTokenError::ServerResponse(response) => {
            IdpError::TokenRefused { error: response.error().as_ref().to_owned() }
        }
        RequestTokenError::Request(failure) => failure.into_idp_error(),
        RequestTokenError::Parse(error, _) => IdpError::BadResponse { detail: error.to_string() },
        RequestTokenError::Other(detail) => IdpError::BadResponse { detail },
    }
}

/// The tokens of a verified response.
fn tokens(response: &VneidTokenResponse, identity: VneidIdentity) -> VneidTokens {
    let id_token = response.id_token().map(|t| t.to_string()).unwrap_or_default();
    VneidTokens {
        access_token: Secret::new(response.access_token().secret().clone()),
        id_token: Secret::new(id_token),
        refresh_token: response.refresh_token().map(|t| Secret::new(t.secret().clone())),
        identity,
    }
}

/// One HTTP exchange for `openidconnect`; a GET is retried after transient failures. It owns
/// what it uses, so the future it returns borrows nothing.
async fn send(http: reqwest::Client, retry: RetryPolicy, request: HttpRequest) -> Result<HttpResponse, HttpFailure> {
    let attempts = if request.method() == Method::GET { retry.attempts.max(1) } else { 1 };
    let mut attempt = 0;
    loop {
        let result = send_once(&http, request.clone()).await;
        match result {
            Err(HttpFailure::Unreachable | HttpFailure::Server(_)) if attempt + 1 < attempts => {
                tokio::time::sleep(retry.delay(attempt)).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

async fn send_once(http: &reqwest::Client, request: HttpRequest) -> Result<HttpResponse, HttpFailure> {
    let request = reqwest::Request::try_from(request).map_err(|e| HttpFailure::Request(e.to_string()))?;
    let response = http.execute(request).await.map_err(|_| HttpFailure::Unreachable)?;
    let status = response.status();
    if status.is_server_error() {
        return Err(HttpFailure::Server(status.as_u16()));
    }
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(|_| HttpFailure::Unreachable)?;
    let mut answer = HttpResponse::new(body.to_vec());
    *answer.status_mut() = status;
    *answer.headers_mut() = headers;
    Ok(answer)
}

impl HttpFailure {
    fn into_idp_error(self) -> IdpError {
        match self {
            HttpFailure::Unreachable => IdpError::Unreachable,
            HttpFailure::Server(_) => IdpError::Maintenance,
            HttpFailure::Request(detail) => IdpError::BadResponse { detail },
        }
    }
}

impl IdentityProvider for VneidClient {
    async fn authorization_url(&self, request: &AuthorizationRequest) -> Result<Url, IdpError> {
        let provider = self.provider(false).await?;
        let client = self.client(&provider);
        let verifier = PkceCodeVerifier::new(request.pkce_verifier.expose().to_owned());
        let (state, nonce) = (request.state.clone(), request.nonce.clone());
        let scopes = self.scopes(&provider);
        let mut authorize = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .set_redirect_uri(Cow::Owned(RedirectUrl::from_url(request.redirect_uri.clone())))
            .set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier));
        if scopes.iter().any(|s| s == OFFLINE_ACCESS) {
            // OIDC Core §11: offline access is asked for with consent.
            authorize = authorize.add_prompt(CoreAuthPrompt::Consent);
        }
        authorize = authorize.add_scopes(scopes.into_iter().map(Scope::new));
        for value in self.config.acr_values.iter().flat_map(|v| v.split_whitespace()) {
            authorize = authorize.add_auth_context_value(AuthenticationContextClass::new(value.to_owned()));
        }
        let (url, _, _) = authorize.url();
        Ok(url)
    }

    async fn exchange_code(&self, exchange: &CodeExchange) -> Result<VneidTokens, IdpError> {
        let provider = self.provider(false).await?;
        self.check_callback_issuer(&provider, exchange.issuer.as_deref())?;
        let client = self.client(&provider);
        let http = |request| send(self.http.clone(), self.retry.clone(), request);
        let response = client
            .exchange_code(AuthorizationCode::new(exchange.code.expose().to_owned()))
            .map_err(|e| IdpError::Discovery { detail: e.to_string() })?
            .set_pkce_verifier(PkceCodeVerifier::new(exchange.pkce_verifier.expose().to_owned()))
            .set_redirect_uri(Cow::Owned(RedirectUrl::from_url(exchange.redirect_uri.clone())))
            .request_async(&http)
            .await
            .map_err(token_error)?;
        let identity = self.verify(provider, &response, &NonceRule::Exactly(&exchange.nonce)).await?;
        Ok(tokens(&response, identity))
    }

    async fn refresh(&self, kept: &KeptSignIn) -> Result<VneidTokens, IdpError> {
        let provider = self.provider(false).await?;
        let client = self.client(&provider);
        let http = |request| send(self.http.clone(), self.retry.clone(), request);
        let refresh_token = RefreshToken::new(kept.refresh_token.expose().to_owned());
        let response = client
            .exchange_refresh_token(&refresh_token)
            .map_err(|e| IdpError::Discovery { detail: e.to_string() })?
            .request_async(&http)
            .await
            .map_err(token_error)?;
        let identity = self.verify(provider, &response, &NonceRule::SameOrNone(&kept.nonce)).await?;
        Ok(tokens(&response, identity))
    }

    async fn end_session(&self, tokens: &VneidTokens) -> Result<(), IdpError> {
        let provider = self.provider(false).await?;
        if let Some(refresh_token) = &tokens.refresh_token {
            self.revoke(&provider, refresh_token).await?;
        }
        let Some(endpoint) = provider.additional_metadata().end_session_endpoint.clone() else {
            // A provider without end-session keeps nothing the app can end.
            return Ok(());
        };
        let id_token: VneidIdToken =
            tokens.id_token.expose().parse().map_err(|_| IdpError::IdToken { problem: IdTokenProblem::Missing })?;
        let url = LogoutRequest::from(endpoint)
            .set_id_token_hint(&id_token)
            .set_client_id(ClientId::new(self.config.client_id.clone()))
            .http_get_url();
        let response = self.http.get(url).send().await.map_err(|_| IdpError::Unreachable)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(IdpError::Maintenance);
        }
        if !(status.is_success() || status.is_redirection()) {
            return Err(IdpError::BadResponse { detail: format!("end-session answered {status}") });
        }
        Ok(())
    }
}

/// What the nonce check says of a token that carries none.
const NONCE_MISSING: &str = "the ID token carries no nonce";

/// What an ID token's nonce must be.
enum NonceRule<'a> {
    /// A fresh sign-in: this sign-in's nonce.
    Exactly(&'a str),
    /// A refresh: the first sign-in's nonce, or none (OIDC Core §12.2 lets providers leave it
    /// out).
    SameOrNone(&'a str),
}

/// The checked claims of one ID token.
struct Claims {
    subject: String,
    vneid: VneidClaims,
    /// The level the standard `acr` claim names, such as `LoA2`.
    acr_level: Option<IdentityLevel>,
}

/// Checks the ID token: signature, issuer, audience, expiry, nonce and access-token hash.
fn verified_claims(
    client: &OidcClient,
    id_token: &VneidIdToken,
    response: &VneidTokenResponse,
    rule: &NonceRule<'_>,
) -> Result<Claims, ClaimsVerificationError> {
    let verifier = client.id_token_verifier();
    let same_nonce = |claimed: Option<&Nonce>| match (claimed, rule) {
        (None, NonceRule::Exactly(_)) => Err(NONCE_MISSING.to_owned()),
        (None, NonceRule::SameOrNone(_)) => Ok(()),
        (Some(claimed), NonceRule::Exactly(nonce) | NonceRule::SameOrNone(nonce)) => {
            Nonce::new((*nonce).to_owned()).verify(Some(claimed))
        }
    };
    let claims = id_token.claims(&verifier, same_nonce)?;
    if let Some(expected) = claims.access_token_hash() {
        let algorithm = id_token.signing_alg().map_err(|e| ClaimsVerificationError::Other(e.to_string()))?;
        let key = id_token.signing_key(&verifier).map_err(ClaimsVerificationError::SignatureVerification)?;
        let actual = AccessTokenHash::from_token(response.access_token(), algorithm, key)
            .map_err(|e| ClaimsVerificationError::Other(e.to_string()))?;
        if actual != *expected {
            return Err(ClaimsVerificationError::Other("access token hash mismatch".into()));
        }
    }
    Ok(Claims {
        subject: claims.subject().as_str().to_owned(),
        vneid: claims.additional_claims().clone(),
        acr_level: claims.auth_context_ref().and_then(|acr| level(&Value::String(acr.as_str().to_owned()))),
    })
}

impl VneidClaims {
    /// Whether the number or the name is missing, so that userinfo must be asked.
    fn lacks_identity(&self) -> bool {
        self.cccd.is_none() || self.full_name.is_none()
    }

    /// Takes each claim this set lacks from `other`.
    fn fill_from(&mut self, other: VneidClaims) {
        let VneidClaims { tech_id, account_type, full_name, cccd, birth_date, lo_as, ial } = other;
        self.tech_id = self.tech_id.take().or(tech_id);
        self.account_type = self.account_type.take().or(account_type);
        self.full_name = self.full_name.take().or(full_name);
        self.cccd = self.cccd.take().or(cccd);
        self.birth_date = self.birth_date.take().or(birth_date);
        self.lo_as = self.lo_as.take().or(lo_as);
        self.ial = self.ial.take().or(ial);
    }
}

impl Claims {
    /// The identity the claims name, or why they do not name a usable one.
    fn identity(self) -> Result<VneidIdentity, IdpError> {
        let extra = &self.vneid;
        let invalid = |detail: &str| IdpError::IdToken { problem: IdTokenProblem::Invalid(detail.to_owned()) };
        let cccd = match &extra.cccd {
            Some(text) => Some(Cccd::from_digits(text).map_err(|_| invalid("SoDinhDanh is not a CCCD number"))?),
            None => None,
        };
        let birth_date = match &extra.birth_date {
            Some(text) => Some(
                NaiveDate::parse_from_str(text, "%d/%m/%Y")
                    .map_err(|_| invalid("NgayThangNamSinh is not dd/MM/yyyy"))?,
            ),
            None => None,
        };
        let level = [&extra.lo_as, &extra.ial].into_iter().flatten().find_map(level).or(self.acr_level);
        Ok(VneidIdentity {
            subject: self.subject,
            full_name: extra.full_name.as_deref().map(nfc).unwrap_or_default(),
            cccd,
            birth_date,
            level,
            account_type: extra.account_type.clone(),
        })
    }
}

/// `loAs` and `IAL` come as "2" or 2, `acr` as "LoA2".
fn level(value: &Value) -> Option<IdentityLevel> {
    let number = match value {
        Value::String(text) => {
            let text = text.trim();
            let digits = text.get(..3).filter(|p| p.eq_ignore_ascii_case("loa")).map_or(text, |_| &text[3..]);
            digits.parse().ok()?
        }
        Value::Number(number) => number.as_u64()?,
        _ => return None,
    };
    match number {
        1 => Some(IdentityLevel::Level1),
        2 => Some(IdentityLevel::Level2),
        _ => None,
    }
}

fn problem(error: ClaimsVerificationError) -> IdTokenProblem {
    match error {
        ClaimsVerificationError::Expired(_) => IdTokenProblem::Expired,
        ClaimsVerificationError::InvalidAudience(_) => IdTokenProblem::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => IdTokenProblem::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(detail) if detail == NONCE_MISSING => IdTokenProblem::NonceMissing,
        ClaimsVerificationError::InvalidNonce(_) => IdTokenProblem::NonceMismatch,
        ClaimsVerificationError::SignatureVerification(_) => IdTokenProblem::BadSignature,
        other => IdTokenProblem::Invalid(other.to_string()),
    }
}
