//! The account's configuration keys, as a simulation reads them: the values of `#(Key)`
//! placeholders, under the scenario's own `config` (which wins, so a scenario can try another
//! value), and the values that are secret, which no record of a run keeps.

use crate::record::RunRecord;
use std::collections::BTreeMap;

/// What stands for a secret value in a run's record.
pub const MASK: &str = "•••";

/// The account's configuration as the simulator sees it. The default is an account with no
/// keys (the CLI's, which has no account settings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Account {
    /// Every key's value, secret or not.
    pub config: BTreeMap<String, String>,
    /// The values of the secret keys, masked in every record of a run.
    pub secrets: Vec<String>,
}

impl Account {
    /// The configuration a run reads: the account's keys, then the scenario's on top.
    pub fn merged(&self, scenario: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut config = self.config.clone();
        config.extend(scenario.iter().map(|(k, v)| (k.clone(), v.clone())));
        config
    }

    /// `text` with every secret value replaced by [`MASK`]. Longer secrets first, so one
    /// secret inside another is not left half shown.
    pub fn mask(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in self.secrets_longest_first() {
            if out.contains(secret) {
                out = out.replace(secret, MASK);
            }
        }
        out
    }

    fn secrets_longest_first(&self) -> Vec<&str> {
        let mut secrets: Vec<&str> = self.secrets.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets
    }

    /// Masks every text of a run's record that may hold a rendered template: step notes, data
    /// source values, the outbox, connector calls and end messages.
    pub fn mask_record(&self, r: &mut RunRecord) {
        if self.secrets_longest_first().is_empty() {
            return;
        }
        let m = |s: &mut String| {
            let masked = self.mask(s);
            *s = masked;
        };
        for step in &mut r.steps {
            m(&mut step.note);
            for c in &mut step.changes {
                if let Some(v) = &mut c.value {
                    m(v);
                }
            }
        }
        for msg in &mut r.outbox {
            msg.to.iter_mut().chain(&mut msg.cc).chain(&mut msg.bcc).for_each(m);
            m(&mut msg.reply_to);
            m(&mut msg.subject);
            m(&mut msg.body);
        }
        for call in &mut r.connector_calls {
            m(&mut call.url);
            m(&mut call.body);
        }
        r.data.values_mut().for_each(m);
        for c in &mut r.ended_with {
            if let Some(v) = &mut c.value {
                m(v);
            }
        }
        if let Some(route) = &mut r.route {
            route.data_sources.iter_mut().for_each(|v| m(&mut v.value));
            route.reasons.iter_mut().for_each(m);
        }
        m(&mut r.end_reason.message);
        if let Some(e) = &mut r.interaction_end {
            m(&mut e.message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scenario_wins_and_longer_secrets_are_masked_first() {
        let account = Account {
            config: BTreeMap::from([("Host".into(), "crm.example.com".into()), ("Token".into(), "s3cr3t-long".into())]),
            secrets: vec!["s3cr3t".into(), "s3cr3t-long".into(), String::new()],
        };
        let merged = account.merged(&BTreeMap::from([("Host".into(), "test.example.com".into())]));
        assert_eq!(merged["Host"], "test.example.com", "the scenario's value wins");
        assert_eq!(merged["Token"], "s3cr3t-long", "the account's other keys stay");
        assert_eq!(account.mask("Bearer s3cr3t-long and s3cr3t"), "Bearer ••• and •••");
        assert_eq!(account.mask("nothing here"), "nothing here", "an empty secret masks nothing");
    }
}
