//! The laptop's kept sign-in in the system keychain itself, where one can be reached from a test:
//! Windows's Credential Manager (keyring's Windows store), run under Wine on every change. On
//! Linux the keychain is GNOME Keyring on a session bus of its own, in the end-to-end journeys.
//! Everywhere, the note that says a sign-in is kept, with keyring's mock store.

#[cfg(windows)]
#[test]
fn credential_manager_keeps_reads_back_and_forgets_a_sign_in() {
    use dvclink_core::port::KeptSignIn;
    use dvclink_core::secret::Secret;
    use dvclink_desktop::keychain::Keychain;

    let notes = tempfile::tempdir().unwrap();
    let note = notes.path().join("kept-sign-in");
    let keychain = Keychain::system(note.clone());
    keychain.forget();
    assert!(keychain.kept().is_none(), "nothing kept to begin with");
    let sign_in = KeptSignIn { refresh_token: Secret::new("refresh-token-1"), nonce: "nonce-1".into() };
    keychain.keep(&sign_in, Some("owner-key"));
    let kept = keychain.kept().expect("Credential Manager gives the sign-in back");
    assert_eq!(kept.sign_in.refresh_token.expose(), "refresh-token-1");
    assert_eq!(kept.sign_in.nonce, "nonce-1");
    assert_eq!(kept.owner.as_deref(), Some("owner-key"));
    // A second app start reads the same entry.
    assert!(Keychain::system(note.clone()).kept().is_some());
    keychain.forget();
    assert!(!note.exists(), "the note goes with it");
    assert!(Keychain::system(note).kept().is_none(), "«Đăng xuất» forgets it");
}

/// The note beside the cache says whether a sign-in is kept: without it the keychain is not
/// asked at start; sign-out removes both.
#[test]
fn the_keychain_is_asked_only_while_its_note_says_a_sign_in_is_kept() {
    use dvclink_core::port::KeptSignIn;
    use dvclink_core::secret::Secret;
    use dvclink_desktop::keychain::Keychain;

    let notes = tempfile::tempdir().unwrap();
    let note = notes.path().join("kept-sign-in");
    let keychain = Keychain::in_store(keyring_core::mock::Store::new().unwrap(), note.clone());
    assert!(keychain.kept().is_none(), "nothing kept to begin with");
    let sign_in = KeptSignIn { refresh_token: Secret::new("refresh-token-1"), nonce: "nonce-1".into() };
    keychain.keep(&sign_in, Some("owner-key"));
    assert!(note.exists(), "keeping writes the note");
    assert_eq!(keychain.kept().map(|kept| kept.owner), Some(Some("owner-key".to_owned())));

    std::fs::remove_file(&note).unwrap();
    assert!(keychain.kept().is_none(), "without the note the entry is not read");
    // An entry without a note (as an earlier version kept it) still goes at sign-out.
    keychain.forget();
    std::fs::write(&note, b"").unwrap();
    assert!(keychain.kept().is_none(), "the entry is gone");
    assert!(!note.exists(), "a note with no entry behind it is removed");
}
