//! The domain of dvclink: CCCD numbers, profiles, dossiers, and the guide's journeys (linking an
//! old portal account, signing in with VNeID, updating identity later) as pure state machines.
//!
//! Nothing here does IO or reads a clock or a random source: times, states, nonces and PKCE
//! verifiers are passed in, and the portal and identity provider are reached through the traits
//! in [`port`].

pub mod card_check;
pub mod cccd;
pub mod cccd_entry;
pub mod cccd_link;
pub mod dossier;
pub mod identity;
pub mod lang;
pub mod next_step;
pub mod port;
pub mod profile;
pub mod province;
pub mod refusal;
pub mod secret;
pub mod task;
pub mod text;
pub mod vneid;
pub mod wizard;

pub use cccd::Cccd;
pub use lang::{Lang, Localized};
pub use secret::Secret;
pub use task::Task;
