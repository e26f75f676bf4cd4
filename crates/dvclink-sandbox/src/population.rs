//! The stand-in population database (CSDL Quốc gia về Dân cư): synthetic citizens generated
//! deterministically from a seed, with realistic Vietnamese names, every province code, and
//! numbers that follow the CCCD structure. The demo personas are placed first, with fixed data.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use dvclink_core::profile::{IdentityLevel, Sex};
use dvclink_core::province::PROVINCES;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::persona::{PERSONAS, UNKNOWN_CCCD, confusable_citizens};

/// One person as the population database records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    pub cccd: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub ethnicity: String,
    pub nationality: String,
    pub home_town: String,
    pub permanent_address: String,
    pub current_address: String,
    /// The VNeID account, when the citizen has activated one.
    pub vneid: Option<IdentityLevel>,
}

/// All citizens, looked up by CCCD number.
#[derive(Debug, Clone)]
pub struct Population {
    citizens: Vec<Citizen>,
    index: HashMap<String, usize>,
}

/// The password of every activated VNeID account in the sandbox.
pub const VNEID_PASSWORD: &str = "Vneid@123";

impl Population {
    /// The personas, then `count` generated citizens. The same seed gives the same people.
    pub fn generate(seed: u64, count: usize) -> Population {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut population = Population { citizens: Vec::with_capacity(count + PERSONAS.len()), index: HashMap::new() };
        for persona in PERSONAS {
            population.push(persona.citizen());
        }
        for citizen in confusable_citizens() {
            population.push(citizen);
        }
        let first_generated = population.citizens.len();
        while population.citizens.len() < first_generated + count {
            let citizen = random_citizen(&mut rng, population.citizens.len() - first_generated);
            if !population.index.contains_key(&citizen.cccd) && citizen.cccd != UNKNOWN_CCCD {
                population.push(citizen);
            }
        }
        population
    }

    pub fn get(&self, cccd: &str) -> Option<&Citizen> {
        self.index.get(cccd).map(|&i| &self.citizens[i])
    }

    pub fn len(&self) -> usize {
        self.citizens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.citizens.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Citizen> {
        self.citizens.iter()
    }

    fn push(&mut self, citizen: Citizen) {
        self.index.insert(citizen.cccd.clone(), self.citizens.len());
        self.citizens.push(citizen);
    }
}

/// Builds a CCCD number from its parts (REFERENCE.md §2).
pub fn cccd_for(province: &str, sex: Sex, birth_year: i32, serial: u32) -> String {
    let century = (birth_year - 1900) / 100;
    let digit = century * 2 + i32::from(sex == Sex::Female);
    format!("{province}{digit}{:02}{serial:06}", birth_year % 100)
}

/// Family names, weighted roughly by how common they are.
const FAMILY: [(&str, u32); 24] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 20),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trương", 6),
    ("Lương", 4),
    ("Mai", 4),
    ("Đoàn", 4),
    ("Cao", 3),
    ("Lâm", 3),
    ("Hà", 3),
];
const MIDDLE_MALE: [&str; 15] = [
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành", "Xuân", "Ngọc", "Gia", "Thanh", "Đình", "Quang", "Tuấn",
    "Hoàng",
];
const MIDDLE_FEMALE: [&str; 14] =
    ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Thùy", "Phương", "Mai", "Hồng", "Bảo", "Khánh", "Diệu", "Như"];
const GIVEN_MALE: [&str; 34] = [
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khang", "Khoa", "Kiên",
    "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Toàn",
    "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
];
const GIVEN_FEMALE: [&str; 35] = [
    "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Lan",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Thủy",
    "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến",
];
const ETHNICITIES: [(&str, u32); 13] = [
    ("Kinh", 850),
    ("Tày", 20),
    ("Thái", 18),
    ("Mường", 15),
    ("Khmer", 14),
    ("Hoa", 9),
    ("Nùng", 11),
    ("H'Mông", 14),
    ("Dao", 9),
    ("Gia Rai", 5),
    ("Ê Đê", 4),
    ("Ba Na", 3),
    ("Chăm", 2),
];
const PLACES: [&str; 20] = [
    "An Phú",
    "Tân Lập",
    "Hòa Bình",
    "Quang Trung",
    "Tân Thành",
    "Thạnh Mỹ",
    "Đông Hòa",
    "Phú Lợi",
    "Vĩnh Hưng",
    "Thống Nhất",
    "Minh Khai",
    "Hưng Long",
    "Đại Đồng",
    "Yên Sơn",
    "Cẩm Bình",
    "Trung Hòa",
    "Nghĩa Đô",
    "Phước Long",
    "Bình An",
    "Xuân Phương",
];
const STREETS: [&str; 10] = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Phan Chu Trinh",
    "Quang Trung",
    "Hùng Vương",
    "Điện Biên Phủ",
    "Nguyễn Huệ",
];

fn weighted<'a, R: Rng>(rng: &mut R, table: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut pick = rng.gen_range(0..total);
    for (item, weight) in table {
        if pick < *weight {
            return item;
        }
        pick -= weight;
    }
    table[0].0
}

fn pick<'a, R: Rng>(rng: &mut R, table: &[&'a str]) -> &'a str {
    table[rng.gen_range(0..table.len())]
}

/// A commune, district and province; `province` is a name from the province table.
fn address<R: Rng>(rng: &mut R, province: &str, with_street: bool) -> String {
    let commune = if rng.gen_bool(0.5) { "Xã" } else { "Phường" };
    let district = if rng.gen_bool(0.6) { "Huyện" } else { "Quận" };
    let place = format!("{commune} {}, {district} {}, {province}", pick(rng, &PLACES), pick(rng, &PLACES));
    if with_street {
        format!("Số {} đường {}, {place}", rng.gen_range(1..300), pick(rng, &STREETS))
    } else {
        place
    }
}

/// The `n`-th generated citizen; provinces go round so that every code appears.
fn random_citizen<R: Rng>(rng: &mut R, n: usize) -> Citizen {
    let (code, province) = PROVINCES[n % PROVINCES.len()];
    let sex = if rng.gen_bool(0.5) { Sex::Male } else { Sex::Female };
    let (middle, given) = match sex {
        Sex::Male => (pick(rng, &MIDDLE_MALE), pick(rng, &GIVEN_MALE)),
        Sex::Female => (pick(rng, &MIDDLE_FEMALE), pick(rng, &GIVEN_FEMALE)),
    };
    let full_name = format!("{} {middle} {given}", weighted(rng, &FAMILY));
    let year = rng.gen_range(1940..=2012);
    let birth_date = NaiveDate::from_yo_opt(year, rng.gen_range(1..=365)).unwrap_or_default();
    let (_, lives_in) = PROVINCES[rng.gen_range(0..PROVINCES.len())];
    let permanent_address = address(rng, lives_in, true);
    let current_address = if rng.gen_bool(0.8) { permanent_address.clone() } else { address(rng, lives_in, true) };
    let vneid = match rng.gen_range(0..10) {
        0..=5 => Some(IdentityLevel::Level2),
        6..=7 => Some(IdentityLevel::Level1),
        _ => None,
    };
    Citizen {
        cccd: cccd_for(code, sex, birth_date.year(), rng.gen_range(0..1_000_000)),
        full_name,
        birth_date,
        sex,
        ethnicity: weighted(rng, &ETHNICITIES).to_owned(),
        nationality: "Việt Nam".to_owned(),
        home_town: address(rng, province, false),
        permanent_address,
        current_address,
        vneid,
    }
}
