//! Vietnamese text without its diacritics. The population database matches names this way
//! (upper case, no marks), and the dossier search finds "Đăng ký kết hôn" from "dang ky ket hon".
//! `đ` and `Đ` are letters of their own, not marked `d`s, so Unicode decomposition alone does
//! not fold them; this table does.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Text in the one form the app keeps and compares: Unicode NFC. Some Vietnamese keyboard
/// settings («Unicode tổ hợp») type decomposed letters (NFD), and other systems may send them;
/// every text that enters the app goes through here.
pub fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// What was typed in a number field, compatibility-normalised (NFKC): full-width digits
/// (`０１２`, from an East Asian input method) become ASCII digits.
pub fn typed_number(text: &str) -> String {
    text.nfkc().collect()
}

/// Lower case, with every Vietnamese diacritic removed and `đ` as `d`, whether the text came
/// composed or decomposed.
pub fn fold(text: &str) -> String {
    nfc(text).chars().flat_map(char::to_lowercase).map(fold_char).collect()
}

/// A name as the population database compares it: folded, upper case, single spaces.
pub fn fold_name(name: &str) -> String {
    name.split_whitespace().map(|word| fold(word).to_uppercase()).collect::<Vec<_>>().join(" ")
}

/// One lower-case letter without its marks. A `match`, so that folding the words of 100,000
/// dossiers stays a small part of writing them.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' => {
            'a'
        }
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' => {
            'o'
        }
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        _ => c,
    }
}
