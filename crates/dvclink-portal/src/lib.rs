//! HTTP adapters for the two external systems: [`PortalClient`] for the National Public Service
//! Portal and [`VneidClient`] for VNeID. They implement the ports of `dvclink-core` against any
//! base URL and issuer, the real ones or the sandbox's. Only HTTP lives here.

mod http;
mod portal;
mod vneid;
pub mod wire;

pub use crate::http::{HttpSettings, RetryPolicy};
pub use crate::portal::PortalClient;
pub use crate::vneid::{VneidClient, VneidConfig};
