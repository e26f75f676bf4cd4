//! Thông tin cá nhân's correction of the details the population database compares (name, birth
//! date, sex), for an account not yet linked: what a citizen does when the card showed that the
//! account says otherwise.

use dvclink_core::lang::Lang;
use dvclink_core::port::{Portal, PortalError};
use dvclink_core::profile::{ProfileChange, Sex};
use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

use super::{Desk, session_view};
use crate::contract::{self, SessionChanged};
use crate::error::IpcError;
use crate::views::SessionView;

/// `update_personal({ change })`: the details to correct; each left out stays as it is.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PersonalChange {
    #[ts(optional)]
    pub full_name: Option<String>,
    /// `dd/mm/yyyy`.
    #[ts(optional)]
    pub birth_date: Option<String>,
    #[ts(optional)]
    pub sex: Option<Sex>,
}

impl Desk {
    /// Sends the correction to the portal and shows the account as it answers.
    pub async fn update_personal<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        change: PersonalChange,
    ) -> Result<SessionView, IpcError> {
        let lang = self.lang();
        let change = profile_change(change, lang)?;
        let mut visit = self.visit.lock().await;
        let Some(signed_in) = visit.signed_in.as_ref() else { return Err(IpcError::not_signed_in(lang)) };
        let session = signed_in.session.clone();
        let account = match self.portal.update_profile(&session, &change).await {
            Ok(account) => account,
            Err(PortalError::Refused { code }) if code == "identity_locked" => {
                return Err(IpcError::invalid_input(
                    lang.pick(
                        "Tài khoản đã liên kết số CCCD: họ tên, ngày sinh và giới tính lấy từ CSDL Quốc gia về Dân cư, không sửa ở đây.",
                        "The account is linked to its CCCD number: name, birth date and sex come from the population database and are not changed here.",
                    )
                    .to_owned(),
                ));
            }
            Err(error) => return Err(self.portal_failure(&mut visit, &error)),
        };
        self.offline.save_account(&account);
        let Some(signed_in) = visit.signed_in.as_mut() else { return Err(IpcError::not_signed_in(lang)) };
        signed_in.account = account;
        let view = session_view(signed_in, lang);
        // Thông tin định danh opens afresh from the corrected account.
        visit.identity = None;
        tracing::info!("the account's details were corrected");
        contract::emit::<SessionChanged, R>(app, Some(view.clone()));
        Ok(view)
    }
}

/// Checks the typed change; a bad one is said before anything is sent.
fn profile_change(change: PersonalChange, lang: Lang) -> Result<ProfileChange, IpcError> {
    let full_name = match change.full_name.map(|name| name.split_whitespace().collect::<Vec<_>>().join(" ")) {
        Some(name) if name.is_empty() => {
            return Err(IpcError::invalid_input(lang.pick("Hãy nhập họ và tên.", "Type the full name.").to_owned()));
        }
        other => other.map(|name| dvclink_core::text::nfc(&name)),
    };
    let birth_date = match change.birth_date.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => Some(chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y").map_err(|_| {
            IpcError::invalid_input(
                lang.pick(
                    "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 11/05/1978.",
                    "The birth date must be day/month/year, such as 11/05/1978.",
                )
                .to_owned(),
            )
        })?),
    };
    let change = ProfileChange { full_name, birth_date, sex: change.sex };
    if change.is_empty() {
        return Err(IpcError::invalid_input(lang.pick("Chưa có gì để sửa.", "Nothing to correct.").to_owned()));
    }
    Ok(change)
}
