//! Templates compiled once: literal text, `$(Name:Formatter)` data source references (by
//! interned symbol) and `#(ConfigKey)` account configuration values (resolved against the
//! scenario's `config` when the plan is compiled).

use crate::program::{Sym, Symbols};
use planwright::datasource;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Lit(Arc<str>),
    Ref { sym: Sym, formatter: Option<Box<str>> },
    /// A `#(Key)` with no value in the scenario's configuration.
    MissingConfig(Box<str>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    pub pieces: Vec<Piece>,
}

/// Finds `#(Key)` spans in literal text: `(start, end, key)`.
fn config_refs(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("#(") {
        let start = rest + open;
        let Some(close) = text[start + 2..].find(')') else { break };
        let end = start + 2 + close + 1;
        out.push((start, end, text[start + 2..end - 1].trim()));
        rest = end;
    }
    out
}

impl Template {
    pub fn compile(text: &str, symbols: &mut Symbols, config: &BTreeMap<String, String>) -> Template {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let push_literal = |segment: &str, lit: &mut String, pieces: &mut Vec<Piece>| {
            let mut last = 0;
            for (s, e, key) in config_refs(segment) {
                lit.push_str(&segment[last..s]);
                match config.get(key) {
                    Some(v) => lit.push_str(v),
                    None => {
                        if !lit.is_empty() {
                            pieces.push(Piece::Lit(Arc::from(std::mem::take(lit).as_str())));
                        }
                        pieces.push(Piece::MissingConfig(key.into()));
                    }
                }
                last = e;
            }
            lit.push_str(&segment[last..]);
        };
        let mut last = 0;
        for p in datasource::placeholders(text) {
            push_literal(&text[last..p.span.start], &mut lit, &mut pieces);
            if !lit.is_empty() {
                pieces.push(Piece::Lit(Arc::from(std::mem::take(&mut lit).as_str())));
            }
            let formatter = p.formatter.filter(|f| !f.is_empty()).map(Into::into);
            pieces.push(Piece::Ref { sym: symbols.intern(p.name), formatter });
            last = p.span.end;
        }
        push_literal(&text[last..], &mut lit, &mut pieces);
        if !lit.is_empty() {
            pieces.push(Piece::Lit(Arc::from(lit.as_str())));
        }
        Template { pieces }
    }

    /// The first `#(Key)` that has no configured value.
    pub fn missing_config(&self) -> Option<&str> {
        self.pieces.iter().find_map(|p| match p {
            Piece::MissingConfig(k) => Some(&**k),
            _ => None,
        })
    }

    /// Renders against data source values (null renders as empty). A template that is one
    /// literal, or one reference with no formatter, is shared without copying.
    pub fn render(&self, values: &[Option<Arc<str>>]) -> Arc<str> {
        match self.pieces.as_slice() {
            [] => Arc::from(""),
            [Piece::Lit(s)] => s.clone(),
            [Piece::Ref { sym, formatter: None }] => values[*sym as usize].clone().unwrap_or_else(|| Arc::from("")),
            _ => Arc::from(self.render_string(values).as_str()),
        }
    }

    pub fn render_string(&self, values: &[Option<Arc<str>>]) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Ref { sym, formatter } => {
                    if let Some(v) = &values[*sym as usize] {
                        match formatter {
                            None => out.push_str(v),
                            Some(f) => out.push_str(&datasource::format_value(v, Some(f))),
                        }
                    }
                }
                Piece::MissingConfig(_) => {}
            }
        }
        out
    }
}

/// The addresses of a rendered To, Cc or Bcc line: split on `,` and `;`, trimmed, empty ones
/// dropped. The simulator's Send Email and Try it's Send test read a line the same way.
pub fn recipients(rendered: &str) -> impl Iterator<Item = &str> {
    rendered.split([',', ';']).map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_and_data_source_placeholders_render_together() {
        let mut symbols = Symbols::default();
        let config = BTreeMap::from([("SmsKey".to_string(), "k-1".to_string())]);
        let t = Template::compile("https://sms/?key=#(SmsKey)&to=$(CLID:RemoveLeadingPlus)#(Nope)!", &mut symbols, &config);
        let mut values = vec![None; symbols.len()];
        values[symbols.get("CLID").unwrap() as usize] = Some(Arc::from("+4477"));
        assert_eq!(t.render_string(&values), "https://sms/?key=k-1&to=4477!");
        assert_eq!(t.missing_config(), Some("Nope"));
    }

    #[test]
    fn dialled_number_and_dialed_number_are_one_symbol() {
        let mut symbols = Symbols::default();
        Template::compile("$(DialledNumber) $(Dialed Number)", &mut symbols, &BTreeMap::new());
        assert_eq!(symbols.len(), 1);
    }
}
