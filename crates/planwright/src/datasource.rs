//! Data sources: the named values an interaction carries, and `$(Name:Formatter)` templates.

use crate::model::AppletConfig;
use std::borrow::Cow;

/// Data sources the platform provides to every live interaction.
pub const BUILTIN: [&str; 9] = [
    "Call Guid",
    "CLID",
    "Dialed Number",
    "DialledNumber",
    "Language",
    "DisplayName",
    "Interaction Start Time",
    "First Agent ID",
    "InteractionOutcome",
];

/// The data sources passed to a post-interaction route, named in the source document.
pub const ROUTE_CONTINUITY: [&str; 4] = ["CLID", "Dialed Number", "Language", "InteractionOutcome"];

/// The formatters a placeholder may name after a colon.
pub const FORMATTERS: [&str; 4] = ["RemoveLeadingPlus", "EscapeDoubleQuotes", "ToLowerCase", "ToUpperCase"];

/// Whether `name` is a built-in data source (`Dialed Number` and `DialledNumber` are one).
pub fn is_builtin(name: &str) -> bool {
    BUILTIN.contains(&name)
}

/// The canonical name of a data source: `DialledNumber` is stored as `Dialed Number`.
pub fn canonical(name: &str) -> &str {
    if name == "DialledNumber" {
        "Dialed Number"
    } else {
        name
    }
}

/// One `$(Name)` or `$(Name:Formatter)` found in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub name: &'a str,
    pub formatter: Option<&'a str>,
    /// Byte range of the whole placeholder in the template.
    pub span: std::ops::Range<usize>,
}

/// The `$(…)` placeholders of a template, in order. An unclosed `$(` is literal text.
pub fn placeholders(template: &str) -> Vec<Placeholder<'_>> {
    placeholders_of(template).collect()
}

/// [`placeholders`], one at a time. Scans bytes: `$`, `(` and `)` are ASCII, so every index
/// found is a character boundary.
pub fn placeholders_of(template: &str) -> impl Iterator<Item = Placeholder<'_>> {
    let bytes = template.as_bytes();
    let mut rest = 0;
    std::iter::from_fn(move || {
        let open = (rest..bytes.len().saturating_sub(1)).find(|&i| bytes[i] == b'$' && bytes[i + 1] == b'(')?;
        let close = open + 2 + bytes[open + 2..].iter().position(|&b| b == b')')?;
        let inner = &template[open + 2..close];
        let (name, formatter) = match inner.split_once(':') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner.trim(), None),
        };
        rest = close + 1;
        Some(Placeholder { name, formatter, span: open..close + 1 })
    })
}

/// Applies a formatter to a value. Unknown formatters leave the value unchanged.
pub fn format_value(value: &str, formatter: Option<&str>) -> String {
    match formatter {
        Some("RemoveLeadingPlus") => value.strip_prefix('+').unwrap_or(value).to_string(),
        Some("EscapeDoubleQuotes") => value.replace('"', "\\\""),
        Some("ToLowerCase") => value.to_lowercase(),
        Some("ToUpperCase") => value.to_uppercase(),
        _ => value.to_string(),
    }
}

/// Renders a template: each placeholder is replaced by `lookup(name)` (empty when null).
pub fn render(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for p in placeholders(template) {
        out.push_str(&template[last..p.span.start]);
        if let Some(v) = lookup(canonical(p.name)) {
            out.push_str(&format_value(&v, p.formatter));
        }
        last = p.span.end;
    }
    out.push_str(&template[last..]);
    out
}

/// A path into an applet's properties: `url`, `to[1]`, `rules[0].source`. Kept as parts and
/// written out only when shown (see [`std::fmt::Display`]), since most are never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPath {
    pub name: &'static str,
    pub index: Option<usize>,
    /// A field of the indexed row.
    pub then: Option<&'static str>,
}

impl FieldPath {
    pub const fn field(name: &'static str) -> FieldPath {
        FieldPath { name, index: None, then: None }
    }

    pub const fn item(name: &'static str, index: usize) -> FieldPath {
        FieldPath { name, index: Some(index), then: None }
    }

    pub const fn row(name: &'static str, index: usize, then: &'static str) -> FieldPath {
        FieldPath { name, index: Some(index), then: Some(then) }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        if let Some(then) = self.then {
            write!(f, ".{then}")?;
        }
        Ok(())
    }
}

/// A data source read by an applet, and where it is read (for diagnostics). Borrows from the
/// applet's properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read<'a> {
    /// The canonical name (see [`canonical`]).
    pub name: &'a str,
    pub field: FieldPath,
    pub formatter: Option<&'a str>,
}

/// Every templated text of an applet, with the field it is in, in the form's order: a Data
/// Connector's URL, headers and body, and the text of every other templated field.
pub fn templates<'a>(config: &'a AppletConfig, mut template: impl FnMut(FieldPath, &'a str)) {
    match config {
        AppletConfig::DataConnector(p) => {
            template(FieldPath::field("url"), &p.url);
            for (i, h) in p.headers.iter().enumerate() {
                template(FieldPath::row("headers", i, "value"), &h.value);
            }
            template(FieldPath::field("body"), &p.body);
        }
        AppletConfig::SetDataSource(p) => {
            for (i, a) in p.assignments.iter().enumerate() {
                template(FieldPath::row("assignments", i, "value"), &a.value);
            }
        }
        AppletConfig::SendEmail(p) => {
            for (field, list) in [("to", &p.to), ("cc", &p.cc), ("bcc", &p.bcc)] {
                for (i, t) in list.iter().enumerate() {
                    template(FieldPath::item(field, i), t);
                }
            }
            template(FieldPath::field("reply_to"), &p.reply_to);
            template(FieldPath::field("subject"), &p.subject);
            template(FieldPath::field("body"), &p.body);
        }
        AppletConfig::Announcer(p) => template(FieldPath::field("text"), &p.text),
        AppletConfig::SendSms(p) => {
            template(FieldPath::field("text"), &p.text);
            for (i, t) in p.to.iter().enumerate() {
                template(FieldPath::item("to", i), t);
            }
        }
        AppletConfig::CollectDigits(p) => template(FieldPath::field("prompt"), &p.prompt),
        AppletConfig::TransferCall(p) => template(FieldPath::field("prompt"), &p.prompt),
        AppletConfig::DataRouter(_) | AppletConfig::RouteToPlan(_) | AppletConfig::ScheduleRouter(_) | AppletConfig::LoopCounter(_) | AppletConfig::Pause(_) | AppletConfig::Acd(_) | AppletConfig::Ucd(_) | AppletConfig::TakeMessage(_) => {}
    }
}

/// The data sources an applet reads: router rule sources, template placeholders, and the
/// plan id source of a Route to Interaction Plan.
pub fn reads<'a>(config: &'a AppletConfig) -> Vec<Read<'a>> {
    let mut out = Vec::new();
    let template = |field: FieldPath, t: &'a str| {
        for p in placeholders_of(t) {
            out.push(Read { name: canonical(p.name), field, formatter: p.formatter });
        }
    };
    templates(config, template);
    match config {
        AppletConfig::DataRouter(p) => {
            for (i, r) in p.rules.iter().enumerate() {
                if !r.source.is_empty() {
                    out.push(Read { name: canonical(&r.source), field: FieldPath::row("rules", i, "source"), formatter: None });
                }
            }
        }
        AppletConfig::RouteToPlan(p) if !p.plan_source.is_empty() => {
            out.push(Read { name: canonical(&p.plan_source), field: FieldPath::field("plan_source"), formatter: None });
        }
        AppletConfig::DataConnector(_) | AppletConfig::SetDataSource(_) | AppletConfig::RouteToPlan(_) | AppletConfig::ScheduleRouter(_) | AppletConfig::LoopCounter(_) | AppletConfig::Pause(_) | AppletConfig::SendEmail(_) | AppletConfig::Acd(_) | AppletConfig::Ucd(_) | AppletConfig::Announcer(_) | AppletConfig::CollectDigits(_) | AppletConfig::TransferCall(_) | AppletConfig::TakeMessage(_) | AppletConfig::SendSms(_) => {}
    }
    out
}

/// One `#(Key)` account configuration placeholder found in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPlaceholder<'a> {
    /// The key, trimmed.
    pub key: &'a str,
    /// Byte range of the whole placeholder in the template.
    pub span: std::ops::Range<usize>,
}

/// The `#(Key)` placeholders of a template, in order. An unclosed `#(` is literal text, as is
/// an empty key.
pub fn config_placeholders_of(template: &str) -> impl Iterator<Item = ConfigPlaceholder<'_>> {
    let bytes = template.as_bytes();
    let mut rest = 0;
    std::iter::from_fn(move || loop {
        let open = (rest..bytes.len().saturating_sub(1)).find(|&i| bytes[i] == b'#' && bytes[i + 1] == b'(')?;
        let close = open + 2 + bytes[open + 2..].iter().position(|&b| b == b')')?;
        rest = close + 1;
        let key = template[open + 2..close].trim();
        if !key.is_empty() {
            return Some(ConfigPlaceholder { key, span: open..close + 1 });
        }
    })
}

/// A `#(Key)` an applet uses, and where (for diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigRead<'a> {
    pub key: &'a str,
    pub field: FieldPath,
}

/// The account configuration keys an applet's templates use: a Data Connector's URL, headers
/// and body, and the text of every other templated field.
pub fn config_reads<'a>(config: &'a AppletConfig) -> Vec<ConfigRead<'a>> {
    let mut out = Vec::new();
    let template = |field: FieldPath, t: &'a str| {
        for p in config_placeholders_of(t) {
            out.push(ConfigRead { key: p.key, field });
        }
    };
    templates(config, template);
    out
}

/// The data sources an applet sets, by canonical name.
pub fn writes(config: &AppletConfig) -> Vec<Cow<'_, str>> {
    match config {
        AppletConfig::DataConnector(p) => p
            .fields
            .iter()
            .map(|f| f.destination.as_str())
            .chain(Some(p.response_code_destination.as_str()))
            .filter(|d| !d.is_empty())
            .map(Cow::Borrowed)
            .collect(),
        AppletConfig::SetDataSource(p) => {
            p.assignments.iter().filter(|a| !a.name.is_empty()).map(|a| Cow::Borrowed(canonical(&a.name))).collect()
        }
        AppletConfig::CollectDigits(p) if !p.slot.is_empty() => vec![Cow::Owned(format!("IVRSlot|{}", p.slot))],
        AppletConfig::Acd(_) | AppletConfig::Ucd(_) => vec![Cow::Borrowed("First Agent ID")],
        AppletConfig::DataRouter(_) | AppletConfig::RouteToPlan(_) | AppletConfig::ScheduleRouter(_) | AppletConfig::LoopCounter(_) | AppletConfig::Pause(_) | AppletConfig::SendEmail(_) | AppletConfig::Announcer(_) | AppletConfig::CollectDigits(_) | AppletConfig::TransferCall(_) | AppletConfig::TakeMessage(_) | AppletConfig::SendSms(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_with_formatters_are_found_in_order() {
        let p = placeholders("0207$(CallbackNumber) to $(CLID:RemoveLeadingPlus) $(broken");
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].name, p[0].formatter), ("CallbackNumber", None));
        assert_eq!((p[1].name, p[1].formatter), ("CLID", Some("RemoveLeadingPlus")));
    }

    #[test]
    fn placeholders_are_found_between_multibyte_text_and_an_unclosed_one_ends_the_search() {
        let p = placeholders("é$(Naïve)€$($(Inner))$(");
        let names: Vec<&str> = p.iter().map(|p| p.name).collect();
        assert_eq!(names, ["Naïve", "$(Inner"]);
        assert_eq!(&"é$(Naïve)€"[p[0].span.clone()], "$(Naïve)");
        assert!(placeholders("$").is_empty() && placeholders("").is_empty() && placeholders("$(open").is_empty());
    }

    #[test]
    fn render_applies_formatters_and_reads_null_as_empty() {
        let out = render("Hi $(Name:ToLowerCase), $(CLID:RemoveLeadingPlus)$(Missing)!", |n| match n {
            "Name" => Some("ANA".into()),
            "CLID" => Some("+4420".into()),
            _ => None,
        });
        assert_eq!(out, "Hi ana, 4420!");
    }

    #[test]
    fn reads_name_the_field_they_come_from() {
        let config = AppletConfig::SendEmail(crate::model::SendEmailProps {
            to: vec!["ops@example.com".into(), "$(Agent:ToLowerCase)".into()],
            body: "$(DialledNumber)".into(),
            ..Default::default()
        });
        let found: Vec<(String, &str, Option<&str>)> = reads(&config).iter().map(|r| (r.field.to_string(), r.name, r.formatter)).collect();
        assert_eq!(found, [("to[1]".into(), "Agent", Some("ToLowerCase")), ("body".into(), "Dialed Number", None)]);
        assert_eq!(FieldPath::row("rules", 2, "source").to_string(), "rules[2].source");
    }

    #[test]
    fn config_placeholders_are_found_with_their_fields() {
        let keys: Vec<&str> = config_placeholders_of("https://#(CrmHost)/v1?k=#( ApiKey )&x=#()#(open").map(|p| p.key).collect();
        assert_eq!(keys, ["CrmHost", "ApiKey"], "trimmed; an empty or unclosed one is text");
        let config = AppletConfig::DataConnector(crate::model::DataConnectorProps {
            url: "https://#(CrmHost)/contacts".into(),
            headers: vec![crate::model::Header { name: "Authorization".into(), value: "Bearer #(CrmToken)".into() }],
            ..Default::default()
        });
        let found: Vec<(String, &str)> = config_reads(&config).iter().map(|r| (r.field.to_string(), r.key)).collect();
        assert_eq!(found, [("url".into(), "CrmHost"), ("headers[0].value".into(), "CrmToken")]);
    }

    #[test]
    fn dialled_number_is_an_alias_of_dialed_number() {
        let out = render("$(DialledNumber)", |n| (n == "Dialed Number").then(|| "0800".to_string()));
        assert_eq!(out, "0800");
    }
}
