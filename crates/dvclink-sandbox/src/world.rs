//! Everything the sandbox knows, behind one lock: the population, the old portal accounts and
//! their dossiers, pending one-time codes, sessions, and the identity provider's grants. Changes
//! to accounts are written to the data directory, when there is one, so they survive a restart.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dvclink_core::profile::{AccountKind, ProfileField, Sex};
use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::SandboxConfig;
use crate::clock::Clock;
use crate::dossiers::{self, DossierRecord};
use crate::faults::{FaultSettings, Faults};
use crate::persona::{DEMO_PASSWORD, EXTRA_ACCOUNTS, PERSONAS, Persona};
use crate::population::Population;
use crate::vneid::{CodeGrant, OidcState, TokenGrant};

/// The sandbox's state.
pub struct World {
    pub clock: Arc<dyn Clock>,
    pub population: Population,
    pub accounts: Vec<LegacyAccount>,
    pub by_username: HashMap<String, usize>,
    pub challenges: HashMap<String, Challenge>,
    pub sessions: HashMap<String, Session>,
    pub previews: HashMap<String, Preview>,
    pub sms: Vec<Sms>,
    pub oidc: OidcState,
    pub faults: Faults,
    /// The serial number the next generated dossier gets; dossier codes stay unique.
    pub next_serial: u32,
    seed: u64,
    rng: StdRng,
    data_dir: Option<PathBuf>,
}

/// An account the portal itself issued, before VNeID.
#[derive(Debug, Clone)]
pub struct LegacyAccount {
    pub username: String,
    pub password: String,
    pub phone: String,
    pub kind: AccountKind,
    pub profile: AccountProfile,
    pub failed_passwords: u32,
    pub failed_codes: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub dossiers: Vec<DossierRecord>,
    /// Dossiers no longer shown to this account, with when they went.
    pub removed: Vec<(String, NaiveDateTime)>,
}

/// The parts of an account that linking and identity updates change; this is what is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountProfile {
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub cccd: Option<String>,
    pub cmnd: Option<String>,
    pub email: Option<String>,
    pub ethnicity: Option<String>,
    pub nationality: Option<String>,
    pub home_town: Option<String>,
    pub permanent_address: Option<String>,
    pub current_address: Option<String>,
    pub verified: BTreeSet<ProfileField>,
}

/// A password sign-in waiting for its one-time code.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub account: usize,
    pub code: String,
    pub expires_at: DateTime<Utc>,
    pub resend_at: DateTime<Utc>,
}

/// Who a portal session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionOwner {
    /// Signed in with the old account's password and code.
    Legacy(usize),
    /// Signed in with VNeID; the old account linked to the CCCD, if any, is found at each call.
    Vneid { cccd: String },
}

#[derive(Debug, Clone)]
pub struct Session {
    pub owner: SessionOwner,
    pub expires_at: DateTime<Utc>,
}

/// An identity lookup waiting for "Cập nhật".
#[derive(Debug, Clone)]
pub struct Preview {
    pub account: usize,
    pub profile: AccountProfile,
    pub expires_at: DateTime<Utc>,
}

/// A text message the sandbox "sent"; testers read them from `/sandbox/sms`.
#[derive(Debug, Clone, Serialize)]
pub struct Sms {
    pub to: String,
    pub text: String,
    pub code: String,
    pub sent_at: DateTime<Utc>,
}

/// What is kept in the data directory: the accounts' changes; the provider's unredeemed
/// authorization codes, so that a sign-in finished while the sandbox restarted still completes;
/// its live refresh tokens, so that a laptop's kept sign-in outlives a restart as it would
/// against the real VNeID; and the fault injection, so that a network cut stays cut across one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    accounts: HashMap<String, AccountProfile>,
    #[serde(default)]
    codes: HashMap<String, CodeGrant>,
    #[serde(default)]
    refresh: HashMap<String, TokenGrant>,
    #[serde(default)]
    faults: FaultSettings,
}

const STATE_FILE: &str = "sandbox-state.json";

impl World {
    pub fn new(config: &SandboxConfig) -> World {
        let population = Population::generate(config.seed, config.citizens);
        let now = config.clock.vietnam_now();
        let mut world = World {
            clock: config.clock.clone(),
            population,
            accounts: Vec::new(),
            by_username: HashMap::new(),
            challenges: HashMap::new(),
            sessions: HashMap::new(),
            previews: HashMap::new(),
            sms: Vec::new(),
            oidc: OidcState::default(),
            faults: Faults::default(),
            next_serial: 1,
            seed: config.seed,
            rng: StdRng::from_entropy(),
            data_dir: config.data_dir.clone(),
        };
        let mut serial = 1;
        for (i, persona) in PERSONAS.iter().enumerate() {
            let dossiers =
                dossiers::generate(persona.full_name, config.seed ^ (i as u64 + 1), serial, persona.dossiers, now);
            serial += persona.dossiers as u32;
            world.add_account(persona_account(persona, dossiers));
        }
        for (i, extra) in EXTRA_ACCOUNTS.iter().enumerate() {
            let Some(owner) = Persona::by_key(extra.owner) else { continue };
            let dossiers =
                dossiers::generate(owner.full_name, config.seed ^ (100 + i as u64), serial, extra.dossiers, now);
            serial += extra.dossiers as u32;
            let mut account = persona_account(owner, dossiers);
            account.username = extra.username.to_owned();
            account.phone = extra.phone.to_owned();
            account.profile.cccd = Some(owner.cccd.to_owned());
            account.profile.verified = linked_fields();
            world.add_account(account);
        }
        world.next_serial = serial;
        world.load();
        world
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn account_by_username(&self, username: &str) -> Option<usize> {
        self.by_username.get(&username.trim().to_lowercase()).copied()
    }

    /// The old account that carries `cccd`, if any.
    pub fn account_by_cccd(&self, cccd: &str) -> Option<usize> {
        self.accounts.iter().position(|a| a.profile.cccd.as_deref() == Some(cccd))
    }

    /// Adds `count` generated dossiers to an account; returns how many it has now.
    pub fn generate_dossiers(&mut self, account: usize, count: usize) -> usize {
        let now = self.clock.vietnam_now();
        let owner = self.accounts[account].profile.full_name.clone();
        let seed = self.seed ^ u64::from(self.next_serial).rotate_left(17);
        let mut records = dossiers::generate(&owner, seed, self.next_serial, count, now);
        // They appear in the feed now, whatever their history: the change feed orders by when
        // the portal last changed what this account sees.
        for record in &mut records {
            record.updated_at = now;
        }
        self.next_serial += count as u32;
        let dossiers = &mut self.accounts[account].dossiers;
        dossiers.extend(records);
        dossiers.len()
    }

    /// A random URL-safe token of `bytes` random bytes.
    pub fn token(&mut self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        self.rng.fill_bytes(&mut buf);
        URL_SAFE_NO_PAD.encode(buf)
    }

    /// A random six-digit code.
    pub fn six_digits(&mut self) -> String {
        format!("{:06}", self.rng.gen_range(0..1_000_000))
    }

    /// Writes the accounts' changes to the data directory, if there is one.
    pub fn save(&self) {
        let Some(dir) = &self.data_dir else { return };
        let now = self.now();
        let saved = Saved {
            accounts: self.accounts.iter().map(|a| (a.username.clone(), a.profile.clone())).collect(),
            codes: self
                .oidc
                .codes
                .iter()
                .filter(|(_, grant)| !grant.used && now - grant.issued_at <= crate::vneid::CODE_LIFETIME)
                .map(|(code, grant)| (code.clone(), grant.clone()))
                .collect(),
            refresh: self
                .oidc
                .refresh
                .iter()
                .filter(|(_, grant)| grant.expires_at > now)
                .map(|(token, grant)| (token.clone(), grant.clone()))
                .collect(),
            faults: self.faults.settings.clone(),
        };
        let result = serde_json::to_vec_pretty(&saved).map_err(std::io::Error::other).and_then(|bytes| {
            std::fs::create_dir_all(dir)?;
            let tmp = dir.join(format!("{STATE_FILE}.tmp"));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, dir.join(STATE_FILE))
        });
        if let Err(error) = result {
            tracing::warn!(%error, "could not save the sandbox state");
        }
    }

    fn load(&mut self) {
        let Some(dir) = &self.data_dir else { return };
        let path = dir.join(STATE_FILE);
        let Ok(bytes) = std::fs::read(&path) else { return };
        match serde_json::from_slice::<Saved>(&bytes) {
            Ok(saved) => {
                for account in &mut self.accounts {
                    if let Some(profile) = saved.accounts.get(&account.username) {
                        account.profile = profile.clone();
                    }
                }
                self.oidc.codes.extend(saved.codes);
                self.oidc.refresh.extend(saved.refresh);
                if saved.faults != FaultSettings::default() {
                    self.faults.set(saved.faults);
                }
            }
            Err(error) => tracing::warn!(%error, path = %path.display(), "ignoring an unreadable sandbox state"),
        }
    }

    fn add_account(&mut self, account: LegacyAccount) {
        self.by_username.insert(account.username.to_lowercase(), self.accounts.len());
        self.accounts.push(account);
    }
}

/// The fields linking confirms.
pub fn linked_fields() -> BTreeSet<ProfileField> {
    [ProfileField::FullName, ProfileField::Cccd, ProfileField::BirthDate, ProfileField::Sex].into()
}

fn persona_account(persona: &Persona, dossiers: Vec<DossierRecord>) -> LegacyAccount {
    LegacyAccount {
        username: persona.username.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        phone: persona.phone.to_owned(),
        kind: persona.kind,
        profile: AccountProfile {
            full_name: persona.full_name.to_owned(),
            birth_date: Some(persona.account_birth_date()),
            sex: Some(persona.sex),
            cccd: persona.linked.then(|| persona.cccd.to_owned()),
            cmnd: None,
            email: Some(persona.email.to_owned()),
            ethnicity: None,
            nationality: Some("Việt Nam".to_owned()),
            home_town: None,
            permanent_address: None,
            current_address: Some(persona.address.to_owned()),
            verified: if persona.linked { linked_fields() } else { BTreeSet::new() },
        },
        failed_passwords: 0,
        failed_codes: 0,
        locked_until: None,
        dossiers,
        removed: Vec::new(),
    }
}
