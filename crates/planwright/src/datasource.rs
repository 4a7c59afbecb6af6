//! Data sources: the named values an interaction carries, and `$(Name:Formatter)` templates.

use crate::model::AppletConfig;

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
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = template[rest..].find("$(") {
        let start = rest + open;
        let Some(close) = template[start + 2..].find(')') else { break };
        let end = start + 2 + close;
        let inner = &template[start + 2..end];
        let (name, formatter) = match inner.split_once(':') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner.trim(), None),
        };
        out.push(Placeholder { name, formatter, span: start..end + 1 });
        rest = end + 1;
    }
    out
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

/// A data source read by an applet, and where it is read (for diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub name: String,
    pub field: String,
    pub formatter: Option<String>,
}

/// The data sources an applet reads: router rule sources, template placeholders, and the
/// plan id source of a Route to Interaction Plan.
pub fn reads(config: &AppletConfig) -> Vec<Read> {
    let mut out = Vec::new();
    // The field name is only built when the template has a placeholder.
    let mut template = |field: &dyn Fn() -> String, t: &str| {
        if !t.contains("$(") {
            return;
        }
        for p in placeholders(t) {
            out.push(Read { name: canonical(p.name).to_string(), field: field(), formatter: p.formatter.map(str::to_string) });
        }
    };
    match config {
        AppletConfig::DataConnector(p) => {
            template(&|| "url".into(), &p.url);
            template(&|| "body".into(), &p.body);
            for (i, h) in p.headers.iter().enumerate() {
                template(&|| format!("headers[{i}]"), &h.value);
            }
        }
        AppletConfig::DataRouter(_) => {}
        AppletConfig::SetDataSource(p) => {
            for (i, a) in p.assignments.iter().enumerate() {
                template(&|| format!("assignments[{i}].value"), &a.value);
            }
        }
        AppletConfig::SendEmail(p) => {
            for (field, list) in [("to", &p.to), ("cc", &p.cc), ("bcc", &p.bcc)] {
                for (i, t) in list.iter().enumerate() {
                    template(&|| format!("{field}[{i}]"), t);
                }
            }
            template(&|| "reply_to".into(), &p.reply_to);
            template(&|| "subject".into(), &p.subject);
            template(&|| "body".into(), &p.body);
        }
        AppletConfig::Announcer(p) => template(&|| "text".into(), &p.text),
        AppletConfig::SendSms(p) => {
            template(&|| "text".into(), &p.text);
            for (i, t) in p.to.iter().enumerate() {
                template(&|| format!("to[{i}]"), t);
            }
        }
        AppletConfig::CollectDigits(p) => template(&|| "prompt".into(), &p.prompt),
        AppletConfig::TransferCall(p) => template(&|| "prompt".into(), &p.prompt),
        _ => {}
    }
    match config {
        AppletConfig::DataRouter(p) => {
            for (i, r) in p.rules.iter().enumerate() {
                if !r.source.is_empty() {
                    out.push(Read { name: canonical(&r.source).to_string(), field: format!("rules[{i}].source"), formatter: None });
                }
            }
        }
        AppletConfig::RouteToPlan(p) if !p.plan_source.is_empty() => {
            out.push(Read { name: canonical(&p.plan_source).to_string(), field: "plan_source".into(), formatter: None });
        }
        _ => {}
    }
    out
}

/// The data sources an applet sets.
pub fn writes(config: &AppletConfig) -> Vec<String> {
    match config {
        AppletConfig::DataConnector(p) => p
            .fields
            .iter()
            .map(|f| f.destination.clone())
            .chain(Some(p.response_code_destination.clone()))
            .filter(|d| !d.is_empty())
            .collect(),
        AppletConfig::SetDataSource(p) => {
            p.assignments.iter().filter(|a| !a.name.is_empty()).map(|a| canonical(&a.name).to_string()).collect()
        }
        AppletConfig::CollectDigits(p) if !p.slot.is_empty() => vec![format!("IVRSlot|{}", p.slot)],
        AppletConfig::Acd(_) | AppletConfig::Ucd(_) => vec!["First Agent ID".to_string()],
        _ => Vec::new(),
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
    fn render_applies_formatters_and_reads_null_as_empty() {
        let out = render("Hi $(Name:ToLowerCase), $(CLID:RemoveLeadingPlus)$(Missing)!", |n| match n {
            "Name" => Some("ANA".into()),
            "CLID" => Some("+4420".into()),
            _ => None,
        });
        assert_eq!(out, "Hi ana, 4420!");
    }

    #[test]
    fn dialled_number_is_an_alias_of_dialed_number() {
        let out = render("$(DialledNumber)", |n| (n == "Dialed Number").then(|| "0800".to_string()));
        assert_eq!(out, "0800");
    }
}
