//! The plan as an image, without a window: SVG drawn from the same fixed applet geometry as the
//! canvas (`ui/src/plan/geometry.ts`; a test keeps the two in step), with the initial applet,
//! the post-interaction route marker, and optionally a diff overlay (added, changed, moved,
//! removed applets as ghosts) or a heatmap of exit counts. PNG (feature `png`) rasterizes the
//! SVG at a print scale.

use crate::catalog::{self, Schedules};
use crate::diff::PlanDiff;
use crate::model::{Applet, Plan};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The canvas geometry, in canvas units (see `ui/src/plan/geometry.ts`).
pub mod geometry {
    pub const NODE_WIDTH: f64 = 200.0;
    pub const HEADER_HEIGHT: f64 = 40.0;
    pub const EXIT_ROW: f64 = 20.0;
    pub const NODE_PADDING: f64 = 4.0;

    pub fn node_height(exits: usize) -> f64 {
        HEADER_HEIGHT + exits as f64 * EXIT_ROW + NODE_PADDING
    }
}
use geometry::*;

/// What is drawn over the plan.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A diff against an earlier version: its marks, and its removed applets as ghosts.
    pub diff: Option<(PlanDiff, Vec<Applet>)>,
    /// Exit counts of a batch, by (applet, exit): edges drawn thicker and warmer the more
    /// interactions took them, with the count beside each exit.
    pub heat: Option<BTreeMap<(String, String), u64>>,
}

const MARGIN: f64 = 40.0;

/// Text escaped for XML content and attributes (SVG here, JUnit in the simulator); characters
/// XML 1.0 cannot hold are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

use xml_escape as esc;

/// `text` cut to fit `max` characters, for labels in fixed-width boxes.
fn fit(text: &str, max: usize) -> String {
    esc(&crate::model::shorten(text, max))
}

/// The plan as a standalone SVG document.
pub fn svg(plan: &Plan, schedules: &Schedules, options: &RenderOptions) -> String {
    let exits_of = |a: &Applet| catalog::exits(&a.config, schedules);
    let ghosts: &[Applet] = options.diff.as_ref().map_or(&[], |(_, g)| g.as_slice());
    let everything: Vec<(&Applet, bool)> = plan.applets.iter().map(|a| (a, false)).chain(ghosts.iter().map(|a| (a, true))).collect();
    let (mut x0, mut y0, mut x1, mut y1) = (0f64, 0f64, NODE_WIDTH, 100f64);
    for (i, (a, _)) in everything.iter().enumerate() {
        let h = node_height(exits_of(a).len());
        if i == 0 {
            (x0, y0, x1, y1) = (a.position.x, a.position.y, a.position.x + NODE_WIDTH, a.position.y + h);
        }
        x0 = x0.min(a.position.x);
        y0 = y0.min(a.position.y);
        x1 = x1.max(a.position.x + NODE_WIDTH);
        y1 = y1.max(a.position.y + h);
    }
    let route_band = if plan.post_interaction_route.is_some() { 36.0 } else { 0.0 };
    let (ox, oy) = (MARGIN - x0, MARGIN + route_band + 28.0 - y0);
    let (w, h) = (x1 - x0 + 2.0 * MARGIN + 60.0, y1 - y0 + 2.0 * MARGIN + route_band + 28.0);
    let mut s = String::new();
    let _ = writeln!(s, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, sans-serif">"#);
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(s, r##"<text x="{MARGIN}" y="26" font-size="16" font-weight="600" fill="#111827">{} <tspan font-size="12" font-weight="400" fill="#6b7280">{} · {} applets</tspan></text>"##, fit(&plan.name, 80), esc(plan.plan_type.as_str()), plan.applets.len());
    if let Some(route) = &plan.post_interaction_route {
        let _ = writeln!(
            s,
            r##"<g class="route-marker"><rect x="{MARGIN}" y="38" width="360" height="24" rx="6" fill="#ffffff" stroke="#c4b5fd"/><text x="{}" y="54" font-size="12" fill="#5b21b6">When the interaction ends → {}</text></g>"##,
            MARGIN + 8.0,
            fit(route, 40)
        );
    }

    // Heat: the largest count sets the scale.
    let max_heat = options.heat.as_ref().and_then(|h| h.values().copied().max()).unwrap_or(0).max(1) as f64;
    let heat_of = |applet: &str, exit: &str| options.heat.as_ref().and_then(|h| h.get(&(applet.to_string(), exit.to_string())).copied());
    let marks: BTreeMap<&str, &str> = match &options.diff {
        None => BTreeMap::new(),
        Some((d, _)) => {
            let mut m: BTreeMap<&str, &str> = d.applets_added.iter().map(|a| (a.id.as_str(), "added")).collect();
            for c in &d.applets_changed {
                m.insert(c.id.as_str(), if c.is_move_only() { "moved" } else { "changed" });
            }
            m
        }
    };
    let added_links: Vec<(&str, &str)> = options.diff.as_ref().map_or(Vec::new(), |(d, _)| d.connections_added.iter().map(|c| (c.from.as_str(), c.exit.as_str())).collect());

    // Edges first, under the applets.
    let pos: BTreeMap<&str, (&Applet, Vec<String>)> = plan.applets.iter().map(|a| (a.id.as_str(), (a, exits_of(a)))).collect();
    let _ = writeln!(s, r#"<g class="edges" fill="none">"#);
    for c in &plan.connections {
        let (Some((from, exits)), Some((to, _))) = (pos.get(c.from.as_str()), pos.get(c.to.as_str())) else { continue };
        let Some(i) = exits.iter().position(|e| *e == c.exit) else { continue };
        let (ax, ay) = (from.position.x + NODE_WIDTH + ox, from.position.y + HEADER_HEIGHT + i as f64 * EXIT_ROW + EXIT_ROW / 2.0 + oy);
        let (bx, by) = (to.position.x + ox, to.position.y + HEADER_HEIGHT / 2.0 + oy);
        let dx = ((bx - ax).abs() / 2.0).max(40.0);
        let (color, width) = match heat_of(&c.from, &c.exit) {
            Some(n) => {
                let t = n as f64 / max_heat;
                (heat_color(t), 1.5 + 6.5 * t)
            }
            None if options.heat.is_some() => ("#d1d5db".to_string(), 1.0),
            None if added_links.contains(&(c.from.as_str(), c.exit.as_str())) => ("#15803d".to_string(), 2.5),
            None => ("#8a94a6".to_string(), 1.5),
        };
        let _ = writeln!(s, r#"<path d="M{ax:.1},{ay:.1} C{:.1},{ay:.1} {:.1},{by:.1} {bx:.1},{by:.1}" stroke="{color}" stroke-width="{width:.1}"/>"#, ax + dx, bx - dx);
    }
    let _ = writeln!(s, "</g>");

    let _ = writeln!(s, r#"<g class="applets">"#);
    for (a, ghost) in &everything {
        let exits = exits_of(a);
        let (x, y) = (a.position.x + ox, a.position.y + oy);
        let hgt = node_height(exits.len());
        let mark = if *ghost { Some("removed") } else { marks.get(a.id.as_str()).copied() };
        let (fill, stroke, dash, sw) = match mark {
            Some("added") => ("#f0fdf4", "#15803d", "", 2.0),
            Some("changed") => ("#fffbeb", "#d97706", "", 2.0),
            Some("moved") => ("#ffffff", "#2563eb", r#" stroke-dasharray="6 3""#, 2.0),
            Some(_) => ("#fee2e2", "#d1242f", r#" stroke-dasharray="6 3" opacity="0.7""#, 2.0),
            None if catalog::info(a.kind()).live_only => ("#fffaf3", "#8a94a6", "", 1.0),
            None => ("#ffffff", "#8a94a6", "", 1.0),
        };
        let _ = writeln!(s, r#"<g class="applet" data-id="{}"{}>"#, esc(&a.id), mark.map(|m| format!(r#" data-mark="{m}""#)).unwrap_or_default());
        let _ = writeln!(s, r#"<rect x="{x:.1}" y="{y:.1}" width="{NODE_WIDTH}" height="{hgt:.1}" rx="5" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{dash}/>"#);
        let start = if plan.start.as_deref() == Some(a.id.as_str()) && !ghost { "▶ " } else { "" };
        let strike = if *ghost { r#" text-decoration="line-through""# } else { "" };
        let _ = writeln!(s, r##"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="600" fill="#111827"{strike}>{start}{}</text>"##, x + 8.0, y + 15.0, fit(&a.label, 26));
        let _ = writeln!(s, r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#6b7280">{}</text>"##, x + 8.0, y + 32.0, esc(catalog::info(a.kind()).display_name));
        let _ = writeln!(s, r##"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e5e7eb"/>"##, y + HEADER_HEIGHT, x + NODE_WIDTH, y + HEADER_HEIGHT);
        for (i, e) in exits.iter().enumerate() {
            let ey = y + HEADER_HEIGHT + i as f64 * EXIT_ROW + EXIT_ROW / 2.0;
            let count = heat_of(&a.id, e).map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(s, r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#374151" text-anchor="end">{}{count}</text>"##, x + NODE_WIDTH - 12.0, ey + 4.0, fit(e, 24));
            let _ = writeln!(s, r##"<circle cx="{:.1}" cy="{ey:.1}" r="4" fill="#ffffff" stroke="#64748b" stroke-width="1.5"/>"##, x + NODE_WIDTH);
        }
        let _ = writeln!(s, "</g>");
    }
    let _ = writeln!(s, "</g>\n</svg>");
    s
}

/// Cool grey-blue to hot red as `t` goes from 0 to 1.
fn heat_color(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", lerp(96.0, 220.0), lerp(165.0, 38.0), lerp(250.0, 38.0))
}

/// The SVG rasterized at `scale` (2 or more for print), as PNG bytes.
#[cfg(feature = "png")]
pub fn png(svg_text: &str, scale: f32) -> Result<Vec<u8>, String> {
    rasterize(svg_text, |_| scale)
}

/// The SVG rasterized at most `max_width` pixels wide (never enlarged), as PNG bytes: a
/// thumbnail, such as the directory's drawing of a plan.
#[cfg(feature = "png")]
pub fn png_at_most(svg_text: &str, max_width: f32) -> Result<Vec<u8>, String> {
    rasterize(svg_text, |width| (max_width / width).min(1.0))
}

/// The SVG rasterized at the scale `scale_for` gives for its width, as PNG bytes.
#[cfg(feature = "png")]
fn rasterize(svg_text: &str, scale_for: impl FnOnce(f32) -> f32) -> Result<Vec<u8>, String> {
    // The system fonts are scanned once per process, not on every drawing (the directory's
    // drawing is asked again after each edit).
    static FONTS: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> = std::sync::OnceLock::new();
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb = FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_system_fonts();
            std::sync::Arc::new(db)
        })
        .clone();
    let tree = resvg::usvg::Tree::from_str(svg_text, &opt).map_err(|e| format!("cannot read the SVG: {e}"))?;
    let scale = scale_for(tree.size().width());
    let size = tree.size().to_int_size().scale_by(scale).ok_or("the image would be empty")?;
    if u64::from(size.width()) * u64::from(size.height()) > 400_000_000 {
        return Err(format!("the image would be {}×{} pixels; use a smaller scale or SVG", size.width(), size.height()));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("cannot allocate the image")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("cannot encode the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The width and height a PNG's header gives.
    #[cfg(feature = "png")]
    fn png_size(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()))
    }

    #[cfg(feature = "png")]
    #[test]
    fn a_thumbnail_is_at_most_the_width_asked_and_never_enlarged() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="500"><rect width="1000" height="500" fill="red"/></svg>"#;
        assert_eq!(png_size(&png_at_most(svg, 250.0).unwrap()), (250, 125));
        assert_eq!(png_size(&png_at_most(svg, 4000.0).unwrap()), (1000, 500));
        assert_eq!(png_size(&png(svg, 2.0).unwrap()), (2000, 1000));
    }

    fn sample(name: &str) -> Plan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans").join(name);
        crate::plan_file::parse_plan(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_geometry_is_the_canvas_geometry() {
        let ts = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/plan/geometry.ts")).unwrap();
        for (name, value) in [("NODE_WIDTH", NODE_WIDTH), ("HEADER_HEIGHT", HEADER_HEIGHT), ("EXIT_ROW", EXIT_ROW), ("NODE_PADDING", NODE_PADDING)] {
            assert!(ts.contains(&format!("export const {name} = {value};")), "geometry.ts has {name} = {value}");
        }
    }

    #[test]
    fn a_plan_renders_every_applet_exit_and_connection() {
        let plan = sample("voice-orders.json");
        let svg = svg(&plan, &Schedules::new(), &RenderOptions::default());
        assert!(roxmltree_like_well_formed(&svg));
        assert_eq!(svg.matches(r#"<g class="applet" "#).count(), plan.applets.len());
        assert_eq!(svg.matches("<path ").count(), plan.connections.len());
        assert!(svg.contains("When the interaction ends → order-follow-up"));
        let start = plan.applets.iter().find(|a| Some(&a.id) == plan.start.as_ref()).unwrap();
        assert_eq!(svg.matches("▶ ").count(), 1);
        assert!(svg.contains(&format!("▶ {}", start.label)), "the initial applet is marked");
        // Hostile labels stay text.
        let mut hostile = plan.clone();
        hostile.applets[0].label = "<script>x</script> & \"".into();
        let out = svg_of(&hostile);
        assert!(!out.contains("<script>") && out.contains("&lt;script&gt;"));
    }

    fn svg_of(p: &Plan) -> String {
        svg(p, &Schedules::new(), &RenderOptions::default())
    }

    /// Tags balance (a cheap well-formedness check; the CLI test parses it with an XML parser).
    fn roxmltree_like_well_formed(s: &str) -> bool {
        s.starts_with("<svg ") && s.trim_end().ends_with("</svg>") && s.matches("<g").count() == s.matches("</g>").count()
    }

    #[test]
    fn a_diff_marks_applets_and_draws_removed_ones_as_ghosts() {
        let before = sample("order-follow-up.json");
        let mut after = before.clone();
        let removed = after.applets.iter().position(|a| a.id == "email_sms_failed").unwrap();
        after.applets.remove(removed);
        after.applets[0].position.x += 30.0;
        let d = crate::diff::diff_plans(&before, &after);
        let ghosts: Vec<Applet> = before.applets.iter().filter(|a| a.id == "email_sms_failed").cloned().collect();
        let out = svg(&after, &Schedules::new(), &RenderOptions { diff: Some((d, ghosts)), heat: None });
        assert!(out.contains(r#"data-id="email_sms_failed" data-mark="removed""#));
        assert!(out.contains(&format!(r#"data-id="{}" data-mark="moved""#, after.applets[0].id)));
    }

    #[test]
    fn a_heatmap_widens_the_busy_exits() {
        let plan = sample("order-follow-up.json");
        let heat: BTreeMap<(String, String), u64> = [(("by_outcome".to_string(), "Delivered".to_string()), 700), (("by_outcome".to_string(), "Default".to_string()), 300)].into();
        let out = svg(&plan, &Schedules::new(), &RenderOptions { diff: None, heat: Some(heat) });
        assert!(out.contains("Delivered (700)") && out.contains("Default (300)"));
        assert!(out.contains(r#"stroke-width="8.0""#), "the busiest exit is the widest");
    }
}
