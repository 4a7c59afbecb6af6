//! Try it: the one place Planwright touches the network, on the user's demand, when the account
//! allows it ("Allow Try it (network)", off by default). A Data Connector's request goes to its
//! real URL (reqwest over tokio, rustls on ring), and a Send Email's test message goes through
//! the account's SMTP server (lettre). Simulations and batches never come here: the engine and
//! the simulator do not depend on any network crate (`scripts/check-invariants.sh`).
//!
//! Each is a job: the session renders the request under its lock ([`Session::try_connector`],
//! [`Session::send_test_email`]: `$(…)` from sample values, `#(…)` from the account's keys),
//! and the job sends it without the lock. What comes back never holds a secret key's value.

use crate::dto::{ApiError, ApiResult, EditOp, PlanChange};
use crate::jobs::Job;
use planwright::model::{AppletConfig, HttpMethod, ResponseType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use ts_rs::TS;
use crate::session::Session;
use crate::session::not_open;
use planwright::model as m;

/// The refusal of a network command while the account does not allow Try it.
pub const NETWORK_OFF: &str = "Try it is off: turn on \"Allow Try it (network)\" in Account settings to send real requests and test emails.";

/// A sample value of a data source, for `$(Name)` in a request tried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SampleValue {
    pub name: String,
    pub value: String,
}

/// One header of a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeaderView {
    pub name: String,
    pub value: String,
}

/// One node of a response's tree, in document order: an object key, array item, element or
/// attribute, with the locator that reads it (none when the locator syntax cannot say it, e.g.
/// a key holding a `.`) and its value when it is a leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResponseNode {
    pub depth: u32,
    pub label: String,
    pub locator: Option<String>,
    pub value: Option<String>,
}

/// What a Data Connector's request tried out answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TryResponse {
    pub applet: String,
    pub method: String,
    /// The URL as sent, secret values masked.
    pub url: String,
    pub status: u16,
    pub headers: Vec<HeaderView>,
    pub body: String,
    pub latency_ms: u64,
    /// `json` or `xml` (the connector's response type).
    pub response_type: String,
    /// The body as a tree of values to pick locators from; empty when the body is not the
    /// connector's response type.
    pub tree: Vec<ResponseNode>,
    /// Why the body has no tree, if it has none.
    pub tree_problem: Option<String>,
}

/// A request rendered and ready to send, prepared by the session.
pub struct ConnectorTry {
    pub applet: String,
    pub method: HttpMethod,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub response_type: ResponseType,
    pub timeout: Duration,
    pub secrets: planwright_sim::Account,
}

/// Renders a template with `$(…)` from `samples` and `#(…)` from `config`; a `#(Key)` with no
/// value is an error (as the simulator takes Interface Failure for it).
pub fn render(template: &str, samples: &BTreeMap<String, String>, config: &BTreeMap<String, String>) -> ApiResult<String> {
    let mut out = String::new();
    let mut last = 0;
    for p in planwright::datasource::config_placeholders_of(template) {
        out.push_str(&template[last..p.span.start]);
        match config.get(p.key) {
            Some(v) => out.push_str(v),
            None => {
                return Err(ApiError::new(
                    "config-key-missing",
                    format!("#({}) is not a configuration key of the account: add it in Account settings (a run would take Interface Failure)", p.key),
                ))
            }
        }
        last = p.span.end;
    }
    out.push_str(&template[last..]);
    Ok(planwright::datasource::render(&out, |name| samples.get(name).cloned()))
}

/// The Data Connector `applet` of `plan` as a request to try: rendered, not sent.
pub fn prepare_connector(plan: &planwright::Plan, applet: &str, samples: &[SampleValue], account: planwright_sim::Account) -> ApiResult<ConnectorTry> {
    let a = plan.applet(applet).ok_or_else(|| ApiError::new("applet-not-found", format!("plan '{}' has no applet '{applet}'", plan.id)))?;
    let AppletConfig::DataConnector(p) = &a.config else {
        return Err(ApiError::new("applet-not-connector", format!("'{}' is not a Data Connector", a.label)));
    };
    let samples: BTreeMap<String, String> = samples.iter().map(|s| (planwright::datasource::canonical(&s.name).to_string(), s.value.clone())).collect();
    let config = &account.config;
    let url = render(&p.url, &samples, config)?;
    if url.trim().is_empty() {
        return Err(ApiError::new("try-request-invalid", "the connector has no URL"));
    }
    let headers = p.headers.iter().filter(|h| !h.name.trim().is_empty()).map(|h| Ok((h.name.trim().to_string(), render(&h.value, &samples, config)?))).collect::<ApiResult<_>>()?;
    Ok(ConnectorTry {
        applet: applet.to_string(),
        method: p.method,
        url,
        headers,
        body: render(&p.body, &samples, config)?,
        response_type: p.response_type,
        timeout: Duration::from_secs(p.timeout_seconds.clamp(1, 10) as u64),
        secrets: account,
    })
}

fn method_name(m: HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
    }
}

fn runtime() -> ApiResult<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| ApiError::new("try-failed", format!("cannot start the network runtime: {e}")))
}

/// rustls on ring, once per process (reqwest and lettre are built without a provider of
/// their own).
fn tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl ConnectorTry {
    /// Sends the request and reads the whole answer, within the connector's timeout.
    pub fn run(self, job: &Job) -> ApiResult<TryResponse> {
        job.progress("sending", 0, 1);
        tls_provider();
        let mask = |s: &str| self.secrets.mask(s);
        let shown_url = mask(&self.url);
        let client = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| ApiError::new("try-failed", format!("cannot build the HTTP client: {e}")))?;
        let method = reqwest::Method::from_bytes(method_name(self.method).as_bytes()).map_err(|e| ApiError::new("try-request-invalid", e.to_string()))?;
        let url = reqwest::Url::parse(&self.url).map_err(|e| ApiError::new("try-request-invalid", format!("'{shown_url}' is not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ApiError::new("try-request-invalid", format!("'{shown_url}' is not an http or https URL")));
        }
        let mut request = client.request(method, url);
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if !self.body.is_empty() {
            request = request.body(self.body.clone());
        }
        let timeout = self.timeout;
        let answer = runtime()?.block_on(async move {
            let started = Instant::now();
            let response = request.send().await?;
            let status = response.status().as_u16();
            let headers: Vec<(String, String)> = response.headers().iter().map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, headers, body, started.elapsed()))
        });
        let (status, headers, body, elapsed) = answer.map_err(|e| network_error(&e, &shown_url, timeout, &self.secrets))?;
        job.progress("answered", 1, 1);
        let body = String::from_utf8_lossy(&body).into_owned();
        let (tree, tree_problem) = match response_tree(&body, self.response_type) {
            Ok(tree) => (tree, None),
            Err(why) => (Vec::new(), Some(why)),
        };
        Ok(TryResponse {
            applet: self.applet,
            method: method_name(self.method).to_string(),
            url: shown_url,
            status,
            headers: headers.into_iter().map(|(name, value)| HeaderView { value: mask(&value), name }).collect(),
            body: mask(&body),
            latency_ms: elapsed.as_millis() as u64,
            response_type: match self.response_type {
                ResponseType::Json => "json",
                ResponseType::Xml => "xml",
            }
            .into(),
            tree: tree.into_iter().map(|n| ResponseNode { value: n.value.map(|v| mask(&v)), ..n }).collect(),
            tree_problem,
        })
    }
}

/// A failed request as a clear `{code, message}`: `try-timeout`, `try-connect-failed`, or
/// `try-failed`; secret values never in the message.
fn network_error(e: &reqwest::Error, url: &str, timeout: Duration, secrets: &planwright_sim::Account) -> ApiError {
    if e.is_timeout() {
        ApiError::new("try-timeout", format!("{url}: no answer within {} s (the connector's timeout); a run would take Interface Failure", timeout.as_secs()))
    } else if e.is_connect() {
        let mut why = String::new();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
        while let Some(s) = source {
            why = s.to_string();
            source = s.source();
        }
        ApiError::new("try-connect-failed", secrets.mask(&format!("{url}: cannot connect ({why}); a run would take Interface Failure")))
    } else {
        ApiError::new("try-failed", secrets.mask(&format!("{url}: {e}")))
    }
}

/// The tree of a JSON or XML body, with the locator of each node in the simulator's syntax
/// (`data.contacts[0].name`; `/Response/Contact[1]/Name`, `/Response/Contact[0]/@id`).
pub fn response_tree(body: &str, response_type: ResponseType) -> Result<Vec<ResponseNode>, String> {
    let mut out = Vec::new();
    match response_type {
        ResponseType::Json => {
            let v: serde_json::Value = serde_json::from_str(body).map_err(|e| format!("the body is not JSON: {e}"))?;
            json_nodes(&v, Some(String::new()), 0, "$".into(), &mut out);
        }
        ResponseType::Xml => {
            let doc = roxmltree::Document::parse(body).map_err(|e| format!("the body is not XML: {e}"))?;
            let root = doc.root_element();
            xml_nodes(root, format!("/{}", root.tag_name().name()), 0, &mut out);
        }
    }
    Ok(out)
}

fn json_nodes(v: &serde_json::Value, locator: Option<String>, depth: u32, label: String, out: &mut Vec<ResponseNode>) {
    use serde_json::Value;
    let leaf = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => Some("null".into()),
        Value::Array(_) | Value::Object(_) => None,
        other => Some(other.to_string()),
    };
    out.push(ResponseNode { depth, label, locator: locator.clone().filter(|l| !l.is_empty()), value: leaf(v) });
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                // A key the locator syntax cannot name keeps its node, without a locator.
                let nameable = !k.is_empty() && !k.contains(['.', '[', ']']);
                let child_locator = locator.as_ref().filter(|_| nameable).map(|l| if l.is_empty() { k.clone() } else { format!("{l}.{k}") });
                json_nodes(child, child_locator, depth + 1, k.clone(), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                json_nodes(child, locator.as_ref().map(|l| format!("{l}[{i}]")), depth + 1, format!("[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn xml_nodes(node: roxmltree::Node, locator: String, depth: u32, out: &mut Vec<ResponseNode>) {
    let elements: Vec<roxmltree::Node> = node.children().filter(|c| c.is_element()).collect();
    let text = node.text().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    out.push(ResponseNode {
        depth,
        label: node.tag_name().name().to_string(),
        locator: Some(locator.clone()),
        value: if elements.is_empty() { Some(text.unwrap_or_default()) } else { None },
    });
    for a in node.attributes() {
        out.push(ResponseNode { depth: depth + 1, label: format!("@{}", a.name()), locator: Some(format!("{locator}/@{}", a.name())), value: Some(a.value().to_string()) });
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for child in elements {
        let name = child.tag_name().name();
        let index = seen.entry(name).or_default();
        xml_nodes(child, format!("{locator}/{name}[{index}]"), depth + 1, out);
        *index += 1;
    }
}

/// The destination a field made from a locator is given by default: its last name, as a data
/// source name (`data.contacts[0].name` → `name`; `/Response/Contact[0]/@id` → `id`).
pub fn destination_for(locator: &str) -> String {
    let last = locator.rsplit(['.', '/']).find(|p| !p.is_empty()).unwrap_or("Value");
    let name = last.trim_start_matches('@');
    let name = name.split('[').next().unwrap_or(name);
    if name.is_empty() {
        "Value".into()
    } else {
        name.to_string()
    }
}

/// The scenario connector response a tried answer becomes: the status, the body (JSON as a
/// value; XML, or a body that is not JSON, as a string), and the latency.
pub fn fixture(status: u16, body: &str, latency_ms: u64, response_type: &str) -> planwright_sim::scenario::ConnectorResponse {
    let body = match response_type {
        "json" => serde_json::from_str(body).unwrap_or_else(|_| serde_json::Value::String(body.to_string())),
        _ => serde_json::Value::String(body.to_string()),
    };
    planwright_sim::scenario::ConnectorResponse { result: planwright_sim::scenario::ConnectorResult::Response, status, body, latency_ms }
}

// -------------------------------------------------------------------------------------------
// Send test: a Send Email applet through the account's SMTP server.

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text (a local relay or a test sink).
    None,
    /// Plain text, then STARTTLS (required).
    Starttls,
    /// TLS from the first byte (implicit TLS, usually port 465).
    Tls,
}

impl SmtpTls {
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpTls::None => "none",
            SmtpTls::Starttls => "starttls",
            SmtpTls::Tls => "tls",
        }
    }

    pub fn parse(s: &str) -> Option<SmtpTls> {
        [SmtpTls::None, SmtpTls::Starttls, SmtpTls::Tls].into_iter().find(|t| t.as_str() == s)
    }
}

/// The account's SMTP server for Send test. The password is never sent to the window:
/// `password_set` says whether there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: String,
    /// The sender of test emails (Send Email has no From of its own).
    pub from: String,
    pub password_set: bool,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings { host: String::new(), port: 587, tls: SmtpTls::Starttls, user: String::new(), from: String::new(), password_set: false }
    }
}

/// What a Send test sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SentTest {
    pub applet: String,
    pub server: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The server's answer to the message.
    pub reply: String,
}

/// A test email rendered and ready to send.
pub struct EmailTry {
    pub applet: String,
    pub smtp: SmtpSettings,
    pub password: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub reply_to: String,
    pub subject: String,
    pub body: String,
    pub secrets: planwright_sim::Account,
}

/// The Send Email `applet` of `plan` rendered as a test email.
pub fn prepare_email(
    plan: &planwright::Plan,
    applet: &str,
    samples: &[SampleValue],
    account: planwright_sim::Account,
    smtp: SmtpSettings,
    password: Option<String>,
) -> ApiResult<EmailTry> {
    let a = plan.applet(applet).ok_or_else(|| ApiError::new("applet-not-found", format!("plan '{}' has no applet '{applet}'", plan.id)))?;
    let AppletConfig::SendEmail(p) = &a.config else {
        return Err(ApiError::new("applet-not-email", format!("'{}' is not a Send Email", a.label)));
    };
    if smtp.host.trim().is_empty() || smtp.from.trim().is_empty() {
        return Err(ApiError::new("smtp-not-configured", "set the SMTP server (host and From) in Account settings to send a test email"));
    }
    let samples: BTreeMap<String, String> = samples.iter().map(|s| (planwright::datasource::canonical(&s.name).to_string(), s.value.clone())).collect();
    let config = &account.config;
    // Lists read after rendering, as the simulator reads them.
    let list = |items: &[String]| -> ApiResult<Vec<String>> {
        let mut out = Vec::new();
        for t in items {
            out.extend(planwright_sim::template::recipients(&render(t, &samples, config)?).map(str::to_string));
        }
        Ok(out)
    };
    let to = list(&p.to)?;
    if to.is_empty() {
        return Err(ApiError::new("try-request-invalid", "the email has no recipient"));
    }
    Ok(EmailTry {
        applet: applet.to_string(),
        to,
        cc: list(&p.cc)?,
        bcc: list(&p.bcc)?,
        reply_to: render(&p.reply_to, &samples, config)?.trim().to_string(),
        subject: render(&p.subject, &samples, config)?,
        body: render(&p.body, &samples, config)?,
        smtp,
        password,
        secrets: account,
    })
}

impl EmailTry {
    /// Sends the email through the account's SMTP server.
    pub fn run(self, job: &Job) -> ApiResult<SentTest> {
        use lettre::message::{header::ContentType, Mailbox};
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::transport::smtp::client::{Tls, TlsParameters};
        use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
        job.progress("sending", 0, 1);
        tls_provider();
        let mailbox = |s: &str| s.parse::<Mailbox>().map_err(|e| ApiError::new("try-request-invalid", format!("'{s}' is not an email address: {e}")));
        let mut message = Message::builder().from(mailbox(&self.smtp.from)?).subject(self.subject.clone());
        for t in &self.to {
            message = message.to(mailbox(t)?);
        }
        for t in &self.cc {
            message = message.cc(mailbox(t)?);
        }
        for t in &self.bcc {
            message = message.bcc(mailbox(t)?);
        }
        if !self.reply_to.is_empty() {
            message = message.reply_to(mailbox(&self.reply_to)?);
        }
        let email = message.header(ContentType::TEXT_PLAIN).body(self.body.clone()).map_err(|e| ApiError::new("try-request-invalid", e.to_string()))?;
        let host = self.smtp.host.trim().to_string();
        let tls = |host: &str| TlsParameters::new(host.to_string()).map_err(|e| ApiError::new("smtp-failed", format!("TLS to {host}: {e}")));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str()).port(self.smtp.port).timeout(Some(Duration::from_secs(10)));
        builder = match self.smtp.tls {
            SmtpTls::None => builder.tls(Tls::None),
            SmtpTls::Starttls => builder.tls(Tls::Required(tls(&host)?)),
            SmtpTls::Tls => builder.tls(Tls::Wrapper(tls(&host)?)),
        };
        if !self.smtp.user.is_empty() {
            builder = builder.credentials(Credentials::new(self.smtp.user.clone(), self.password.clone().unwrap_or_default()));
        }
        let transport = builder.build();
        let server = format!("{host}:{} ({})", self.smtp.port, self.smtp.tls.as_str());
        let reply = runtime()?
            .block_on(transport.send(email))
            .map_err(|e| ApiError::new("smtp-failed", self.secrets.mask(&format!("{server}: {e}"))))?;
        job.progress("sent", 1, 1);
        let mask = |s: &str| self.secrets.mask(s);
        Ok(SentTest {
            applet: self.applet.clone(),
            server,
            to: self.to.iter().map(|t| mask(t)).collect(),
            subject: mask(&self.subject),
            body: mask(&self.body),
            reply: reply.message().collect::<Vec<_>>().join(" "),
        })
    }
}


/// The commands of this feature.
impl Session {
    /// Prepares a Data Connector's Try it: its request rendered from the open plan as edited,
    /// `$(…)` from `samples` and `#(…)` from the account; the job sends it. Refused with
    /// `network-off` unless the account allows Try it.
    pub fn try_connector(&mut self, plan: String, applet: String, samples: Vec<crate::try_it::SampleValue>) -> ApiResult<crate::try_it::ConnectorTry> {
        self.network_allowed()?;
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        crate::try_it::prepare_connector(o.doc.plan(), &applet, &samples, self.account()?)
    }

    /// Prepares a Send Email's Send test through the account's SMTP server; the job sends it.
    pub fn send_test_email(&mut self, plan: String, applet: String, samples: Vec<crate::try_it::SampleValue>) -> ApiResult<crate::try_it::EmailTry> {
        self.network_allowed()?;
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        crate::try_it::prepare_email(o.doc.plan(), &applet, &samples, self.account()?, self.settings.smtp()?, self.settings.smtp_password()?)
    }

    /// Adds a field to a Data Connector, reading `locator` into `destination` (Text), as an
    /// edit of the plan (undo takes it back).
    pub fn add_connector_field(&mut self, plan: String, applet: String, locator: String, destination: String) -> ApiResult<PlanChange> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let a = o.doc.plan().applet(&applet).ok_or_else(|| ApiError::new("applet-not-found", format!("plan '{plan}' has no applet '{applet}'")))?;
        let m::AppletConfig::DataConnector(p) = &a.config else {
            return Err(ApiError::new("applet-not-connector", format!("'{}' is not a Data Connector", a.label)));
        };
        if locator.trim().is_empty() {
            return Err(ApiError::new("property-required", "the field needs a locator"));
        }
        let destination = if destination.trim().is_empty() { crate::try_it::destination_for(&locator) } else { destination.trim().to_string() };
        let mut props = p.clone();
        props.fields.push(m::FieldMapping { locator: locator.trim().to_string(), destination, ..Default::default() });
        let properties = serde_json::to_value(&props).expect("properties serialize");
        let revision = o.doc.revision();
        self.apply_edit(plan, revision, EditOp::SetProperties { id: applet, properties })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_xml_trees_give_the_simulators_locators() {
        let tree = response_tree(r#"{"data": {"contacts": [{"name": "Ana", "a.b": 1}]}}"#, ResponseType::Json).unwrap();
        let pairs: Vec<(Option<&str>, Option<&str>)> = tree.iter().map(|n| (n.locator.as_deref(), n.value.as_deref())).collect();
        assert_eq!(pairs, [(None, None), (Some("data"), None), (Some("data.contacts"), None), (Some("data.contacts[0]"), None), (None, Some("1")), (Some("data.contacts[0].name"), Some("Ana"))]);
        let tree = response_tree(r#"<R><C id="7"><N>Ana</N></C><C><N>Bo</N></C></R>"#, ResponseType::Xml).unwrap();
        let found: Vec<(&str, Option<&str>)> = tree.iter().map(|n| (n.locator.as_deref().unwrap(), n.value.as_deref())).collect();
        assert_eq!(found, [("/R", None), ("/R/C[0]", None), ("/R/C[0]/@id", Some("7")), ("/R/C[0]/N[0]", Some("Ana")), ("/R/C[1]", None), ("/R/C[1]/N[0]", Some("Bo"))]);
        assert!(response_tree("<nope", ResponseType::Xml).is_err());
        assert_eq!(destination_for("data.contacts[0].name"), "name");
        assert_eq!(destination_for("/R/C[0]/@id"), "id");
        assert_eq!(destination_for("/R/C[1]/N[0]"), "N");
    }

    #[test]
    fn rendering_fills_samples_and_account_keys_and_refuses_a_missing_key() {
        let samples = BTreeMap::from([("CLID".to_string(), "+4477".to_string())]);
        let config = BTreeMap::from([("Host".to_string(), "crm.example.com".to_string())]);
        assert_eq!(render("https://#(Host)/c?n=$(CLID:RemoveLeadingPlus)", &samples, &config).unwrap(), "https://crm.example.com/c?n=4477");
        assert_eq!(render("#(Nope)", &samples, &config).unwrap_err().code, "config-key-missing");
    }
}
