//! Resolution of addresses against mappings: 100,000 addresses against 10,000 mappings (each
//! of two destinations, a fifth of them shared with another mapping), with the index built
//! once, beside building the index alone as a baseline of the same run.

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::destination::{resolve_with, Destination, DestinationKind, Index, Mapping, Routing};
use planwright::model::{Plan, PlanType};
use std::collections::BTreeMap;

fn routing(mappings: usize) -> Routing {
    let mut r = Routing::default();
    let modified = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
    for i in 0..mappings * 2 {
        let id = format!("d{i}");
        let d = Destination {
            json_schema: None,
            schema_version: 1,
            id: id.clone(),
            kind: DestinationKind::Pstn,
            address: format!("+44 800 {:07}", i),
            name: id.clone(),
            description: String::new(),
            data_sources: BTreeMap::from([("Brand".into(), "B".into()), (format!("D{}", i % 7), "x".into())]),
            service: String::new(),
        };
        r.destinations.insert(id, d);
    }
    for i in 0..mappings {
        let id = format!("m{i}");
        let shared = if i % 5 == 0 { (i + 1) % mappings } else { i };
        let m = Mapping {
            json_schema: None,
            schema_version: 1,
            id: id.clone(),
            name: id.clone(),
            description: String::new(),
            destinations: vec![format!("+44800{:07}", 2 * i), format!("+44800{:07}", 2 * shared + 1)],
            production_plan: format!("p{}", i % 100),
            testing_plan: None,
            interaction_sources: Vec::new(),
            data_sources: BTreeMap::from([("Campaign".into(), "c".into())]),
            priority: 1 + (i as u32 * 7919) % 10_000,
            modified,
        };
        r.mappings.insert(id, m);
    }
    r
}

fn bench(c: &mut Criterion) {
    let r = routing(10_000);
    let plans: BTreeMap<String, Plan> = (0..100).map(|i| (format!("p{i}"), Plan::new(format!("p{i}"), "P", PlanType::Default))).collect();
    let addresses: Vec<String> = (0..100_000).map(|i| format!("+44800{:07}", (i * 7) % 20_000)).collect();
    let mut g = c.benchmark_group("resolve");
    g.sample_size(10);
    g.bench_function("baseline: build the index of 10,000 mappings", |b| b.iter(|| Index::new(&r).ranked("+448000000000").len()));
    let index = Index::new(&r);
    g.bench_function("100,000 addresses against 10,000 mappings (index built once)", |b| {
        b.iter(|| addresses.iter().filter(|a| resolve_with(&index, &plans, a, None).plan.is_some()).count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
