//! Generated plans for benchmarks and canvas performance checks.
//!
//! [`large_plan`] builds a valid Unattended plan of `n` applets that looks like a real one:
//! a chain of stages, each a Set Data Source, a Data Connector, a Data Router reading what the
//! stage set, a Send Email on the failure branch, and every eighth stage a Pause and Loop
//! Counter retry loop. Positions form a left-to-right grid.

use crate::model::*;

fn applet(id: String, config: AppletConfig, col: usize, row: usize) -> Applet {
    Applet { label: id.replace('_', " "), id, position: Position { x: col as f64 * 260.0, y: row as f64 * 140.0 }, config }
}

/// A valid Unattended plan with exactly `n` applets (n ≥ 1).
pub fn large_plan(n: usize) -> Plan {
    let mut plan = Plan::new(format!("generated-{n}"), format!("Generated plan ({n} applets)"), PlanType::Unattended);
    let connect = |plan: &mut Plan, from: &str, exit: &str, to: &str| {
        plan.connections.push(Connection { from: from.into(), exit: exit.into(), to: to.into() })
    };
    let mut prev: Option<(String, &'static str)> = None;
    let mut stage = 0;
    while plan.applets.len() < n {
        let col = stage * 2 % 40;
        let row = stage * 2 / 40 * 4;
        let set = format!("s{stage}_set");
        let var = format!("Value{stage}");
        plan.applets.push(applet(
            set.clone(),
            AppletConfig::SetDataSource(SetDataSourceProps {
                assignments: vec![Assignment { name: var.clone(), value: format!("$(CLID)-{stage}") }],
            }),
            col,
            row,
        ));
        if let Some((p, exit)) = &prev {
            connect(&mut plan, p, exit, &set);
        } else {
            plan.start = Some(set.clone());
        }
        prev = Some((set.clone(), crate::catalog::exit::NEXT_APPLET));
        let rest = n - plan.applets.len();
        if rest >= 4 {
            let (conn, router, mail) = (format!("s{stage}_call"), format!("s{stage}_route"), format!("s{stage}_mail"));
            plan.applets.push(applet(
                conn.clone(),
                AppletConfig::DataConnector(DataConnectorProps {
                    method: HttpMethod::Post,
                    url: format!("https://api.example.com/stage/{stage}?v=$({var})"),
                    response_code_destination: format!("Status{stage}"),
                    ..Default::default()
                }),
                col + 1,
                row,
            ));
            plan.applets.push(applet(
                router.clone(),
                AppletConfig::DataRouter(DataRouterProps {
                    rules: vec![RouterRule {
                        exit: "Ok".into(),
                        source: format!("Status{stage}"),
                        data_type: DataType::Number,
                        operator: Operator::LessThan,
                        value: "300".into(),
                    }],
                }),
                col + 1,
                row + 1,
            ));
            plan.applets.push(applet(
                mail.clone(),
                AppletConfig::SendEmail(SendEmailProps {
                    to: vec!["ops@example.com".into()],
                    subject: format!("Stage {stage} failed for $(CLID)"),
                    body: format!("Status $(Status{stage}), value $({var})"),
                    ..Default::default()
                }),
                col,
                row + 2,
            ));
            connect(&mut plan, &set, crate::catalog::exit::NEXT_APPLET, &conn);
            connect(&mut plan, &conn, crate::catalog::exit::NEXT, &router);
            connect(&mut plan, &conn, crate::catalog::exit::INTERFACE_FAILURE, &mail);
            connect(&mut plan, &router, crate::catalog::exit::DEFAULT, &mail);
            prev = Some((router.clone(), "Ok"));
            if stage % 8 == 7 && n - plan.applets.len() >= 2 {
                let (pause, counter) = (format!("s{stage}_wait"), format!("s{stage}_retry"));
                plan.applets.push(applet(pause.clone(), AppletConfig::Pause(PauseProps::default()), col + 1, row + 2));
                plan.applets.push(applet(counter.clone(), AppletConfig::LoopCounter(LoopCounterProps { max_runs: 3 }), col + 1, row + 3));
                connect(&mut plan, &mail, crate::catalog::exit::NEXT, &pause);
                connect(&mut plan, &pause, crate::catalog::exit::RESUME, &counter);
                connect(&mut plan, &counter, crate::catalog::exit::NEXT_APPLET, &conn);
            }
        }
        stage += 1;
    }
    plan.canonicalize();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate_context, Context};

    #[test]
    fn generated_plans_have_n_applets_and_no_errors() {
        for n in [1, 5, 100, 2000] {
            let plan = large_plan(n);
            assert_eq!(plan.applets.len(), n);
            let schedules = Default::default();
            let ctx = Context { plans: [(plan.id.as_str(), &plan)].into_iter().collect(), schedules: &schedules, account_keys: None };
            let errors: Vec<_> = validate_context(&ctx, None).into_iter().filter(|d| d.severity == crate::Severity::Error).collect();
            assert!(errors.is_empty(), "n={n}: {errors:#?}");
        }
    }
}
