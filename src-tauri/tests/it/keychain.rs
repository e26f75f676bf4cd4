//! The laptop's kept sign-in in the system keychain itself, where one can be reached from a test:
//! Windows's Credential Manager (keyring's Windows backend), run under Wine on every change. On
//! Linux the keychain is GNOME Keyring on a session bus of its own, in the end-to-end journeys.

#[cfg(windows)]
#[test]
fn credential_manager_keeps_reads_back_and_forgets_a_sign_in() {
    use dvclink_core::port::KeptSignIn;
    use dvclink_core::secret::Secret;
    use dvclink_desktop::keychain::Keychain;

    let keychain = Keychain::system();
    keychain.forget();
    assert!(keychain.kept().is_none(), "nothing kept to begin with");
    let sign_in = KeptSignIn { refresh_token: Secret::new("refresh-token-1"), nonce: "nonce-1".into() };
    keychain.keep(&sign_in, Some("owner-key"));
    let kept = keychain.kept().expect("Credential Manager gives the sign-in back");
    assert_eq!(kept.sign_in.refresh_token.expose(), "refresh-token-1");
    assert_eq!(kept.sign_in.nonce, "nonce-1");
    assert_eq!(kept.owner.as_deref(), Some("owner-key"));
    // A second app start reads the same entry.
    assert!(Keychain::system().kept().is_some());
    keychain.forget();
    assert!(Keychain::system().kept().is_none(), "«Đăng xuất» forgets it");
}
