//! The desktop shell's tests: configuration, deep links, views, and every command through the
//! Tauri mock runtime against the sandbox on loopback.

mod commands;
mod config;
mod contract;
mod deep_link;
mod fuzz;
mod hardening;
mod keychain;
mod main_window;
mod views;
