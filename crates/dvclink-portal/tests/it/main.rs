//! The real HTTP adapters against the sandbox started in-process on 127.0.0.1:0, walking every
//! branch of the guide through the domain's state machines, as the app does.

mod dossiers;
mod faults;
mod fuzz;
mod harness;
mod linking;
mod sign_in;
mod text;
mod third_party;
mod troubles;
mod vneid;
