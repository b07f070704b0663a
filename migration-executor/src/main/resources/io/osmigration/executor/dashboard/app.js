// The fleet migration dashboard: plain ES module, no build chain. Talks only to its own origin (the executor).
const TOKEN_KEY = 'osm.token';
const KNOWN_KEY = 'osm.batches';
const EVENT_TYPES = ['JobReleased', 'MigrationControlRequested', 'PrecheckPassed', 'PrecheckFailed',
  'SnapshotsCreated', 'SnapshotCreationFailed', 'SnapshotReleased', 'DrillCompleted', 'MigrationStepDone',
  'MigrationCompleted', 'MigrationFailed', 'DisksRolledBack', 'SourceImported', 'SourceStatusChanged',
  'BatchAccepted', 'BatchPaused', 'BatchResumed', 'BatchCancelled', 'BatchFinished'];
const STATES = ['PENDING', 'PRECHECKING', 'SNAPSHOTTING', 'DRILLING', 'MIGRATING', 'AWAITING_APPROVAL',
  'COMPLETED', 'PRECHECK_FAILED', 'FAILED', 'ROLLED_BACK', 'CANCELLED'];
const FINISHED = new Set(['COMPLETED', 'PRECHECK_FAILED', 'FAILED', 'ROLLED_BACK', 'CANCELLED', 'AWAITING_APPROVAL']);
const PAGE_SIZE = 50; // jobs per page of the grid, paged and filtered on the server (GET …/jobs)
const REFRESH_MS = 1000; // at most one reload of the shown page per second, whatever the rate of events

const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  sources: new Map(),     // sourceId -> catalog entry (for the source OS)
  batchId: null,
  batch: null,
  selectedJob: null,
  eventIds: new Set(),    // ids of the events received for the open batch
  duplicates: 0,
  lastEventId: null,
  stream: null,
  connected: false,
  dirty: false,           // the shown page must be fetched again
  frame: 0,
  grid: null,             // the shown page of jobs: {total, counts, jobs} (GET …/jobs)
  page: 0,
  selected: null,         // the selected job as last read (it may be on another page)
  applied: 0,             // events applied to the page without a reload
};

// ---- API -------------------------------------------------------------------------------------------------------
async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${state.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status === 401) { signOut('The token was refused.'); throw new Error('unauthorized'); }
  const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const fields = json?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new Error(fields || json?.detail || `${res.status} ${res.statusText}`);
  }
  return json;
}

// ---- sign in ---------------------------------------------------------------------------------------------------
async function signIn(token) {
  state.token = token;
  try {
    await api('GET', '/api/v1/dashboard/batches');
  } catch (e) {
    $('login-error').textContent = e.message === 'unauthorized' ? 'The token was refused.' : e.message;
    $('login-error').hidden = false;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  await applySession();
  $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
  await Promise.all([loadSources(), loadBatches(), loadDestinations().catch(() => {})]);
  const known = knownBatches();
  if (known.length) openBatch(known[0]);
}

// What the token may do (GET /api/v1/session): the page hides every control marked data-needs="operator" from a
// viewer token, by CSS on body[data-role], so that controls rendered later are hidden too.
async function applySession() {
  const session = await api('GET', '/api/v1/session');
  document.body.dataset.role = session.role;
  $('whoami').textContent = `${session.name} (${session.role})`;
  $('whoami').hidden = false;
}

function signOut(message) {
  delete document.body.dataset.role;
  $('whoami').hidden = true;
  disconnect();
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $('app').hidden = true; $('logout').hidden = true; $('login').hidden = false;
  $('login-error').textContent = message || ''; $('login-error').hidden = !message;
  setConn('idle', 'not connected');
}

// ---- batches list ----------------------------------------------------------------------------------------------
function knownBatches() { return JSON.parse(sessionStorage.getItem(KNOWN_KEY) || '[]'); }
function remember(batchId) {
  const known = knownBatches().filter((id) => id !== batchId);
  sessionStorage.setItem(KNOWN_KEY, JSON.stringify([batchId, ...known].slice(0, 50)));
}

async function loadBatches() {
  const recent = await api('GET', '/api/v1/dashboard/batches');
  const ul = $('batches');
  ul.innerHTML = recent.map((b) => {
    const done = Object.entries(b.counts).filter(([s]) => FINISHED.has(s)).reduce((n, [, c]) => n + c, 0);
    const pct = b.total ? Math.round((100 * done) / b.total) : 0;
    const counts = Object.entries(b.counts).map(([s, c]) => `${c} ${s.toLowerCase().replace('_', ' ')}`).join(' · ');
    return `<li data-batch-id="${esc(b.batchId)}" class="${b.batchId === state.batchId ? 'active' : ''}">
      <div class="row"><span>${esc(b.batchId)}</span><span class="badge s-${esc(b.state)}">${esc(b.state)}</span></div>
      <div class="muted small-text">→ ${esc(b.destinationOs)} · ${b.total} jobs · ${esc(counts)}</div>
      <div class="mini-bar"><div style="width:${pct}%"></div></div></li>`;
  }).join('') || '<li class="muted">No batches yet.</li>';
}

async function loadSources() {
  const sources = await api('GET', '/api/v1/dashboard/sources');
  state.sources = new Map(sources.map((s) => [s.sourceId, s]));
  renderSources();
}

/** The destinations the migration catalogue offers here (GET /api/v1/migration-paths). */
async function loadDestinations() {
  const catalogue = await api('GET', '/api/v1/migration-paths');
  const offered = new Map();
  catalogue.paths.filter((p) => p.offered).forEach((p) => offered.set(p.destination,
    p.destinationName + (p.status === 'EXPERIMENTAL' ? ' (experimental)' : '')));
  const select = $('destination');
  const current = select.value;
  select.innerHTML = [...offered].sort().map(([id, name]) => `<option value="${esc(id)}">${esc(name)} (${esc(id)})</option>`).join('');
  if (offered.has(current)) select.value = current;
}

function renderSources() {
  const q = $('source-search').value.trim().toLowerCase();
  const shown = [...state.sources.values()].filter((s) => !q || `${s.sourceId} ${s.instanceId} ${s.hostname || ''} ${s.os}`.toLowerCase().includes(q));
  $('source-count').textContent = `${state.sources.size} known to the executor`;
  $('sources').innerHTML = shown.map((s) => `<label><input type="checkbox" class="source-pick" value="${esc(s.sourceId)}"
      data-instance-id="${esc(s.instanceId)}"> <span class="mono">${esc(s.instanceId)}</span> ${esc(s.hostname || '')}
      <span class="muted">${esc(s.os || '?')} · ${esc(s.arch || '')} · ${esc(s.regionId || '')} · ${esc(s.status || '')}</span></label>`).join('')
    || '<p class="muted">No sources: import them with source-registry first.</p>';
}

async function startBatch(event) {
  event.preventDefault();
  const targets = [...document.querySelectorAll('.source-pick:checked')].map((c) => ({ sourceId: c.value }));
  const body = {
    requestId: `dashboard-${crypto.randomUUID ? crypto.randomUUID() : Date.now()}`,
    destinationOs: $('destination').value,
    drillMode: $('drill-mode').value,
    acknowledgeRisks: $('ack').checked,
    targets,
  };
  if ($('max-parallel').value) body.maxParallel = Number($('max-parallel').value);
  if ($('failure-threshold').value) body.failureThresholdPercent = Number($('failure-threshold').value);
  const error = $('form-error');
  if (!targets.length) { error.textContent = 'Pick at least one source.'; error.hidden = false; return; }
  if (!body.acknowledgeRisks) { error.textContent = 'Acknowledge the risks to start.'; error.hidden = false; return; }
  if (!confirm(`Start migrating ${targets.length} server(s) to ${body.destinationOs} (${body.drillMode})?`)) return;
  try {
    const batch = await api('POST', '/api/v1/migrations', body);
    error.hidden = true;
    $('start-panel').hidden = true;
    openBatch(batch.batchId, true);
  } catch (e) {
    error.textContent = e.message; error.hidden = false;
  }
}

// ---- one batch -------------------------------------------------------------------------------------------------
// A batch this page just started is followed from its first event; any other from now, and read again once the
// stream is open (its "ready" event): a batch's whole history is never downloaded.
function openBatch(batchId, fresh = false) {
  disconnect();
  remember(batchId);
  Object.assign(state, { batchId, batch: null, grid: null, page: 0, selectedJob: null, selected: null,
    eventIds: new Set(), duplicates: 0, lastEventId: null, fromNow: !fresh, applied: 0 });
  $('empty').hidden = true; $('batch-view').hidden = false; $('job-detail').hidden = true;
  $('event-count').textContent = '0';
  refresh().then(() => connect()).catch((e) => { $('batch-reason').textContent = e.message; $('batch-reason').hidden = false; });
  loadBatches().catch(() => {});
}

// The batch without its jobs, and one page of its jobs with the whole batch's counts: two small reads whatever the
// batch's size.
async function refresh() {
  const batchId = state.batchId;
  const params = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
  if ($('state-filter').value) params.set('state', $('state-filter').value);
  if ($('search').value.trim()) params.set('q', $('search').value.trim());
  const [batch, grid] = await Promise.all([
    api('GET', `/api/v1/migrations/${encodeURIComponent(batchId)}?jobs=false`),
    api('GET', `/api/v1/migrations/${encodeURIComponent(batchId)}/jobs?${params}`)]);
  if (batchId !== state.batchId) return;
  const changed = state.batch && state.batch.state !== batch.state;
  state.batch = batch;
  state.grid = grid;
  const fresh = grid.jobs.find((j) => j.jobId === state.selectedJob);
  if (fresh) state.selected = fresh;
  if (changed) loadBatches().catch(() => {});
  render();
}

// An event is applied at once to the job it names when that job is on the page (its state, its step), and marks the
// page dirty: a reload of the page (PAGE_SIZE rows and the counts) at most every second and one render per
// animation frame keep 10,000 jobs and bursts of events from freezing the page.
let refreshing = false;
let lastRefresh = 0;
let listTimer = 0;
// The batches list follows at most every 3 s, and always once more after the last event.
function scheduleListRefresh() {
  if (listTimer) return;
  listTimer = setTimeout(() => { listTimer = 0; loadBatches().catch(() => {}); }, 3000);
}
function scheduleRefresh() {
  state.dirty = true;
  if (refreshing) return;
  const wait = Math.max(0, REFRESH_MS - (Date.now() - lastRefresh));
  refreshing = true;
  setTimeout(async () => {
    state.dirty = false;
    lastRefresh = Date.now();
    try { await refresh(); } catch (e) { /* shown on the next try */ }
    refreshing = false;
    scheduleListRefresh();
    if (state.dirty) scheduleRefresh();
  }, wait);
}

function render() {
  if (state.frame) return;
  state.frame = requestAnimationFrame(() => {
    state.frame = 0;
    renderBatch();
  });
}

function renderBatch() {
  const b = state.batch;
  const g = state.grid;
  if (!b || !g) return;
  $('batch-id').textContent = b.batchId;
  const badge = $('batch-state'); badge.textContent = b.state; badge.className = `badge s-${b.state}`;
  const total = Object.values(g.counts).reduce((n, c) => n + c, 0);
  $('batch-meta').textContent = `${total} jobs · drill ${b.drillMode} · max parallel ${b.maxParallel}`
    + (b.failureThresholdPercent ? ` · pauses at ${b.failureThresholdPercent}% failures` : '')
    + ` · created ${new Date(b.createdAt).toLocaleString()}`;
  $('batch-reason').textContent = b.reason || ''; $('batch-reason').hidden = !b.reason;
  $('pause').disabled = b.state !== 'RUNNING';
  $('resume').disabled = b.state !== 'PAUSED';
  $('cancel').disabled = b.state === 'COMPLETED' || b.state === 'CANCELLED';

  const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
  Object.entries(g.counts).forEach(([s, c]) => { counts[s] = c; });
  const finished = Object.entries(counts).filter(([s]) => FINISHED.has(s)).reduce((n, [, c]) => n + c, 0);
  const pct = total ? Math.round((100 * finished) / total) : 0;
  $('progress-bar').style.width = `${pct}%`;
  $('progress-text').textContent = `${finished} of ${total} jobs finished (${pct}%)`;
  $('counts').innerHTML = Object.entries(counts).filter(([s, c]) => c > 0 || ['COMPLETED', 'FAILED'].includes(s))
    .map(([s, c]) => `<div class="count-chip" data-state="${s}"><span class="count">${c}</span>
      <span class="label"><span class="badge s-${s}">&nbsp;</span> ${s.replace('_', ' ')}</span></div>`).join('');

  const filter = $('state-filter');
  const current = filter.value;
  filter.innerHTML = '<option value="">All states</option>' + STATES.filter((s) => counts[s] || s === current)
    .map((s) => `<option value="${s}">${s} (${counts[s]})</option>`).join('');
  filter.value = current;

  renderJobs();
  renderBlockers();
  renderDetail();
}

function renderJobs() {
  const g = state.grid;
  $('jobs').innerHTML = g.jobs.map((j) => {
    const src = state.sources.get(j.sourceId);
    return `<tr class="job ${j.jobId === state.selectedJob ? 'selected' : ''}" data-job-id="${esc(j.jobId)}"
        data-instance-id="${esc(j.instanceId)}" data-state="${esc(j.state)}">
      <td><div class="mono">${esc(j.instanceId)}</div><div class="muted small-text">${esc(src?.hostname || '')} <span class="mono">${esc(j.sourceId)}</span></div></td>
      <td>${esc(src?.os || '?')} → <strong>${esc(j.destinationOs)}</strong>${j.resultingOs ? `<div class="muted small-text">now ${esc(j.resultingOs)}</div>` : ''}</td>
      <td><span class="badge s-${esc(j.state)}">${esc(j.state)}</span></td>
      <td>${esc(currentStep(j))}</td>
      <td class="mono">${esc(elapsed(j))}</td></tr>`;
  }).join('') || '<tr><td colspan="5" class="muted">No job matches.</td></tr>';
  const from = g.total ? g.page * g.size + 1 : 0;
  const to = Math.min(g.total, (g.page + 1) * g.size);
  $('jobs-more').innerHTML = `<span id="jobs-range">${from}–${to} of ${g.total} matching jobs</span>
    <button id="jobs-prev" class="small ghost" ${g.page > 0 ? '' : 'disabled'}>Previous</button>
    <button id="jobs-next" class="small ghost" ${to < g.total ? '' : 'disabled'}>Next</button>`;
  $('jobs-prev').onclick = () => goTo(state.page - 1);
  $('jobs-next').onclick = () => goTo(state.page + 1);
}

function goTo(page) {
  state.page = Math.max(0, page);
  refresh().catch(() => {});
}

// Filters and search are answered by the server; typing waits for a pause.
let searchTimer = 0;
function filterChanged(delay) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => goTo(0), delay);
}

/** Applies one event to the page: the named job's state or step, and the counts, when the job is shown. */
const NEXT_STATE = { JobReleased: 'PRECHECKING', PrecheckPassed: 'SNAPSHOTTING', PrecheckFailed: 'PRECHECK_FAILED',
  MigrationCompleted: 'COMPLETED', DisksRolledBack: 'ROLLED_BACK' };
function apply(type, data) {
  const g = state.grid;
  const jobId = data?.header?.jobId;
  const j = g && jobId ? g.jobs.find((x) => x.jobId === jobId) : null;
  if (!j) return false;
  const next = NEXT_STATE[type] || (type === 'MigrationStepDone' ? 'MIGRATING' : null);
  if (next && next !== j.state) {
    g.counts[j.state] = Math.max(0, (g.counts[j.state] || 0) - 1);
    g.counts[next] = (g.counts[next] || 0) + 1;
    j.state = next;
  }
  if (type === 'MigrationStepDone') {
    const step = (j.steps || []).find((x) => x.name === data.step);
    if (step) { step.status = data.status; step.exitCode = data.exitCode ?? step.exitCode; }
  }
  state.applied++;
  return true;
}

function renderBlockers() {
  const byCode = new Map();
  // The findings of the jobs on the page (filter by state to rank a batch's blockers, e.g. PRECHECK_FAILED).
  for (const j of state.grid.jobs) {
    for (const f of j.findings || []) {
      const entry = byCode.get(f.code) || { code: f.code, severity: f.severity, title: f.title, instances: new Set() };
      entry.instances.add(j.instanceId);
      byCode.set(f.code, entry);
    }
  }
  const ranked = [...byCode.values()].sort((a, b) => b.instances.size - a.instances.size || a.code.localeCompare(b.code));
  $('blockers').innerHTML = ranked.map((e) => `<tr class="blocker" data-code="${esc(e.code)}" title="${esc(e.title)}">
      <td><span class="mono">${esc(e.code)}</span><div class="muted small-text">${esc(e.title)}</div></td>
      <td><span class="badge s-${esc(e.severity)}">${esc(e.severity)}</span></td>
      <td class="count" title="${esc([...e.instances].join(', '))}">${e.instances.size}</td></tr>`).join('')
    || '<tr><td colspan="3" class="muted">No findings.</td></tr>';
}

function renderDetail() {
  const panel = $('job-detail');
  const j = state.grid?.jobs.find((x) => x.jobId === state.selectedJob) || state.selected;
  if (!j) { panel.hidden = true; return; }
  panel.hidden = false;
  const steps = [...(j.drill ? [{ ...j.drill, name: j.drill.name || 'DRILL' }] : []), ...(j.steps || [])];
  const costGiB = (j.snapshots || []).reduce((n, s) => n + (s.sizeGiB || 0), 0);
  panel.innerHTML = `
    <div class="card-head">
      <div><h3>Job <span class="mono">${esc(j.jobId)}</span> <span class="badge s-${esc(j.state)}">${esc(j.state)}</span></h3>
        <div class="muted small-text">instance <span class="mono">${esc(j.instanceId)}</span> · source
          <span class="mono">${esc(j.sourceId)}</span> · → ${esc(j.destinationOs)}${j.resultingOs ? ` · now ${esc(j.resultingOs)}` : ''}</div></div>
      <div class="actions">
        <button id="job-start" class="small" data-needs="operator" ${j.state === 'AWAITING_APPROVAL' ? '' : 'disabled'}>Start migration</button>
        <button id="job-cancel" class="small danger" data-needs="operator" ${FINISHED.has(j.state) && j.state !== 'AWAITING_APPROVAL' ? 'disabled' : ''}>Cancel job</button>
        <button id="job-close" class="small ghost">Close</button>
      </div>
    </div>
    ${j.error ? `<p class="error" id="job-error"><strong>Error${j.failedStep ? ` in ${esc(j.failedStep)}` : ''}:</strong> ${esc(j.error)}</p>` : ''}
    <div class="detail-grid">
      <div>
        <h3>Steps</h3>
        <table class="grid compact"><thead><tr><th>Step</th><th>Status</th><th>Duration</th><th>Exit</th></tr></thead>
        <tbody>${steps.map((s) => `<tr class="step" data-step="${esc(s.name)}"><td>${esc(s.name)}</td>
          <td><span class="badge s-${esc(s.status)}">${esc(s.status)}</span></td>
          <td class="mono">${esc(duration(s.startedAt, s.finishedAt))}</td><td class="mono">${esc(s.exitCode ?? '')}</td></tr>
          ${s.outputExcerpt && s.status !== 'SUCCEEDED' ? `<tr><td colspan="4"><pre class="output">${esc(s.outputExcerpt)}</pre></td></tr>` : ''}`).join('')
          || '<tr><td colspan="4" class="muted">No step has run.</td></tr>'}</tbody></table>
        <h3 style="margin-top:14px">Snapshots <span class="muted small-text">${costGiB} GiB billed while kept</span></h3>
        <table class="grid compact"><thead><tr><th>Snapshot</th><th>Disk</th><th>Size</th><th>Status</th></tr></thead>
        <tbody>${(j.snapshots || []).map((s) => `<tr class="snapshot"><td class="mono">${esc(s.snapshotId)}</td>
          <td class="mono">${esc(s.diskId)} <span class="muted">${esc(s.diskType)}</span></td><td>${s.sizeGiB} GiB</td>
          <td>${esc(s.status)}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">No snapshots.</td></tr>'}</tbody></table>
      </div>
      <div>
        <h3>Findings</h3>
        ${(j.findings || []).map((f) => `<div class="finding" data-code="${esc(f.code)}">
          <div><span class="badge s-${esc(f.severity)}">${esc(f.severity)}</span> <strong class="mono">${esc(f.code)}</strong>
            <span class="muted small-text">${esc(f.source)}</span></div>
          <div>${esc(f.title)}</div>${f.detail ? `<div class="muted small-text">${esc(f.detail)}</div>` : ''}
          ${f.remediationHint ? `<div class="small-text"><strong>Remedy:</strong> ${esc(f.remediationHint)}</div>` : ''}
          ${f.remediationCommand ? `<div class="small-text"><code>${esc(f.remediationCommand)}</code></div>` : ''}
        </div>`).join('') || '<p class="muted">No findings.</p>'}
      </div>
    </div>`;
  $('job-close').onclick = () => { state.selectedJob = null; state.selected = null; render(); };
  $('job-start').onclick = () => action(`Start the migration of ${j.instanceId}?`, `/api/v1/migrations/${state.batchId}/jobs/${j.jobId}:start`);
  $('job-cancel').onclick = () => action(`Cancel the job of ${j.instanceId}?`, `/api/v1/migrations/${state.batchId}/jobs/${j.jobId}:cancel`);
}

function currentStep(j) {
  const all = [...(j.drill ? [j.drill] : []), ...(j.steps || [])];
  const running = all.find((s) => s.status === 'RUNNING');
  if (running) return running.name || 'DRILL';
  if (j.state === 'PRECHECKING') return 'precheck';
  if (j.state === 'SNAPSHOTTING') return 'snapshots';
  if (j.failedStep) return `${j.failedStep} (failed)`;
  const last = all[all.length - 1];
  return last ? `${last.name || 'DRILL'} (${(last.status || '').toLowerCase()})` : '—';
}

function elapsed(j) {
  const all = [...(j.drill ? [j.drill] : []), ...(j.steps || [])];
  const starts = all.map((s) => s.startedAt).filter(Boolean).map(Date.parse);
  if (!starts.length) return '—';
  const ends = all.map((s) => s.finishedAt).filter(Boolean).map(Date.parse);
  const end = FINISHED.has(j.state) && ends.length ? Math.max(...ends) : Date.now();
  return fmt(end - Math.min(...starts));
}

function duration(start, end) {
  if (!start) return '—';
  return fmt((end ? Date.parse(end) : Date.now()) - Date.parse(start)) + (end ? '' : '…');
}

function fmt(ms) {
  const s = Math.max(0, Math.round(ms / 100) / 10);
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} m ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} m`;
}

async function action(question, path) {
  if (!confirm(question)) return;
  try {
    await api('POST', path);
    await refresh();
  } catch (e) {
    alert(e.message);
  }
}

// ---- live stream -----------------------------------------------------------------------------------------------
function setConn(kind, text) {
  const pill = $('conn');
  pill.className = `pill pill-${kind}`;
  pill.textContent = text;
  state.connected = kind === 'live';
}

let retryTimer = 0;
async function connect() {
  clearTimeout(retryTimer);
  if (!state.batchId || !state.token) return;
  const batchId = state.batchId;
  let ticket;
  try {
    ticket = (await api('POST', '/api/v1/stream-tickets')).ticket;
  } catch (e) {
    setConn('down', 'disconnected');
    retryTimer = setTimeout(connect, 2000);
    return;
  }
  if (batchId !== state.batchId || state.stream) return;
  const params = new URLSearchParams({ ticket });
  if (state.lastEventId) params.set('lastEventId', state.lastEventId); // a new EventSource cannot send the header
  else if (state.fromNow) params.set('from', 'now');
  const source = new EventSource(`/api/v1/migrations/${encodeURIComponent(batchId)}/events?${params}`);
  state.stream = source;
  source.onopen = () => setConn('live', 'live');
  const onEvent = (e) => {
    if (state.stream !== source) return;
    if (state.eventIds.has(e.lastEventId)) state.duplicates++;
    state.eventIds.add(e.lastEventId);
    state.lastEventId = e.lastEventId;
    $('event-count').textContent = String(state.eventIds.size);
    let data = null;
    try { data = JSON.parse(e.data); } catch (ignored) { /* not JSON: the reload shows it */ }
    if (apply(e.type, data)) render();
    scheduleRefresh();
  };
  EVENT_TYPES.forEach((type) => source.addEventListener(type, onEvent));
  source.onmessage = onEvent;
  // The stream could not resume where it left off (the event expired): reload the batch, then follow from now.
  source.addEventListener('reset', () => { if (state.stream === source) scheduleRefresh(); });
  // A stream from now: read the snapshot once it is open, then apply what follows.
  source.addEventListener('ready', () => {
    if (state.stream !== source) return;
    state.fromNow = false;
    refresh().catch(() => scheduleRefresh());
  });
  // The ticket is short-lived, so rather than letting EventSource retry with it, reconnect with a fresh one.
  source.onerror = () => {
    if (state.stream !== source) return;
    source.close();
    state.stream = null;
    setConn('down', 'disconnected — reconnecting');
    retryTimer = setTimeout(connect, 1000);
  };
}

function disconnect() {
  clearTimeout(retryTimer);
  if (state.stream) { state.stream.close(); state.stream = null; }
  setConn('down', 'disconnected');
}

// ---- wiring ----------------------------------------------------------------------------------------------------
$('login-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value.trim()); });
$('logout').addEventListener('click', () => signOut());
$('new-batch').addEventListener('click', () => { $('start-panel').hidden = false; loadSources().catch(() => {}); });
$('close-start').addEventListener('click', () => { $('start-panel').hidden = true; });
$('source-search').addEventListener('input', renderSources);
$('select-all').addEventListener('click', () => document.querySelectorAll('.source-pick').forEach((c) => { c.checked = true; }));
$('start-form').addEventListener('submit', startBatch);
$('open-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const id = $('open-batch-id').value.trim();
  if (id) openBatch(id);
});
$('batches').addEventListener('click', (e) => { const li = e.target.closest('li[data-batch-id]'); if (li) openBatch(li.dataset.batchId); });
$('jobs').addEventListener('click', (e) => {
  const tr = e.target.closest('tr.job');
  if (tr) {
    state.selectedJob = tr.dataset.jobId;
    state.selected = state.grid.jobs.find((x) => x.jobId === state.selectedJob) || null;
    render();
  }
});
$('counts').addEventListener('click', (e) => {
  const chip = e.target.closest('.count-chip');
  if (chip) {
    const filter = $('state-filter');
    if (![...filter.options].some((o) => o.value === chip.dataset.state)) {
      filter.add(new Option(chip.dataset.state, chip.dataset.state));
    }
    filter.value = chip.dataset.state;
    filterChanged(0);
  }
});
$('state-filter').addEventListener('change', () => filterChanged(0));
$('search').addEventListener('input', () => filterChanged(250));
$('pause').addEventListener('click', () => action('Pause the batch? Jobs already running go on.', `/api/v1/migrations/${state.batchId}:pause`));
$('resume').addEventListener('click', () => action('Resume the batch?', `/api/v1/migrations/${state.batchId}:resume`));
$('cancel').addEventListener('click', () => action('Cancel the whole batch? Running upgrades stop between steps and roll back.', `/api/v1/migrations/${state.batchId}:cancel`));
setInterval(() => { if (state.grid && state.grid.jobs.some((j) => !FINISHED.has(j.state))) render(); }, 1000);

// A hook for the browser test and for operators debugging from the console.
window.osmDashboard = {
  disconnect,
  reconnect: () => connect(),
  eventIds: () => [...state.eventIds],
  duplicates: () => state.duplicates,
  connected: () => state.connected,
  batchId: () => state.batchId,
  applied: () => state.applied,
  shownJobs: () => (state.grid ? state.grid.jobs.length : 0),
};

if (state.token) signIn(state.token);
