//! The account: its settings (post-interaction processing provisioned, Try it allowed, SMTP), its configuration keys (secret ones never returned), and the refusal of any write that would hold a secret value.

use crate::dto::*;
use crate::session::Session;
use planwright::model as m;

impl Session {
    pub fn settings(&self) -> ApiResult<AccountSettings> {
        Ok(AccountSettings {
            post_interaction_provisioned: self.settings.post_interaction_provisioned()?,
            allow_try_it: self.settings.allow_try_it()?,
            smtp: self.settings.smtp()?,
            store: self.settings.path().display().to_string(),
        })
    }

    pub fn set_provisioned(&mut self, on: bool) -> ApiResult<AccountSettings> {
        self.settings.set_post_interaction_provisioned(on)?;
        self.settings()
    }

    /// Turns "Allow Try it (network)" on or off.
    pub fn set_allow_try_it(&mut self, on: bool) -> ApiResult<AccountSettings> {
        self.settings.set_allow_try_it(on)?;
        self.settings()
    }

    /// Keeps the SMTP server for Send test; `password` none keeps the stored one.
    pub fn set_smtp(&mut self, smtp: crate::try_it::SmtpSettings, password: Option<String>) -> ApiResult<AccountSettings> {
        if smtp.port == 0 {
            return Err(ApiError::new("smtp-invalid", "the SMTP port must be from 1 to 65535"));
        }
        self.settings.set_smtp(&smtp, password.as_deref())?;
        self.settings()
    }

    /// The account's configuration keys, by name; a secret key's value is never returned.
    pub fn config_keys(&self) -> ApiResult<Vec<ConfigKey>> {
        Ok(self
            .settings
            .config_keys()?
            .into_iter()
            .map(|k| ConfigKey { value: (!k.secret).then_some(k.value), name: k.name, secret: k.secret })
            .collect())
    }

    /// Adds or changes a configuration key (`value` none keeps a key's value, to change only
    /// whether it is secret); the open plans' diagnostics follow.
    pub fn set_config_key(&mut self, name: String, value: Option<String>, secret: bool) -> ApiResult<ConfigKeysChange> {
        self.settings.set_config_key(&name, value.as_deref(), secret)?;
        self.config_keys_change()
    }

    /// Deletes a configuration key; the plans that use it are warned about at once.
    pub fn delete_config_key(&mut self, name: String) -> ApiResult<ConfigKeysChange> {
        if !self.settings.delete_config_key(&name)? {
            return Err(ApiError::new("config-key-unknown", format!("the account has no configuration key '{}'", m::shorten(&name, 80))));
        }
        self.config_keys_change()
    }

    /// The account's configuration for a simulation: every key's value, and the secret ones
    /// to mask in the records.
    pub fn account(&self) -> ApiResult<planwright_sim::Account> {
        let keys = self.settings.config_keys()?;
        Ok(planwright_sim::Account {
            secrets: keys.iter().filter(|k| k.secret).map(|k| k.value.clone()).collect(),
            config: keys.into_iter().map(|k| (k.name, k.value)).collect(),
        })
    }

    /// Refuses text bound for a file that holds the value of a secret configuration key (as
    /// written, or escaped as JSON writes it), naming the key, never the value.
    pub fn refuse_secrets(&self, text: &str, what: &str) -> ApiResult<()> {
        match self.secret_in(text)? {
            Some(name) => Err(ApiError::new(
                "secret-in-file",
                format!("{what} would hold the value of the secret configuration key '{name}': write #({name}) where it is needed, or leave it to the account"),
            )),
            None => Ok(()),
        }
    }

    /// The name of the secret configuration key whose value `text` holds (as written, or
    /// escaped as JSON and XML write it), if any.
    pub(crate) fn secret_in(&self, text: &str) -> ApiResult<Option<String>> {
        for k in self.settings.config_keys()?.into_iter().filter(|k| k.secret && !k.value.is_empty()) {
            let json = serde_json::to_string(&k.value).expect("a string serializes");
            let json = &json[1..json.len() - 1];
            let xml = planwright::render::xml_escape(&k.value);
            if text.contains(&k.value) || text.contains(json) || text.contains(xml.as_str()) {
                return Ok(Some(k.name));
            }
        }
        Ok(None)
    }
}
