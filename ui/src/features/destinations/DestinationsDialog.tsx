// The Interaction Plans Manager window: the three documented tabs (Destinations, Interaction
// Plans, Mappings), each a searchable, sortable table; create, edit and delete as VCC allows
// (PSTN numbers are edited only); data sources as key-value rows; the engine's findings; and
// "Route a test interaction": an address and a source → the plan it reaches, why, and the data
// sources it starts with, one click from opening the plan. The engine reads and writes the
// files and decides; this is a view of it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { problemOf, type Api } from '../../ipc/client';
import type { Destination, Mapping, Resolution, RoutingView } from '../../ipc/bindings';
import { dataSourcesText, listOf, mapOf, newApiDestination, newMapping, pairsOf, searchSort, type Pair, type Sort } from './table';

type RoutingApi = Pick<Api, 'routing' | 'saveDestination' | 'deleteDestination' | 'saveMapping' | 'deleteMapping' | 'routeInteraction'>;
type Tab = 'destinations' | 'plans' | 'mappings';

function Pairs({ id, pairs, onChange }: { id: string; pairs: Pair[]; onChange(p: Pair[]): void }) {
  return (
    <fieldset className="rows" id={id}>
      <legend>Data sources</legend>
      {pairs.map((p, i) => (
        <div className="row" key={i}>
          <input value={p.name} placeholder="Name" aria-label={`Data source ${i + 1} name`} onChange={(e) => onChange(pairs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
          <input value={p.value} placeholder="Value" aria-label={`Data source ${i + 1} value`} onChange={(e) => onChange(pairs.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
          <button type="button" aria-label={`Remove data source ${i + 1}`} onClick={() => onChange(pairs.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" id={`${id}-add`} onClick={() => onChange([...pairs, { name: '', value: '' }])}>
        + Add data source
      </button>
    </fieldset>
  );
}

function Header({ label, column, sort, onSort }: { label: string; column: string; sort: Sort | null; onSort(s: Sort): void }) {
  const on = sort?.column === column;
  return (
    <th scope="col" aria-sort={on ? (sort?.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort({ column, descending: on ? !sort?.descending : false })}>
        {label}
        {on ? (sort?.descending ? ' ▾' : ' ▴') : ''}
      </button>
    </th>
  );
}

export function DestinationsDialog({ api, onClose, onOpenPlan }: { api: RoutingApi; onClose(): void; onOpenPlan(plan: string): void }) {
  const [view, setView] = useState<RoutingView | null>(null);
  const [tab, setTab] = useState<Tab>('destinations');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort | null>(null);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const [destination, setDestination] = useState<{ d: Destination; pairs: Pair[]; create: boolean } | null>(null);
  const [mapping, setMapping] = useState<{ m: Mapping; pairs: Pair[]; destinations: string; sources: string; create: boolean } | null>(null);
  const [address, setAddress] = useState('');
  const [source, setSource] = useState('');
  const [resolution, setResolution] = useState<Resolution | null>(null);

  const run = useCallback(async (f: () => Promise<RoutingView | void>) => {
    try {
      setProblem(null);
      const v = await f();
      if (v) setView(v);
      return true;
    } catch (e) {
      setProblem(problemOf(e));
      return false;
    }
  }, []);

  useEffect(() => {
    void run(() => api.routing());
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, run, onClose]);

  const planIds = useMemo(() => view?.plans.map((p) => p.id) ?? [], [view]);
  const mappingById = useMemo(() => new Map((view?.mappings ?? []).map((m) => [m.id, m] as const)), [view]);
  const destinationRows = useMemo(
    () =>
      view
        ? searchSort(
            view.destinations,
            ({ destination: d, mappings }) => {
              const maps = mappings.map((id) => mappingById.get(id)).filter((m): m is Mapping => !!m);
              return {
                type: d.type === 'Pstn' ? 'PSTN' : 'API',
                address: d.address,
                name: d.name,
                description: d.description ?? '',
                data: dataSourcesText(d.data_sources),
                mappings: maps.map((m) => m.name || m.id).join(', '),
                production: maps.map((m) => m.production_plan).join(', '),
                testing: maps.map((m) => m.testing_plan ?? '').filter(Boolean).join(', '),
                service: d.service ?? '',
              };
            },
            query,
            sort,
          )
        : [],
    [view, query, sort, mappingById],
  );
  const mappingRows = useMemo(
    () =>
      view
        ? searchSort(
            view.mappings,
            (m) => ({
              name: m.name || m.id,
              priority: m.priority,
              destinations: m.destinations.join(', '),
              production: m.production_plan,
              testing: m.testing_plan ?? '',
              sources: (m.interaction_sources ?? []).join(', '),
              data: dataSourcesText(m.data_sources),
              modified: m.modified,
            }),
            query,
            sort,
          )
        : [],
    [view, query, sort],
  );
  const planRows = useMemo(
    () => (view ? searchSort(view.plans, (p) => ({ name: p.name, id: p.id, type: p.plan_type, status: p.mapped ? 'Mapped' : 'Unmapped', mappings: p.mappings.join(', ') }), query, sort) : []),
    [view, query, sort],
  );

  const cellsOf = (tabName: Tab) =>
    tabName === 'destinations'
      ? [
          ['Type', 'type'],
          ['Destination', 'address'],
          ['Name', 'name'],
          ['Description', 'description'],
          ['Data source', 'data'],
          ['Mappings', 'mappings'],
          ['Production plan', 'production'],
          ['Testing plan', 'testing'],
          ['Service name for reports', 'service'],
        ]
      : tabName === 'mappings'
        ? [
            ['Name', 'name'],
            ['Priority', 'priority'],
            ['Destinations', 'destinations'],
            ['Production plan', 'production'],
            ['Testing plan', 'testing'],
            ['Interaction sources', 'sources'],
            ['Data source', 'data'],
            ['Modified', 'modified'],
          ]
        : [
            ['Name', 'name'],
            ['Id', 'id'],
            ['Type', 'type'],
            ['Status', 'status'],
            ['Mappings', 'mappings'],
          ];

  const saveDestination = async () => {
    if (!destination) return;
    const d: Destination = { ...destination.d, data_sources: mapOf(destination.pairs) };
    if (await run(() => api.saveDestination(d, destination.create))) setDestination(null);
  };
  const saveMapping = async () => {
    if (!mapping) return;
    const m: Mapping = { ...mapping.m, data_sources: mapOf(mapping.pairs), destinations: listOf(mapping.destinations), interaction_sources: listOf(mapping.sources), testing_plan: mapping.m.testing_plan || null };
    if (await run(() => api.saveMapping(m, mapping.create))) setMapping(null);
  };
  const route = async () => {
    try {
      setProblem(null);
      setResolution(await api.routeInteraction(address, source.trim() ? source : null));
    } catch (e) {
      setProblem(problemOf(e));
    }
  };

  return (
    <div className="schedule-editor routing-window" role="dialog" aria-modal="true" aria-label="Interaction Plans Manager">
      <header className="panel-head">
        <h2>Interaction Plans Manager</h2>
        <button id="close-routing" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="routing-body">
        <section className="route-box" aria-label="Route a test interaction">
          <h3>Route a test interaction</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void route();
            }}
          >
            <input id="route-address" value={address} placeholder="Address: +44 800 123 4567 or an API address" aria-label="Address" onChange={(e) => setAddress(e.target.value)} />
            <input id="route-source" value={source} placeholder="From (optional): a tester's number" aria-label="Source" onChange={(e) => setSource(e.target.value)} />
            <button type="submit" id="route-go" className="primary">
              Route
            </button>
          </form>
          {resolution && (
            <div id="route-result" data-plan={resolution.plan ?? ''} data-testing={String(resolution.testing)}>
              <p>
                {resolution.plan ? (
                  <>
                    → <strong>{resolution.plan}</strong>
                    {resolution.testing ? ' (testing plan)' : ''}{' '}
                    <button id="route-open-plan" onClick={() => resolution.plan && onOpenPlan(resolution.plan)}>
                      Open plan
                    </button>
                  </>
                ) : (
                  '→ no plan'
                )}
              </p>
              <ul className="reasons">
                {resolution.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
              {resolution.data_sources.length > 0 && (
                <table className="compare" id="route-data-sources" aria-label="The data sources it starts with">
                  <thead>
                    <tr>
                      <th scope="col">Data source</th>
                      <th scope="col">Value</th>
                      <th scope="col">Set by</th>
                      <th scope="col">Not applied from</th>
                    </tr>
                  </thead>
                  <tbody>
                    {resolution.data_sources.map((v) => (
                      <tr key={v.name}>
                        <td>{v.name}</td>
                        <td>{v.value}</td>
                        <td>{v.level}</td>
                        <td>{v.shadowed.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </section>
        <div className="bottom-tabs">
          <div className="tab-list" role="tablist" aria-label="Interaction Plans Manager">
          {(['destinations', 'plans', 'mappings'] as Tab[]).map((t) => (
            <button
              key={t}
              role="tab"
              id={`routing-tab-${t}`}
              aria-selected={tab === t}
              onClick={() => {
                setTab(t);
                setSort(null);
              }}
            >
              {t === 'destinations' ? 'Destinations' : t === 'plans' ? 'Interaction Plans' : 'Mappings'}
            </button>
          ))}
          </div>
          <input id="routing-search" value={query} placeholder="Search" aria-label="Search the table" onChange={(e) => setQuery(e.target.value)} />
          {tab === 'destinations' && (
            <button id="new-destination" onClick={() => setDestination({ d: newApiDestination(), pairs: [], create: true })}>
              New API destination
            </button>
          )}
          {tab === 'mappings' && (
            <button id="new-mapping" onClick={() => setMapping({ m: newMapping(planIds[0] ?? ''), pairs: [], destinations: '', sources: '', create: true })}>
              New mapping
            </button>
          )}
        </div>
        {problem && (
          <p className="error" role="alert" id="routing-problem">
            {problem.message} [{problem.code}]
          </p>
        )}
        {view && (
          <table className="compare routing-table" id={`routing-table-${tab}`}>
            <thead>
              <tr>
                {cellsOf(tab).map(([label, column]) => (
                  <Header key={column} label={label} column={column} sort={sort} onSort={setSort} />
                ))}
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tab === 'destinations' &&
                destinationRows.map(({ destination: d, mappings }) => {
                  const maps = mappings.map((id) => mappingById.get(id)).filter((m): m is Mapping => !!m);
                  return (
                    <tr key={d.id} data-id={d.id}>
                      <td>{d.type === 'Pstn' ? 'PSTN' : 'API'}</td>
                      <td>{d.address}</td>
                      <td>{d.name}</td>
                      <td>{d.description}</td>
                      <td>{dataSourcesText(d.data_sources)}</td>
                      <td>{maps.map((m) => m.name || m.id).join(', ')}</td>
                      <td>{maps.map((m) => m.production_plan).join(', ')}</td>
                      <td>{maps.map((m) => m.testing_plan ?? '').filter(Boolean).join(', ')}</td>
                      <td>{d.service}</td>
                      <td>
                        <button onClick={() => setDestination({ d, pairs: pairsOf(d.data_sources), create: false })} aria-label={`Edit ${d.address}`}>
                          Edit
                        </button>
                        {d.type === 'Api' && (
                          <button className="danger" onClick={() => void run(() => api.deleteDestination(d.id))} aria-label={`Delete ${d.address}`}>
                            Delete
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              {tab === 'plans' &&
                planRows.map((p) => (
                  <tr key={p.id} data-id={p.id}>
                    <td>{p.name}</td>
                    <td>{p.id}</td>
                    <td>{p.plan_type}</td>
                    <td className={p.mapped ? 'mapped' : 'unmapped'}>{p.mapped ? 'Mapped' : 'Unmapped'}</td>
                    <td>{p.mappings.join(', ')}</td>
                    <td>
                      <button onClick={() => onOpenPlan(p.id)}>Open</button>
                    </td>
                  </tr>
                ))}
              {tab === 'mappings' &&
                mappingRows.map((m) => (
                  <tr key={m.id} data-id={m.id}>
                    <td>{m.name || m.id}</td>
                    <td>{m.priority}</td>
                    <td>{m.destinations.join(', ')}</td>
                    <td>{m.production_plan}</td>
                    <td>{m.testing_plan ?? ''}</td>
                    <td>{(m.interaction_sources ?? []).join(', ')}</td>
                    <td>{dataSourcesText(m.data_sources)}</td>
                    <td>{m.modified.slice(0, 16).replace('T', ' ')}</td>
                    <td>
                      <button
                        onClick={() => setMapping({ m, pairs: pairsOf(m.data_sources), destinations: m.destinations.join(', '), sources: (m.interaction_sources ?? []).join(', '), create: false })}
                        aria-label={`Edit mapping ${m.name || m.id}`}
                      >
                        Edit
                      </button>
                      <button className="danger" onClick={() => void run(() => api.deleteMapping(m.id))} aria-label={`Delete mapping ${m.name || m.id}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
        {destination && (
          <form
            className="routing-form"
            id="destination-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveDestination();
            }}
          >
            <h3>{destination.create ? 'New API destination' : `Edit ${destination.d.address}`}</h3>
            <label>
              Id <input id="destination-id" value={destination.d.id} disabled={!destination.create} onChange={(e) => setDestination({ ...destination, d: { ...destination.d, id: e.target.value } })} />
            </label>
            <label>
              Address{' '}
              <input id="destination-address" value={destination.d.address} disabled={destination.d.type === 'Pstn'} onChange={(e) => setDestination({ ...destination, d: { ...destination.d, address: e.target.value } })} />
            </label>
            <label>
              Name <input id="destination-name" value={destination.d.name} onChange={(e) => setDestination({ ...destination, d: { ...destination.d, name: e.target.value } })} />
            </label>
            <label>
              Description <input id="destination-description" value={destination.d.description ?? ''} onChange={(e) => setDestination({ ...destination, d: { ...destination.d, description: e.target.value } })} />
            </label>
            <label>
              Service name for reports <input id="destination-service" value={destination.d.service ?? ''} onChange={(e) => setDestination({ ...destination, d: { ...destination.d, service: e.target.value } })} />
            </label>
            <Pairs id="destination-data" pairs={destination.pairs} onChange={(pairs) => setDestination({ ...destination, pairs })} />
            <div className="modal-actions">
              <button type="button" onClick={() => setDestination(null)}>
                Cancel
              </button>
              <button type="submit" className="primary" id="save-destination">
                Save
              </button>
            </div>
          </form>
        )}
        {mapping && (
          <form
            className="routing-form"
            id="mapping-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveMapping();
            }}
          >
            <h3>{mapping.create ? 'New mapping' : `Edit mapping ${mapping.m.name || mapping.m.id}`}</h3>
            <label>
              Id <input id="mapping-id" value={mapping.m.id} disabled={!mapping.create} onChange={(e) => setMapping({ ...mapping, m: { ...mapping.m, id: e.target.value } })} />
            </label>
            <label>
              Name <input id="mapping-name" value={mapping.m.name} onChange={(e) => setMapping({ ...mapping, m: { ...mapping.m, name: e.target.value } })} />
            </label>
            <label>
              Priority (1 lowest – 10,000 highest){' '}
              <input id="mapping-priority" type="number" min={1} max={10000} value={mapping.m.priority} onChange={(e) => setMapping({ ...mapping, m: { ...mapping.m, priority: Math.floor(Number(e.target.value) || 0) } })} />
            </label>
            <label>
              Destinations (addresses, by commas) <input id="mapping-destinations" value={mapping.destinations} onChange={(e) => setMapping({ ...mapping, destinations: e.target.value })} />
            </label>
            <label>
              Production plan{' '}
              <select id="mapping-production" value={mapping.m.production_plan} onChange={(e) => setMapping({ ...mapping, m: { ...mapping.m, production_plan: e.target.value } })}>
                {planIds.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <label>
              Testing plan{' '}
              <select id="mapping-testing" value={mapping.m.testing_plan ?? ''} onChange={(e) => setMapping({ ...mapping, m: { ...mapping.m, testing_plan: e.target.value || null } })}>
                <option value="">(none)</option>
                {planIds.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <label>
              Interaction sources (testers, by commas) <input id="mapping-sources" value={mapping.sources} onChange={(e) => setMapping({ ...mapping, sources: e.target.value })} />
            </label>
            <Pairs id="mapping-data" pairs={mapping.pairs} onChange={(pairs) => setMapping({ ...mapping, pairs })} />
            <div className="modal-actions">
              <button type="button" onClick={() => setMapping(null)}>
                Cancel
              </button>
              <button type="submit" className="primary" id="save-mapping">
                Save
              </button>
            </div>
          </form>
        )}
        {view && (view.findings.length > 0 || view.problems.length > 0) && (
          <ul className="findings" id="routing-findings">
            {view.problems.map((p, i) => (
              <li key={`p${i}`} className="error">
                {p}
              </li>
            ))}
            {view.findings.map((f, i) => (
              <li key={i} className={f.severity} data-code={f.code}>
                <code>
                  {f.file} · {f.field}
                </code>{' '}
                {f.message} [{f.code}]
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
