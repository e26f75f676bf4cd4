//! The VNeID adapter: the [`IdentityProvider`] port through the `openidconnect` crate, as a
//! public native client (RFC 8252): discovery, an authorization URL carrying the flow's own
//! state, nonce and S256 PKCE challenge, the code exchange with ID-token verification
//! (signature, issuer, audience, expiry, nonce, access-token hash), and end-session.

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
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthorizationCode, ClaimsVerificationError, Client, ClientId, CsrfToken,
    DiscoveryError, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest, HttpResponse,
    IdToken, IdTokenFields, IssuerUrl, LogoutRequest, Nonce, NonceVerifier, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl, RefreshToken, RequestTokenError,
    SignatureVerificationError, StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Mutex;
use url::Url;

use crate::http::{self, HttpSettings, RetryPolicy};

/// Which provider and which registered client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VneidConfig {
    /// Such as `https://…/auth/realms/citizen`.
    pub issuer: Url,
    pub client_id: String,
}

/// The identity provider over HTTP. Discovery is fetched once and again when the provider's
/// keys change.
#[derive(Debug)]
pub struct VneidClient {
    config: VneidConfig,
    http: reqwest::Client,
    retry: RetryPolicy,
    provider: Mutex<Option<Arc<ProviderMetadataWithLogout>>>,
}

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
    async fn provider(&self, refresh: bool) -> Result<Arc<ProviderMetadataWithLogout>, IdpError> {
        let mut cached = self.provider.lock().await;
        if let (Some(provider), false) = (cached.as_ref(), refresh) {
            return Ok(provider.clone());
        }
        let issuer = IssuerUrl::from_url(self.config.issuer.clone());
        let http = |request| send(self.http.clone(), self.retry.clone(), request);
        let metadata =
            ProviderMetadataWithLogout::discover_async(issuer, &http).await.map_err(|error| match error {
                DiscoveryError::Request(failure) => failure.into_idp_error(),
                other => IdpError::Discovery { detail: other.to_string() },
            })?;
        let provider = Arc::new(metadata);
        *cached = Some(provider.clone());
        Ok(provider)
    }

    fn client(&self, provider: &ProviderMetadataWithLogout) -> OidcClient {
        Client::from_provider_metadata(provider.clone(), ClientId::new(self.config.client_id.clone()), None)
    }

    /// Verifies the ID token of a token response, discovering the keys again once if the
    /// token names a key the cached set lacks (the provider rotated its keys).
    async fn verify(
        &self,
        provider: Arc<ProviderMetadataWithLogout>,
        response: &VneidTokenResponse,
        nonce: &str,
    ) -> Result<VneidIdentity, IdpError> {
        let id_token = response.id_token().ok_or(IdpError::IdToken { problem: IdTokenProblem::Missing })?;
        let nonce = Nonce::new(nonce.to_owned());
        let mut client = self.client(&provider);
        let mut outcome = identity(&client, id_token, response, &nonce);
        if let Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) = outcome
        {
            client = self.client(&*self.provider(true).await?);
            outcome = identity(&client, id_token, response, &nonce);
        }
        outcome.map_err(|error| IdpError::IdToken { problem: problem(error) })?
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
        let (url, _, _) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .set_redirect_uri(Cow::Owned(RedirectUrl::from_url(request.redirect_uri.clone())))
            .set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier))
            .url();
        Ok(url)
    }

    async fn exchange_code(&self, exchange: &CodeExchange) -> Result<VneidTokens, IdpError> {
        let provider = self.provider(false).await?;
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
        let identity = self.verify(provider, &response, &exchange.nonce).await?;
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
        let identity = self.verify(provider, &response, &kept.nonce).await?;
        Ok(tokens(&response, identity))
    }

    async fn end_session(&self, tokens: &VneidTokens) -> Result<(), IdpError> {
        let provider = self.provider(false).await?;
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

/// Checks the ID token and reads the identity it names. The outer error is a failed check; the
/// inner one a token that passed every check but does not carry a usable identity.
fn identity(
    client: &OidcClient,
    id_token: &VneidIdToken,
    response: &VneidTokenResponse,
    nonce: &Nonce,
) -> Result<Result<VneidIdentity, IdpError>, ClaimsVerificationError> {
    let verifier = client.id_token_verifier();
    let same_nonce = |claimed: Option<&Nonce>| match claimed {
        None => Err(NONCE_MISSING.to_owned()),
        Some(claimed) => nonce.verify(Some(claimed)),
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
    let extra = claims.additional_claims();
    let invalid = |detail: &str| IdpError::IdToken { problem: IdTokenProblem::Invalid(detail.to_owned()) };
    let cccd = match &extra.cccd {
        Some(text) => match Cccd::from_digits(text) {
            Ok(cccd) => Some(cccd),
            Err(_) => return Ok(Err(invalid("SoDinhDanh is not a CCCD number"))),
        },
        None => None,
    };
    let birth_date = match &extra.birth_date {
        Some(text) => match NaiveDate::parse_from_str(text, "%d/%m/%Y") {
            Ok(date) => Some(date),
            Err(_) => return Ok(Err(invalid("NgayThangNamSinh is not dd/MM/yyyy"))),
        },
        None => None,
    };
    let level = [&extra.lo_as, &extra.ial].into_iter().flatten().find_map(level);
    Ok(Ok(VneidIdentity {
        subject: claims.subject().as_str().to_owned(),
        full_name: extra.full_name.as_deref().map(nfc).unwrap_or_default(),
        cccd,
        birth_date,
        level,
        account_type: extra.account_type.clone(),
    }))
}

/// `loAs` and `IAL` come as "2" or 2.
fn level(value: &Value) -> Option<IdentityLevel> {
    let number = match value {
        Value::String(text) => text.trim().parse().ok()?,
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
