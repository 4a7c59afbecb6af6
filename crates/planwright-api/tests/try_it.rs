//! Try it against servers the test starts on 127.0.0.1: a tiny HTTP/1.1 responder and a tiny
//! SMTP sink that records what it is sent. No outside service is used.

use planwright::model::AppletKind;
use planwright_api::dto::*;
use planwright_api::try_it::{SampleValue, SmtpSettings, SmtpTls};
use planwright_api::{Jobs, Session};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("scenarios")).unwrap();
    let s = Session::open(&plans, &dir.path().join("store.sqlite")).unwrap();
    (dir, s)
}

fn edit(s: &mut Session, plan: &str, op: EditOp) -> PlanChange {
    let rev = s.document(plan).unwrap().revision();
    s.apply_edit(plan.to_string(), rev, op).unwrap()
}

/// An Unattended plan with one applet of `kind` and `properties`; answers (plan, applet).
fn plan_with(s: &mut Session, kind: AppletKind, properties: serde_json::Value) -> (String, String) {
    let id = s.create_plan("Try".into(), PlanType::Unattended, None).unwrap().id;
    s.open_plan(id.clone()).unwrap();
    let applet = edit(s, &id, EditOp::AddApplet { kind, position: Position { x: 0.0, y: 0.0 } }).created[0].clone();
    edit(s, &id, EditOp::SetProperties { id: applet.clone(), properties });
    (id, applet)
}

/// What the responder saw of one request.
#[derive(Debug, Default, Clone)]
struct Seen {
    request_line: String,
    headers: Vec<String>,
    body: String,
}

/// Serves one HTTP/1.1 request on 127.0.0.1 with `content_type` and `body`; answers the port
/// and what it saw (filled once the request has been read).
fn http_once(status: u16, content_type: &'static str, body: &'static str) -> (u16, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let out = seen.clone();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let mut headers = Vec::new();
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end().to_string();
            if h.is_empty() {
                break;
            }
            if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            headers.push(h);
        }
        let mut buf = vec![0; length];
        reader.read_exact(&mut buf).unwrap();
        *out.lock().unwrap() = Seen { request_line: line.trim_end().into(), headers, body: String::from_utf8(buf).unwrap() };
        let mut stream = stream;
        write!(stream, "HTTP/1.1 {status} Whatever\r\nContent-Type: {content_type}\r\nX-Served-By: test\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
        stream.flush().unwrap();
    });
    (port, seen)
}

fn samples() -> Vec<SampleValue> {
    vec![SampleValue { name: "CLID".into(), value: "+447700900123".into() }]
}

fn try_connector(s: &mut Session, plan: &str, applet: &str) -> Result<planwright_api::try_it::TryResponse, ApiError> {
    let jobs = Jobs::new();
    let job = jobs.start("try_connector", |_| {});
    let prepared = s.try_connector(plan.into(), applet.into(), samples())?;
    let r = prepared.run(&job);
    job.finish(r)
}

#[test]
fn try_it_is_refused_while_the_account_does_not_allow_the_network() {
    let (_dir, mut s) = session();
    assert!(!s.settings().unwrap().allow_try_it, "off by default");
    let (plan, applet) = plan_with(&mut s, AppletKind::DataConnector, serde_json::json!({"url": "http://127.0.0.1:9/"}));
    let err = try_connector(&mut s, &plan, &applet).unwrap_err();
    assert_eq!(err.code, "network-off");
    assert!(err.message.contains("Allow Try it (network)"), "the message says what to turn on: {}", err.message);
    let (mail_plan, mail) = plan_with(&mut s, AppletKind::SendEmail, serde_json::json!({"to": ["a@example.com"], "subject": "x"}));
    assert_eq!(s.send_test_email(mail_plan, mail, vec![]).err().unwrap().code, "network-off");
}

#[test]
fn a_json_answer_comes_back_with_status_headers_body_latency_and_a_tree_that_makes_fields() {
    let (dir, mut s) = session();
    s.set_allow_try_it(true).unwrap();
    let (port, seen) = http_once(200, "application/json", r#"{"data": {"contacts": [{"name": "Ana", "tier": "Gold"}]}}"#);
    s.set_config_key("CrmHost".into(), Some(format!("127.0.0.1:{port}")), false).unwrap();
    s.set_config_key("CrmToken".into(), Some("tok-secret-42".into()), true).unwrap();
    let (plan, applet) = plan_with(
        &mut s,
        AppletKind::DataConnector,
        serde_json::json!({
            "method": "POST",
            "url": "http://#(CrmHost)/contacts?clid=$(CLID:RemoveLeadingPlus)",
            "headers": [{"name": "Authorization", "value": "Bearer #(CrmToken)"}],
            "body": "{\"clid\": \"$(CLID)\"}"
        }),
    );
    let r = try_connector(&mut s, &plan, &applet).unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.request_line, "POST /contacts?clid=447700900123 HTTP/1.1", "$(…) from the samples, #(…) from the account");
    assert!(seen.headers.iter().any(|h| h == "authorization: Bearer tok-secret-42"), "the real secret is sent: {:?}", seen.headers);
    assert_eq!(seen.body, r#"{"clid": "+447700900123"}"#);
    assert_eq!(r.status, 200);
    assert!(r.headers.iter().any(|h| h.name == "x-served-by" && h.value == "test"), "{:?}", r.headers);
    assert!(r.body.contains("\"Ana\""));
    assert!(r.latency_ms < 10_000, "the latency is measured: {}", r.latency_ms);
    assert_eq!(r.response_type, "json");
    let node = r.tree.iter().find(|n| n.value.as_deref() == Some("Ana")).expect("the value is in the tree");
    assert_eq!(node.locator.as_deref(), Some("data.contacts[0].name"));

    // A click on the value: a field on the connector, as an edit (undo takes it back).
    let change = s.add_connector_field(plan.clone(), applet.clone(), node.locator.clone().unwrap(), "CustomerName".into()).unwrap();
    assert_eq!(change.changed.len(), 1);
    let fields = change.changed[0].properties["fields"].clone();
    assert_eq!(fields[0]["locator"], "data.contacts[0].name");
    assert_eq!(fields[0]["destination"], "CustomerName");
    assert!(s.document(&plan).unwrap().can_undo());

    // The answer saved as a fixture of a scenario: canonical, and the simulator reads the
    // new field from it.
    let saved = s.save_connector_fixture("crm-lookup".into(), applet.clone(), r.status, r.body.clone(), r.latency_ms, r.response_type.clone()).unwrap();
    let path = dir.path().join("plans/scenarios/crm-lookup.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, saved.canonical_text(), "written as the engine's canonical text");
    let again = planwright_sim::Scenario::from_json(&text).unwrap();
    assert_eq!(again, saved, "reading it back gives the scenario saved");
    assert!(!text.contains("tok-secret-42"));
    let jobs = Jobs::new();
    let job = jobs.start("simulate", |_| {});
    let request = planwright_api::simulate::SimRequest { scenario: saved, destination: None, source: None };
    let run = s.simulate(plan.clone(), request).unwrap().run(&job);
    let run = job.finish(run).unwrap();
    assert!(run.data.iter().any(|d| d.name == "CustomerName" && d.value.as_deref() == Some("Ana")), "{:?}", run.data);
    assert!(!serde_json::to_string(&run).unwrap().contains("tok-secret-42"), "the run shows no secret");
    s.undo(plan.clone()).unwrap();
    assert!(s.document(&plan).unwrap().plan().applet(&applet).map(|a| format!("{:?}", a.config)).unwrap().contains("fields: []"), "undo takes the field back");
}

#[test]
fn an_xml_answer_gives_element_and_attribute_locators() {
    let (_dir, mut s) = session();
    s.set_allow_try_it(true).unwrap();
    let (port, _) = http_once(200, "application/xml", r#"<Response><Contact id="c1"><Name>Ana</Name></Contact><Contact id="c2"><Name>Bo</Name></Contact></Response>"#);
    let (plan, applet) = plan_with(&mut s, AppletKind::DataConnector, serde_json::json!({"url": format!("http://127.0.0.1:{port}/x"), "response_type": "Xml"}));
    let r = try_connector(&mut s, &plan, &applet).unwrap();
    assert_eq!(r.response_type, "xml");
    let at = |value: &str| r.tree.iter().find(|n| n.value.as_deref() == Some(value)).and_then(|n| n.locator.clone());
    assert_eq!(at("Bo").as_deref(), Some("/Response/Contact[1]/Name[0]"));
    assert_eq!(at("c2").as_deref(), Some("/Response/Contact[1]/@id"));
    let doc = roxmltree::Document::parse(&r.body).unwrap();
    assert_eq!(planwright_sim::program::locate_xml(&doc, &at("Bo").unwrap()).as_deref(), Some("Bo"), "the simulator reads the same value");
}

#[test]
fn a_refused_connection_and_a_timeout_are_clear_errors() {
    let (_dir, mut s) = session();
    s.set_allow_try_it(true).unwrap();
    // A port nobody listens on: bind, learn the port, close.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (plan, applet) = plan_with(&mut s, AppletKind::DataConnector, serde_json::json!({"url": format!("http://127.0.0.1:{port}/")}));
    let err = try_connector(&mut s, &plan, &applet).unwrap_err();
    assert_eq!(err.code, "try-connect-failed", "{err:?}");
    assert!(err.message.contains("Interface Failure"), "{}", err.message);

    // A server that accepts and never answers: the connector's timeout (1 s) ends it.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = std::thread::spawn(move || silent.accept().map(|(stream, _)| stream));
    let (plan, applet) = plan_with(&mut s, AppletKind::DataConnector, serde_json::json!({"url": format!("http://127.0.0.1:{port}/slow"), "timeout_seconds": 1}));
    let err = try_connector(&mut s, &plan, &applet).unwrap_err();
    assert_eq!(err.code, "try-timeout", "{err:?}");
    assert!(err.message.contains("within 1 s"), "{}", err.message);
    drop(held.join());

    // A key the account lacks is refused before anything is sent.
    let (plan, applet) = plan_with(&mut s, AppletKind::DataConnector, serde_json::json!({"url": "http://#(Nope)/"}));
    assert_eq!(s.try_connector(plan, applet, vec![]).err().unwrap().code, "config-key-missing");
}

/// A tiny SMTP sink on 127.0.0.1: answers every command, records the DATA of one message.
fn smtp_sink() -> (u16, std::thread::JoinHandle<(Vec<String>, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut out: TcpStream = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        let mut commands = Vec::new();
        let mut data = String::new();
        write!(out, "220 sink ESMTP\r\n").unwrap();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            let cmd = line.trim_end().to_string();
            let upper = cmd.to_ascii_uppercase();
            commands.push(cmd.clone());
            if upper.starts_with("EHLO") {
                write!(out, "250-sink\r\n250 AUTH PLAIN LOGIN\r\n").unwrap();
            } else if upper.starts_with("AUTH") {
                write!(out, "235 2.7.0 accepted\r\n").unwrap();
            } else if upper == "DATA" {
                write!(out, "354 go on\r\n").unwrap();
                loop {
                    let mut l = String::new();
                    reader.read_line(&mut l).unwrap();
                    if l == ".\r\n" {
                        break;
                    }
                    data.push_str(&l);
                }
                write!(out, "250 2.0.0 queued as 42\r\n").unwrap();
            } else if upper == "QUIT" {
                write!(out, "221 bye\r\n").unwrap();
                break;
            } else {
                write!(out, "250 ok\r\n").unwrap();
            }
        }
        (commands, data)
    });
    (port, handle)
}

#[test]
fn send_test_arrives_at_the_smtp_server_rendered_and_the_password_stays_secret() {
    let (dir, mut s) = session();
    s.set_allow_try_it(true).unwrap();
    let (port, sink) = smtp_sink();
    let smtp = SmtpSettings { host: "127.0.0.1".into(), port, tls: SmtpTls::None, user: "planwright".into(), from: "planwright@example.com".into(), password_set: false };
    let settings = s.set_smtp(smtp, Some("smtp-pass-99".into())).unwrap();
    assert!(settings.smtp.password_set);
    assert!(!serde_json::to_string(&settings).unwrap().contains("smtp-pass-99"), "the password never comes back");
    s.set_config_key("Team".into(), Some("Orders".into()), false).unwrap();
    let (plan, applet) = plan_with(&mut s, AppletKind::SendEmail, serde_json::json!({"to": ["ops@example.com"], "subject": "Call from $(CLID) for #(Team)", "body": "Caller $(CLID:RemoveLeadingPlus)"}));
    let jobs = Jobs::new();
    let job = jobs.start("send_test_email", |_| {});
    let sent = s.send_test_email(plan, applet, samples()).unwrap().run(&job);
    let sent = job.finish(sent).unwrap();
    assert_eq!(sent.subject, "Call from +447700900123 for Orders");
    assert_eq!(sent.to, ["ops@example.com"]);
    assert!(sent.reply.contains("queued as 42"), "{}", sent.reply);
    let (commands, data) = sink.join().unwrap();
    assert!(commands.iter().any(|c| c.starts_with("RCPT TO:<ops@example.com>")), "{commands:?}");
    assert!(commands.iter().any(|c| c.to_ascii_uppercase().starts_with("AUTH")), "the user logs in: {commands:?}");
    assert!(data.contains("Subject: Call from +447700900123 for Orders"), "{data}");
    assert!(data.contains("Caller 447700900123"), "{data}");
    assert!(data.contains("From: planwright@example.com"), "{data}");
    // The password lives in the settings file only, never in the workspace.
    for entry in walk(&dir.path().join("plans")) {
        assert!(!std::fs::read_to_string(&entry).unwrap_or_default().contains("smtp-pass-99"), "{}", entry.display());
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_fixture_that_would_hold_a_secret_is_refused() {
    let (dir, mut s) = session();
    s.set_config_key("CrmToken".into(), Some("tok-secret-42".into()), true).unwrap();
    let err = s.save_connector_fixture("leak".into(), "crm".into(), 200, r#"{"echo": "tok-secret-42"}"#.into(), 12, "json".into()).unwrap_err();
    assert_eq!(err.code, "secret-in-file");
    assert!(!dir.path().join("plans/scenarios/leak.json").exists());
}
