//! The Interaction Plan Directory: the plans of a workspace with their type, and what a user
//! does to whole plans (create, rename, duplicate, delete), plus the post-interaction routes a
//! plan may choose from ("Set post interaction processing").
//!
//! Every change is saved at once through [`Workspace::save`] (atomic), as in the product we
//! model, where the directory has no separate save step.

use crate::catalog::{self, RoutePolicy};
use crate::edit::{EditResult, Refusal};
use crate::model::{Channel, Plan, PlanType};
use crate::workspace::Workspace;
use serde::Serialize;
use std::path::PathBuf;

/// One line of the directory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub name: String,
    pub plan_type: PlanType,
    pub channel: Option<Channel>,
    pub applet_count: usize,
    pub post_interaction_route: Option<String>,
    pub path: PathBuf,
}

/// The plans of the workspace, by name, then id.
pub fn list(ws: &Workspace) -> Vec<PlanSummary> {
    let mut out: Vec<PlanSummary> = ws
        .plans
        .values()
        .map(|e| PlanSummary {
            id: e.plan.id.clone(),
            name: e.plan.name.clone(),
            plan_type: e.plan.plan_type,
            channel: e.plan.channel,
            applet_count: e.plan.applets.len(),
            post_interaction_route: e.plan.post_interaction_route.clone(),
            path: e.path.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Whether a summary matches a search: every word appears in the name, id or type.
pub fn matches(summary: &PlanSummary, query: &str) -> bool {
    let hay = format!("{} {} {}", summary.name, summary.id, summary.plan_type).to_lowercase();
    query.to_lowercase().split_whitespace().all(|w| hay.contains(w))
}

/// A plan id not used in the workspace nor by a file in its folder, derived from a name:
/// lowercase letters and digits joined by dashes.
pub fn fresh_plan_id(ws: &Workspace, name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "plan" } else { slug };
    crate::model::fresh_id(base, '-', |id| ws.plan(id).is_none() && !ws.path_for_new(id).exists())
}

fn check_name(name: &str) -> EditResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refusal::new("plan-name-empty", "a plan needs a name"));
    }
    crate::edit::check_name_length(name)?;
    Ok(name.to_string())
}

/// Creates and saves an empty plan. `channel` matters for Default plans only (voice when
/// absent).
pub fn create(ws: &mut Workspace, name: &str, plan_type: PlanType, channel: Option<Channel>) -> EditResult<Plan> {
    let name = check_name(name)?;
    let mut plan = Plan::new(fresh_plan_id(ws, &name), name, plan_type);
    if plan_type == PlanType::Default {
        plan.channel = Some(channel.unwrap_or(Channel::Voice));
    }
    ws.save(plan.clone())?;
    Ok(plan)
}

fn existing(ws: &Workspace, id: &str) -> EditResult<Plan> {
    ws.plan(id).cloned().ok_or_else(|| Refusal::from(crate::Error::UnknownPlan(id.to_string())))
}

/// Renames a plan (its display name; the id, which other plans refer to, stays).
pub fn rename(ws: &mut Workspace, id: &str, name: &str) -> EditResult<Plan> {
    let name = check_name(name)?;
    let mut plan = existing(ws, id)?;
    plan.name = name;
    ws.save(plan.clone())?;
    Ok(plan)
}

/// Saves a copy of a plan under a new id and the name "<name> (copy)".
pub fn duplicate(ws: &mut Workspace, id: &str) -> EditResult<Plan> {
    let mut plan = existing(ws, id)?;
    plan.name = format!("{} (copy)", plan.name);
    crate::edit::check_name_length(&plan.name)?;
    plan.id = fresh_plan_id(ws, &plan.name);
    ws.save(plan.clone())?;
    Ok(plan)
}

/// The plans that refer to `id`: as their post-interaction route, or from a Route to
/// Interaction Plan applet. Shown when the user is asked to confirm a delete.
pub fn referrers(ws: &Workspace, id: &str) -> Vec<String> {
    ws.plans
        .values()
        .filter(|e| e.plan.id != id)
        .filter(|e| {
            e.plan.post_interaction_route.as_deref() == Some(id)
                || e.plan.applets.iter().any(|a| matches!(&a.config, crate::model::AppletConfig::RouteToPlan(p) if p.plan == id))
        })
        .map(|e| e.plan.id.clone())
        .collect()
}

/// Deletes a plan's file and forgets the plan. References from other plans are left for
/// validation to report (the user confirmed, having been shown [`referrers`]).
pub fn delete(ws: &mut Workspace, id: &str) -> EditResult {
    let entry = ws.plans.get(id).ok_or_else(|| Refusal::from(crate::Error::UnknownPlan(id.to_string())))?;
    let path = entry.path.clone();
    std::fs::remove_file(&path).map_err(|source| Refusal::from(crate::Error::Io { path, action: "delete", source }))?;
    ws.plans.remove(id);
    Ok(())
}

/// A plan that may be chosen as a post-interaction route.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteChoice {
    pub id: String,
    pub name: String,
    pub plan_type: PlanType,
    /// Unattended routes are recommended for Default plans.
    pub recommended: bool,
}

/// Whether a plan of type `from` may use a plan of type `to` as its post-interaction route
/// ([`catalog::route_policy`]), with the reason when it may not.
pub fn route_allowed(from: PlanType, to: PlanType) -> Result<(), &'static str> {
    match catalog::route_policy(from, to) {
        RoutePolicy::Recommended | RoutePolicy::Allowed => Ok(()),
        RoutePolicy::NoRoute => Err("an Unattended plan has no interaction that could end, so it takes no post-interaction route"),
        RoutePolicy::NotAllowed => Err(match from {
            PlanType::Message => "a Message plan may only route to an Unattended plan",
            _ => "a Default plan may route to an Unattended or a Default plan",
        }),
    }
}

/// The routes plan `id` may choose, recommended first, then by name.
pub fn eligible_routes(ws: &Workspace, id: &str) -> EditResult<Vec<RouteChoice>> {
    let plan = existing(ws, id)?;
    let mut out: Vec<RouteChoice> = ws
        .plans
        .values()
        .map(|e| &e.plan)
        .filter(|p| p.id != plan.id && route_allowed(plan.plan_type, p.plan_type).is_ok())
        .map(|p| RouteChoice {
            id: p.id.clone(),
            name: p.name.clone(),
            plan_type: p.plan_type,
            recommended: catalog::route_policy(plan.plan_type, p.plan_type) == RoutePolicy::Recommended,
        })
        .collect();
    out.sort_by(|a, b| b.recommended.cmp(&a.recommended).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
}

/// Sets (or with `None` clears) the post-interaction route of `plan`, the edited version of
/// a workspace plan. The route must be another plan of the workspace of an allowed type.
pub fn set_post_interaction_route(ws: &Workspace, plan: &mut Plan, route: Option<&str>) -> EditResult {
    if let Some(route) = route {
        if route == plan.id {
            return Err(Refusal::new("route-self", "a plan cannot be its own post-interaction route"));
        }
        let target = existing(ws, route)?;
        route_allowed(plan.plan_type, target.plan_type).map_err(|why| Refusal::new("route-type-not-allowed", why))?;
    }
    plan.post_interaction_route = route.map(str::to_string);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::load(dir.path()).unwrap();
        create(&mut ws, "Voice line", PlanType::Default, None).unwrap();
        create(&mut ws, "Chat", PlanType::Message, None).unwrap();
        create(&mut ws, "Follow up", PlanType::Unattended, None).unwrap();
        create(&mut ws, "Other voice", PlanType::Default, Some(Channel::Digital)).unwrap();
        (dir, ws)
    }

    #[test]
    fn create_saves_a_file_with_a_slug_id_and_lists_it_with_its_type() {
        let (dir, mut ws) = workspace();
        assert!(dir.path().join("voice-line.json").exists());
        let again = create(&mut ws, "Voice line", PlanType::Default, None).unwrap();
        assert_eq!(again.id, "voice-line-2", "ids never collide");
        let listed: Vec<(String, PlanType)> = list(&ws).into_iter().map(|s| (s.id, s.plan_type)).collect();
        assert_eq!(listed[0], ("chat".to_string(), PlanType::Message), "sorted by name");
        assert_eq!(ws.plan("other-voice").unwrap().channel, Some(Channel::Digital));
        assert_eq!(create(&mut ws, "  ", PlanType::Message, None).unwrap_err().code, "plan-name-empty");
    }

    #[test]
    fn ids_made_from_long_names_stay_within_the_id_limit_and_names_have_a_limit() {
        let (dir, mut ws) = workspace();
        let long = "Very long name ".repeat(16); // 240 characters after trimming.
        let first = create(&mut ws, &long, PlanType::Unattended, None).unwrap();
        let second = create(&mut ws, &long, PlanType::Unattended, None).unwrap();
        let copy = duplicate(&mut ws, &first.id).unwrap();
        for plan in [&first, &second, &copy] {
            assert_eq!(crate::model::id_problem(&plan.id), None, "{}", plan.id);
            assert!(dir.path().join(format!("{}.json", plan.id)).exists());
        }
        assert_ne!(first.id, second.id);
        assert!(second.id.ends_with("-2"), "{}", second.id);
        let err = create(&mut ws, &"x".repeat(256), PlanType::Unattended, None).unwrap_err();
        assert_eq!(err.code, "name-too-long");
        assert_eq!(rename(&mut ws, "chat", &"x".repeat(256)).unwrap_err().code, "name-too-long");
        assert!(rename(&mut ws, "chat", &"x".repeat(255)).is_ok());
        assert_eq!(duplicate(&mut ws, "chat").unwrap_err().code, "name-too-long", "'<255 x> (copy)' is too long");
    }

    #[test]
    fn a_plan_id_that_is_not_a_safe_file_name_is_never_saved() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("plans");
        std::fs::create_dir(&root).unwrap();
        let mut ws = Workspace::load(&root).unwrap();
        let err = ws.save(Plan::new("../escaped", "Escaped", PlanType::Unattended)).unwrap_err();
        assert_eq!(err.code(), "plan-id-invalid");
        assert!(!dir.path().join("escaped.json").exists(), "nothing is written outside the workspace");
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 0, "nor inside it");
    }

    #[test]
    fn rename_duplicate_and_delete() {
        let (dir, mut ws) = workspace();
        rename(&mut ws, "chat", "Web chat").unwrap();
        let reloaded = Workspace::load(dir.path()).unwrap();
        assert_eq!(reloaded.plan("chat").unwrap().name, "Web chat", "renames are saved");
        let copy = duplicate(&mut ws, "chat").unwrap();
        assert_eq!((copy.id.as_str(), copy.name.as_str()), ("web-chat-copy", "Web chat (copy)"));
        delete(&mut ws, "web-chat-copy").unwrap();
        assert!(!dir.path().join("web-chat-copy.json").exists());
        assert_eq!(delete(&mut ws, "web-chat-copy").unwrap_err().code, "plan-unknown");
    }

    #[test]
    fn search_matches_every_word_in_name_id_or_type() {
        let (_dir, ws) = workspace();
        let hits: Vec<String> = list(&ws).into_iter().filter(|s| matches(s, "unattended follow")).map(|s| s.id).collect();
        assert_eq!(hits, ["follow-up"]);
    }

    #[test]
    fn eligible_routes_follow_the_plan_type_rules() {
        let (_dir, ws) = workspace();
        let ids = |id: &str| eligible_routes(&ws, id).unwrap().into_iter().map(|r| (r.id, r.recommended)).collect::<Vec<_>>();
        assert_eq!(ids("chat"), [("follow-up".to_string(), true)], "Message: Unattended only");
        assert_eq!(
            ids("voice-line"),
            [("follow-up".to_string(), true), ("other-voice".to_string(), false)],
            "Default: Unattended (recommended) or Default, never itself"
        );
        assert!(ids("follow-up").is_empty(), "Unattended: none");
    }

    #[test]
    fn setting_a_route_checks_it_and_clearing_always_works() {
        let (_dir, ws) = workspace();
        let mut chat = ws.plan("chat").unwrap().clone();
        assert_eq!(set_post_interaction_route(&ws, &mut chat, Some("voice-line")).unwrap_err().code, "route-type-not-allowed");
        assert_eq!(set_post_interaction_route(&ws, &mut chat, Some("chat")).unwrap_err().code, "route-self");
        set_post_interaction_route(&ws, &mut chat, Some("follow-up")).unwrap();
        assert_eq!(chat.post_interaction_route.as_deref(), Some("follow-up"));
        set_post_interaction_route(&ws, &mut chat, None).unwrap();
        assert_eq!(chat.post_interaction_route, None);
    }

    #[test]
    fn referrers_name_plans_that_route_to_a_plan() {
        let (_dir, mut ws) = workspace();
        let mut voice = ws.plan("voice-line").unwrap().clone();
        set_post_interaction_route(&ws, &mut voice, Some("follow-up")).unwrap();
        ws.save(voice).unwrap();
        assert_eq!(referrers(&ws, "follow-up"), ["voice-line"]);
    }
}
