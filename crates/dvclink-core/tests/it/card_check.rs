//! The card against the account: which details differ and what the citizen reads about each.

use chrono::NaiveDate;
use dvclink_core::card_check::{Difference, Holder, compare};
use dvclink_core::lang::{Lang, Localized};
use dvclink_core::profile::Sex;

fn holder(name: &str, birth: (i32, u32, u32), sex: Sex) -> Holder {
    Holder {
        full_name: name.to_owned(),
        birth_date: NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2),
        sex: Some(sex),
    }
}

#[track_caller]
fn check(account: Holder, card: Holder, expected_vi: &[&str]) {
    let differences = compare(&account, &card);
    let texts: Vec<String> = differences.iter().map(|d| d.text(Lang::Vi)).collect();
    assert_eq!(texts, expected_vi);
    for difference in &differences {
        assert!(!difference.text(Lang::En).is_empty());
    }
}

#[test]
fn each_differing_detail_gets_its_next_step() {
    let card = holder("Lê Văn Cường", (1978, 5, 11), Sex::Male);
    check(card.clone(), card.clone(), &[]);
    check(
        holder("Lê Văn Cường", (1978, 11, 5), Sex::Male),
        card.clone(),
        &["Tài khoản ghi ngày sinh 05/11/1978, thẻ ghi 11/05/1978: hãy sửa ngày sinh trong Thông tin cá nhân."],
    );
    check(
        holder("Lê Văn Cương", (1978, 5, 11), Sex::Female),
        card.clone(),
        &[
            "Họ tên trên tài khoản («Lê Văn Cương») chỉ khác dấu so với thẻ («Lê Văn Cường»): vẫn liên kết được, nên sửa lại trong Thông tin cá nhân.",
            "Tài khoản ghi giới tính Nữ, thẻ ghi Nam: hãy sửa giới tính trong Thông tin cá nhân.",
        ],
    );
    check(
        holder("Lê Minh Cường", (1978, 5, 11), Sex::Male),
        card.clone(),
        &[
            "Tài khoản ghi họ tên «Lê Minh Cường», thẻ ghi «Lê Văn Cường»: hãy sửa họ tên trong Thông tin cá nhân cho giống trên thẻ.",
        ],
    );
    // Decomposed letters and extra spaces are the same name.
    check(holder("Le\u{302}  Va\u{306}n Cu\u{31b}o\u{31b}\u{300}ng", (1978, 5, 11), Sex::Male), card.clone(), &[]);
    let no_birth = Holder { birth_date: None, ..card.clone() };
    check(
        no_birth,
        card.clone(),
        &["Tài khoản ghi ngày sinh để trống, thẻ ghi 11/05/1978: hãy sửa ngày sinh trong Thông tin cá nhân."],
    );
}

#[test]
fn only_a_difference_in_marks_lets_the_link_through() {
    let blocks = |d: Difference| d.blocks_link();
    assert!(!blocks(Difference::NameMarks { account: "a".into(), card: "á".into() }));
    assert!(blocks(Difference::Name { account: "a".into(), card: "b".into() }));
    assert!(blocks(Difference::Sex { account: None, card: Sex::Male }));
}
