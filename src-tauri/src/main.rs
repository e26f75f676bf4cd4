//! The `dvclink` executable.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    dvclink_desktop::run();
}
