//! The cache on its own and syncing against the sandbox over loopback.

mod audit;
mod durability;
mod fixtures;
mod search;
mod store;
mod sync;
