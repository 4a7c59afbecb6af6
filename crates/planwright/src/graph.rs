//! Graph views, on petgraph: [`PlanGraph`], the applets of one plan, and [`PlanLinks`], the
//! plans of a workspace and how one leads into another.
//!
//! In a [`PlanGraph`] nodes are applets (weighted by their stable id), edges are connections
//! (weighted by the exit name). In [`PlanLinks`] nodes are plans (weighted by their id), edges
//! are post-interaction routes and Route to Interaction Plan targets. `NodeIndex` never leaves
//! this module: callers speak in applet and plan ids. Reachability, cycles and orderings come
//! from petgraph's algorithms.

use crate::model::{Connection, Plan};
use petgraph::algo::{tarjan_scc, TarjanScc};
use petgraph::graph::DiGraph;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{Dfs, EdgeFiltered, EdgeRef, IntoEdgeReferences, IntoNodeReferences, NodeFiltered, NodeIndexable};
use petgraph::Direction;
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct PlanGraph {
    graph: StableDiGraph<String, String>,
    index: HashMap<String, NodeIndex>,
}

impl PlanGraph {
    /// Builds the graph of a plan. Connections whose ends are not applets of the plan are left
    /// out (validation reports them); of two connections from the same exit, the first counts.
    pub fn from_plan(plan: &Plan) -> PlanGraph {
        let mut g = PlanGraph {
            graph: StableDiGraph::with_capacity(plan.applets.len(), plan.connections.len()),
            index: HashMap::with_capacity_and_hasher(plan.applets.len(), Default::default()),
        };
        for a in &plan.applets {
            g.add_applet(&a.id);
        }
        for c in &plan.connections {
            let (Some(&from), Some(&to)) = (g.index.get(c.from.as_str()), g.index.get(c.to.as_str())) else { continue };
            if !g.graph.edges_directed(from, Direction::Outgoing).any(|e| *e.weight() == c.exit) {
                g.graph.add_edge(from, to, c.exit.clone());
            }
        }
        g
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    pub fn applet_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Adds an applet; adding an id twice is a no-op.
    pub fn add_applet(&mut self, id: &str) {
        if let hash_map::Entry::Vacant(entry) = self.index.entry(id.to_string()) {
            entry.insert(self.graph.add_node(id.to_string()));
        }
    }

    /// Removes an applet and every connection from or to it.
    pub fn remove_applet(&mut self, id: &str) {
        if let Some(n) = self.index.remove(id) {
            self.graph.remove_node(n);
        }
    }

    /// Wires `from`'s `exit` to `to`, replacing any earlier target of that exit.
    /// Returns false when either applet is missing.
    pub fn connect(&mut self, from: &str, exit: &str, to: &str) -> bool {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else { return false };
        self.disconnect(from, exit);
        self.graph.add_edge(a, b, exit.to_string());
        true
    }

    /// Removes the connection of `from`'s `exit`, if any.
    pub fn disconnect(&mut self, from: &str, exit: &str) {
        let Some(&a) = self.index.get(from) else { return };
        let edge = self.graph.edges_directed(a, Direction::Outgoing).find(|e| e.weight() == exit).map(|e| e.id());
        if let Some(e) = edge {
            self.graph.remove_edge(e);
        }
    }

    /// The applet an exit leads to.
    pub fn target(&self, from: &str, exit: &str) -> Option<&str> {
        let a = *self.index.get(from)?;
        self.graph
            .edges_directed(a, Direction::Outgoing)
            .find(|e| e.weight() == exit)
            .map(|e| self.graph[e.target()].as_str())
    }

    /// The connections, in canonical order: what is written back to the plan.
    pub fn connections(&self) -> Vec<Connection> {
        let mut out: Vec<Connection> = self
            .graph
            .edge_references()
            .map(|e| Connection {
                from: self.graph[e.source()].clone(),
                exit: e.weight().clone(),
                to: self.graph[e.target()].clone(),
            })
            .collect();
        out.sort();
        out
    }

    /// Applet ids, sorted.
    pub fn applet_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.index.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Writes the graph's connections back into the plan.
    pub fn write_back(&self, plan: &mut Plan) {
        plan.connections = self.connections();
    }

    /// Every applet reachable from `start`, `start` included (depth-first search).
    pub fn reachable_from(&self, start: &str) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        let Some(&s) = self.index.get(start) else { return out };
        let mut dfs = Dfs::new(&self.graph, s);
        while let Some(n) = dfs.next(&self.graph) {
            out.insert(self.graph[n].as_str());
        }
        out
    }

    /// Every applet reachable from any of `starts`, the starts included, each once, from one
    /// depth-first search. Starts that are not applets of the graph are skipped.
    pub fn reachable_from_any<'s>(&self, starts: impl IntoIterator<Item = &'s str>) -> Vec<&str> {
        let mut dfs = Dfs::empty(&self.graph);
        let mut out = Vec::new();
        for start in starts {
            if let Some(&s) = self.index.get(start) {
                dfs.move_to(s);
                while let Some(n) = dfs.next(&self.graph) {
                    out.push(self.graph[n].as_str());
                }
            }
        }
        out
    }

    /// Every applet with a path to `id` (`id` itself only when it is on a cycle): a
    /// depth-first search against the direction of the connections.
    pub fn upstream_of(&self, id: &str) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        let Some(&n) = self.index.get(id) else { return out };
        let mut stack: Vec<NodeIndex> = self.graph.neighbors_directed(n, Direction::Incoming).collect();
        let mut seen = rustc_hash::FxHashSet::default();
        while let Some(m) = stack.pop() {
            if seen.insert(m) {
                out.insert(self.graph[m].as_str());
                stack.extend(self.graph.neighbors_directed(m, Direction::Incoming));
            }
        }
        out
    }

    /// The applets whose exits lead to `id`.
    pub fn predecessors(&self, id: &str) -> Vec<&str> {
        let Some(&n) = self.index.get(id) else { return Vec::new() };
        self.graph.neighbors_directed(n, Direction::Incoming).map(|p| self.graph[p].as_str()).collect()
    }

    /// Strongly connected components in topological order (every edge between two components
    /// goes from an earlier one to a later one), from Tarjan's algorithm.
    pub fn components_in_order(&self) -> Vec<Vec<&str>> {
        let mut sccs = tarjan_scc(&self.graph);
        sccs.reverse();
        sccs.into_iter().map(|c| c.into_iter().map(|n| self.graph[n].as_str()).collect()).collect()
    }

    /// The strongly connected components in topological order (Tarjan), by number, with the
    /// earlier components that lead into each: what a pass in topological order needs.
    pub fn components(&self) -> Components<'_> {
        // Tarjan gives the components in reverse topological order; number them from the end.
        let mut emitted: Vec<NodeIndex> = Vec::with_capacity(self.graph.node_count());
        let mut ends: Vec<usize> = Vec::new();
        TarjanScc::new().run(&self.graph, |scc| {
            emitted.extend_from_slice(scc);
            ends.push(emitted.len());
        });
        let count = ends.len();
        let mut component_of = vec![usize::MAX; self.graph.node_bound()];
        let mut out = Components {
            ids: Vec::with_capacity(emitted.len()),
            starts: Vec::with_capacity(count + 1),
            predecessors: Vec::new(),
            predecessor_starts: Vec::with_capacity(count + 1),
            cyclic: Vec::with_capacity(count),
        };
        let span = |k: usize| (if k == 0 { 0 } else { ends[k - 1] })..ends[k];
        for c in 0..count {
            for &n in &emitted[span(count - 1 - c)] {
                component_of[n.index()] = c;
            }
        }
        for c in 0..count {
            let members = &emitted[span(count - 1 - c)];
            out.starts.push(out.ids.len());
            out.predecessor_starts.push(out.predecessors.len());
            let first = out.predecessors.len();
            let mut wired_to_itself = false;
            for &n in members {
                out.ids.push(self.graph[n].as_str());
                for p in self.graph.neighbors_directed(n, Direction::Incoming) {
                    let pc = component_of[p.index()];
                    if pc != c && !out.predecessors[first..].contains(&pc) {
                        out.predecessors.push(pc);
                    }
                    wired_to_itself |= p == n;
                }
            }
            out.cyclic.push(members.len() > 1 || wired_to_itself);
        }
        out.starts.push(out.ids.len());
        out.predecessor_starts.push(out.predecessors.len());
        out
    }

    /// The cycles that pass through no applet for which `breaks_cycle` is true: each is given
    /// as the sorted applet ids of one strongly connected component of the graph without those
    /// applets. Used to find loops with no Loop Counter on them.
    pub fn cycles_avoiding(&self, breaks_cycle: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
        let filtered = NodeFiltered::from_fn(&self.graph, |n| !breaks_cycle(&self.graph[n]));
        let mut out: Vec<Vec<String>> = Vec::new();
        TarjanScc::new().run(&filtered, |c| {
            if c.len() > 1 || self.graph.contains_edge(c[0], c[0]) {
                let mut ids: Vec<String> = c.iter().map(|n| self.graph[*n].clone()).collect();
                ids.sort();
                out.push(ids);
            }
        });
        out.sort();
        out
    }

    /// Whether every node and edge weight agrees with the id index (used by tests).
    pub fn is_consistent(&self) -> bool {
        self.index.len() == self.graph.node_count()
            && self.graph.node_references().all(|(n, id)| self.index.get(id) == Some(&n))
    }
}

/// The strongly connected components of a [`PlanGraph`] in topological order, numbered from
/// 0: every edge between two components goes from an earlier one to a later one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components<'g> {
    /// The applet ids of every component, end to end: component `c`'s are
    /// `ids[starts[c]..starts[c + 1]]`.
    ids: Vec<&'g str>,
    starts: Vec<usize>,
    predecessors: Vec<usize>,
    predecessor_starts: Vec<usize>,
    cyclic: Vec<bool>,
}

impl<'g> Components<'g> {
    pub fn len(&self) -> usize {
        self.cyclic.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cyclic.is_empty()
    }

    /// The applet ids of component `c`.
    pub fn members(&self, c: usize) -> &[&'g str] {
        &self.ids[self.starts[c]..self.starts[c + 1]]
    }

    /// The earlier components with an edge into component `c`, each once.
    pub fn predecessors(&self, c: usize) -> &[usize] {
        &self.predecessors[self.predecessor_starts[c]..self.predecessor_starts[c + 1]]
    }

    /// Whether component `c` holds a cycle: more than one applet, or one wired to itself.
    pub fn is_cyclic(&self, c: usize) -> bool {
        self.cyclic[c]
    }
}

/// How one plan leads into another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanLink {
    /// The other plan is this plan's post-interaction route: it runs after the interaction ends.
    PostInteractionRoute,
    /// A Route to Interaction Plan applet of this plan names the other plan.
    RouteToPlan,
}

/// The plans of a workspace and the links between them, on a petgraph `DiGraph`: the one
/// plan-to-plan graph, used by validation (route chains, cycles of plans, data sources carried
/// from plan to plan) and by the simulator's coverage (the plans an entry plan can reach).
#[derive(Debug, Clone, Default)]
pub struct PlanLinks {
    graph: DiGraph<String, PlanLink, u32>,
    index: HashMap<String, petgraph::graph::NodeIndex<u32>>,
}

impl PlanLinks {
    /// The plans, with no links yet.
    pub fn new<'a>(plans: impl IntoIterator<Item = &'a str>) -> PlanLinks {
        let mut links = PlanLinks::default();
        for id in plans {
            if !links.index.contains_key(id) {
                let n = links.graph.add_node(id.to_string());
                links.index.insert(id.to_string(), n);
            }
        }
        links
    }

    pub fn contains(&self, plan: &str) -> bool {
        self.index.contains_key(plan)
    }

    /// Adds a link from `from` to `to`. A link to or from a plan that is not in the graph is
    /// left out (validation reports it), and a link already present is not added twice.
    /// Returns whether both plans are known.
    pub fn link(&mut self, from: &str, to: &str, kind: PlanLink) -> bool {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else { return false };
        if !self.graph.edges_connecting(a, b).any(|e| *e.weight() == kind) {
            self.graph.add_edge(a, b, kind);
        }
        true
    }

    /// Every link, as `(from, to, kind)`, in the order they were added.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str, PlanLink)> + '_ {
        self.graph.raw_edges().iter().map(|e| (self.graph[e.source()].as_str(), self.graph[e.target()].as_str(), e.weight))
    }

    /// The plans reached from `start` through links for which `follow` is true, `start`
    /// included, in depth-first order. Empty when `start` is not in the graph.
    pub fn reached_from(&self, start: &str, follow: impl Fn(PlanLink) -> bool) -> Vec<&str> {
        let Some(&s) = self.index.get(start) else { return Vec::new() };
        let filtered = EdgeFiltered::from_fn(&self.graph, |e| follow(*e.weight()));
        let mut dfs = Dfs::new(&filtered, s);
        let mut out = Vec::new();
        while let Some(n) = dfs.next(&filtered) {
            out.push(self.graph[n].as_str());
        }
        out
    }

    /// The cycles of plans through links for which `follow` is true: each is given as the
    /// sorted plan ids of one strongly connected component (Tarjan) that has a cycle.
    pub fn cycles(&self, follow: impl Fn(PlanLink) -> bool) -> Vec<Vec<&str>> {
        let filtered = EdgeFiltered::from_fn(&self.graph, |e| follow(*e.weight()));
        let mut out: Vec<Vec<&str>> = tarjan_scc(&filtered)
            .into_iter()
            .filter(|c| c.len() > 1 || self.graph.edges_connecting(c[0], c[0]).any(|e| follow(*e.weight())))
            .map(|c| {
                let mut ids: Vec<&str> = c.into_iter().map(|n| self.graph[n].as_str()).collect();
                ids.sort();
                ids
            })
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AppletKind, Applet, PlanType, Position};

    fn plan(ids: &[&str], edges: &[(&str, &str, &str)]) -> Plan {
        let mut p = Plan::new("p", "P", PlanType::Unattended);
        for id in ids {
            p.applets.push(Applet {
                id: id.to_string(),
                label: id.to_string(),
                position: Position::default(),
                config: AppletKind::SetDataSource.default_config(),
            });
        }
        for (f, e, t) in edges {
            p.connections.push(Connection { from: f.to_string(), exit: e.to_string(), to: t.to_string() });
        }
        p
    }

    #[test]
    fn reachability_follows_exits() {
        let g = PlanGraph::from_plan(&plan(&["a", "b", "c"], &[("a", "Next", "b")]));
        assert_eq!(g.reachable_from("a").into_iter().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn cycles_through_a_breaking_applet_are_not_reported() {
        let g = PlanGraph::from_plan(&plan(
            &["a", "b", "loop", "x", "y"],
            &[("a", "Next", "b"), ("b", "Next", "loop"), ("loop", "Next", "a"), ("x", "Next", "y"), ("y", "Next", "x")],
        ));
        assert_eq!(g.cycles_avoiding(|id| id == "loop"), vec![vec!["x".to_string(), "y".to_string()]]);
    }

    #[test]
    fn components_come_in_topological_order() {
        let g = PlanGraph::from_plan(&plan(&["c", "b", "a"], &[("a", "Next", "b"), ("b", "Next", "c")]));
        let order: Vec<&str> = g.components_in_order().into_iter().flatten().collect();
        assert_eq!(order, ["a", "b", "c"]);
    }

    #[test]
    fn components_know_their_predecessors_and_cycles() {
        let g = PlanGraph::from_plan(&plan(
            &["a", "b", "c", "d"],
            &[("a", "Next", "b"), ("b", "Next", "c"), ("c", "Next", "b"), ("a", "Other", "d"), ("d", "Next", "d")],
        ));
        let c = g.components();
        let at = |id: &str| (0..c.len()).find(|&i| c.members(i).contains(&id)).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(at("b"), at("c"));
        assert_eq!(c.predecessors(at("b")), [at("a")]);
        assert!(c.predecessors(at("a")).is_empty());
        assert_eq!((c.is_cyclic(at("a")), c.is_cyclic(at("b")), c.is_cyclic(at("d"))), (false, true, true));
        assert!((0..c.len()).all(|i| c.predecessors(i).iter().all(|&q| q < i)), "topological order");
        let order: Vec<&str> = (0..c.len()).flat_map(|i| c.members(i).to_vec()).collect();
        let expected: Vec<&str> = g.components_in_order().into_iter().flatten().collect();
        assert_eq!(order, expected, "the same order as components_in_order");
    }

    #[test]
    fn reachable_from_any_visits_each_applet_once() {
        let g = PlanGraph::from_plan(&plan(&["a", "b", "c", "h"], &[("a", "Next", "b"), ("h", "Next", "b")]));
        let mut ids = g.reachable_from_any(["a", "missing", "h", "a"]);
        ids.sort();
        assert_eq!(ids, ["a", "b", "h"]);
    }

    #[test]
    fn plan_links_follow_only_the_kinds_asked_for() {
        let mut links = PlanLinks::new(["a", "b", "c", "d"]);
        assert!(links.link("a", "b", PlanLink::RouteToPlan));
        assert!(links.link("b", "a", PlanLink::RouteToPlan));
        assert!(links.link("b", "c", PlanLink::PostInteractionRoute));
        assert!(links.link("b", "c", PlanLink::PostInteractionRoute), "a repeated link is known, and kept once");
        assert!(!links.link("c", "missing", PlanLink::RouteToPlan), "a link to an unknown plan is left out");
        assert_eq!(links.links().count(), 3);
        let mut all = links.reached_from("a", |_| true);
        all.sort();
        assert_eq!(all, ["a", "b", "c"]);
        let mut routes = links.reached_from("a", |k| k == PlanLink::RouteToPlan);
        routes.sort();
        assert_eq!(routes, ["a", "b"]);
        assert_eq!(links.cycles(|k| k == PlanLink::RouteToPlan), vec![vec!["a", "b"]]);
        assert!(links.cycles(|k| k == PlanLink::PostInteractionRoute).is_empty());
        assert!(links.reached_from("missing", |_| true).is_empty());
    }

    #[test]
    fn connect_replaces_the_exit_target_and_write_back_is_sorted() {
        let mut p = plan(&["a", "b", "c"], &[("a", "Next", "b")]);
        let mut g = PlanGraph::from_plan(&p);
        assert!(g.connect("a", "Next", "c"));
        assert!(!g.connect("a", "Next", "missing"));
        g.write_back(&mut p);
        assert_eq!(p.connections, vec![Connection { from: "a".into(), exit: "Next".into(), to: "c".into() }]);
        g.remove_applet("c");
        assert!(g.connections().is_empty() && g.is_consistent());
    }
}
