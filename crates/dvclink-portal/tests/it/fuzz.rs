//! The decoding of the portal's answers on any JSON: it answers with data or an error, never a
//! panic. Field names come from the portal's own vocabulary so that decoding goes deep.
//! `PROPTEST_CASES=1000000` is the documented long run (SECURITY.md); CI runs the default count.

use dvclink_portal::wire;
use proptest::prelude::*;
use serde_json::{Map, Value};

const FIELDS: [&str; 24] = [
    "items",
    "next_cursor",
    "total",
    "DaXoa",
    "MaHoSo",
    "TenTTHC",
    "MaTTHC",
    "TrangThaiHoSo",
    "HinhThuc",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayTra",
    "NgayCapNhat",
    "QuaTrinhXuLy",
    "ThoiDiemXuLy",
    "LePhi",
    "SoTien",
    "HoVaTen",
    "SoDinhDanh",
    "NgayThangNamSinh",
    "GioiTinh",
    "preview_id",
    "profile",
    "TenDangNhap",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9]{1,14}".prop_map(Value::String),
        "[0-9]{2}/[0-9]{2}/[0-9]{4}( [0-9]{2}:[0-9]{2}:[0-9]{2})?".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(FIELDS.to_vec()), inner), 0..10).prop_map(|pairs| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>())
            }),
        ]
    })
}

proptest! {
    // Cases from `PROPTEST_CASES`; a failure is reported, not written into the source tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decoding_never_panics(value in json()) {
        let _ = wire::dossier_page(value.clone());
        let _ = wire::dossier(value.clone());
        let _ = wire::account(value.clone());
        let _ = wire::preview(value);
    }
}
