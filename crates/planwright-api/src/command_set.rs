// The one declaration of the desktop's command set. This file holds only a macro and is
// `include!`d by three readers, so none of them keeps a list of its own:
//   - crates/planwright-api (bindings.rs): the TypeScript client `ui/src/ipc/commands.ts`, and
//     the test that `src-tauri/capabilities/main.json` grants exactly these commands;
//   - src-tauri/build.rs: one generated permission per command;
//   - src-tauri/src/lib.rs: the `#[tauri::command]` wrappers and the handler list.
//
// `commands` are single calls into `planwright_api::Session` with the same name and
// arguments, run off the main thread. `jobs` are prepared by the `Session` method of that name
// (under the lock) and run without the lock, reporting `JobEvent`s through a channel;
// `job_control` are single calls into `planwright_api::Jobs` (`cancel_job` stops a job).
//
// `command_set!(m)` calls the macro `m!` with the whole set.
macro_rules! command_set {
    ($then:ident) => {
        $then! {
            commands {
                workspace() -> WorkspaceView;
                open_workspace(root: String) -> WorkspaceView;
                reload_workspace() -> WorkspaceView;
                catalog() -> Vec<CatalogEntry>;
                open_plan(id: String) -> Document;
                reload_plan(id: String) -> Document;
                apply_edit(plan: String, base_revision: u64, op: EditOp) -> PlanChange;
                undo(plan: String) -> PlanChange;
                redo(plan: String) -> PlanChange;
                save(plan: String, message: Option<String>) -> Saved;
                plan_versions(plan: String) -> Vec<PlanVersion>;
                compare_versions(plan: String, from: u64, to: Option<u64>) -> PlanDiffView;
                restore_version(plan: String, number: u64) -> Document;
                run_tests(plan: String) -> TestReport;
                draft_test(run: i64) -> TestDraft;
                save_drafted_test(run: i64, name: String, file: String, keep: Vec<u32>) -> TestCase;
                scenarios() -> Vec<String>;
                read_scenario(name: String) -> Scenario;
                parse_scenario(text: String) -> Scenario;
                save_scenario(name: String, scenario: Scenario) -> Scenario;
                export_batch(batch: i64, format: String) -> String;
                runs(query: RunQuery) -> Vec<RunSummary>;
                open_run(id: i64) -> SimRun;
                export_image(plan: String, format: String, compare_from: Option<u64>) -> String;
                keep_edits(plan: String) -> PlanChange;
                close_plan(plan: String) -> bool;
                create_plan(name: String, plan_type: PlanType, channel: Option<Channel>) -> PlanListItem;
                rename_plan(id: String, name: String) -> PlanListItem;
                duplicate_plan(id: String) -> PlanListItem;
                plan_referrers(id: String) -> Vec<String>;
                delete_plan(id: String) -> WorkspaceView;
                field_offers(plan: String, applet: String, scenario: Option<String>) -> FieldOffers;
                plan_drawing(plan: String) -> String;
                route_control(id: String) -> RouteControl;
                settings() -> AccountSettings;
                set_provisioned(on: bool) -> AccountSettings;
                config_keys() -> Vec<ConfigKey>;
                set_config_key(name: String, value: Option<String>, secret: bool) -> ConfigKeysChange;
                delete_config_key(name: String) -> ConfigKeysChange;
                set_allow_try_it(on: bool) -> AccountSettings;
                set_smtp(smtp: SmtpSettings, password: Option<String>) -> AccountSettings;
                add_connector_field(plan: String, applet: String, locator: String, destination: String) -> PlanChange;
                save_connector_fixture(scenario: String, applet: String, status: u16, body: String, latency_ms: u64, response_type: String) -> Scenario;
                schedules() -> Vec<ScheduleItem>;
                schedule(id: String) -> ScheduleView;
                check_schedule(schedule: Schedule) -> Vec<ScheduleFinding>;
                save_schedule(schedule: Schedule) -> SchedulesChange;
                create_schedule(name: String) -> SchedulesChange;
                rename_schedule(id: String, name: String) -> SchedulesChange;
                duplicate_schedule(id: String) -> SchedulesChange;
                delete_schedule(id: String) -> SchedulesChange;
                schedule_users(id: String) -> Vec<ScheduleUser>;
                time_zones() -> Vec<String>;
                load_models() -> Vec<LoadItem>;
                load_model(id: String) -> LoadModelView;
                set_load_agents(id: String, queue: String, interval: u32, agents: u32) -> LoadModelView;
                save_load_model(id: String) -> LoadModelView;
                routing() -> RoutingView;
                save_destination(destination: Destination, create: bool) -> RoutingView;
                delete_destination(id: String) -> RoutingView;
                save_mapping(mapping: Mapping, create: bool) -> RoutingView;
                delete_mapping(id: String) -> RoutingView;
                route_interaction(address: String, source: Option<String>) -> Resolution;
                search(query: String) -> Vec<Hit>;
                data_source_uses(name: String) -> DataSourceUses;
            }
            jobs {
                simulate(plan: String, request: SimRequest) -> SimRun;
                behaviour_diff(plan: String, from: u64, to: Option<u64>, request: BehaviourRequest) -> BehaviourView;
                simulate_example(plan: String, request: BehaviourRequest, index: u64) -> SimRun;
                batch(plan: String, request: BatchRequest) -> BatchView;
                try_connector(plan: String, applet: String, samples: Vec<SampleValue>) -> TryResponse;
                send_test_email(plan: String, applet: String, samples: Vec<SampleValue>) -> SentTest;
                run_load(id: String, seed: u64, export_csv: bool) -> DayView;
                run_load_sweep(id: String, vary: String, seed: u64) -> SweepView;
            }
            job_control {
                cancel_job(job: u64) -> bool;
            }
        }
    };
}
