/*
 * The compliance console: plain JavaScript over the JSON API, no build step and nothing fetched from
 * outside. Every value from the server enters the page as text (h() never sets innerHTML), so an
 * account id or a policy file cannot inject markup.
 */
'use strict';

const AUTH_KEY = 'brokerpolicy.auth';
const USER_KEY = 'brokerpolicy.user';
const STATUS_TEXT = { HEALTHY: 'Healthy', MARGIN_CALL: 'Margin call', STOP_OUT: 'Stopped out' };

// ---------------------------------------------------------------- DOM helpers

function h(tag, attrs, ...children) {
  const el = document.createElementNS(tag.startsWith('svg:') ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml',
    tag.replace(/^svg:/, ''));
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const svg = (tag, attrs, ...children) => h('svg:' + tag, attrs, ...children);

function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

// ---------------------------------------------------------------- formatting

const fmt2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fmtInt = new Intl.NumberFormat('en-US');

function money(n, currency) {
  if (n === null || n === undefined) return '—';
  return fmt2.format(n) + (currency ? ' ' + currency : '');
}
function pct(n) { return n === null || n === undefined ? '—' : fmt2.format(n) + '%'; }
function level(n) { return n === null || n === undefined ? 'no margin in use' : pct(n); }
function utc(iso) {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}${m[3] ? m[3].slice(0, 4) : ''} UTC` : iso;
}
function badge(status) { return h('span', { class: 'badge ' + status }, STATUS_TEXT[status] || status); }

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

const Api = {
  header() { const auth = sessionStorage.getItem(AUTH_KEY); return auth.startsWith('Bearer ') ? auth : 'Basic ' + auth; },
  async request(method, path, authorization, body) {
    // X-Requested-With: the service then answers a wrong password with a bare 401, not the Basic challenge that
    // makes a browser pop up its own sign-in dialog over the console's.
    const headers = { Authorization: authorization || Api.header(), Accept: 'application/json',
      'X-Requested-With': 'XMLHttpRequest' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await response.text();
    let answer = null;
    try { answer = text ? JSON.parse(text) : null; } catch (e) { answer = { error: text }; }
    if (response.status === 401 && !authorization) {
      signOut('Your session has ended; please sign in again.');
    }
    if (!response.ok) throw new ApiError(response.status, answer);
    return answer;
  },
  get(path) { return Api.request('GET', path); },
  post(path, body) { return Api.request('POST', path, undefined, body); },
};

// ---------------------------------------------------------------- session

function encodeCredentials(user, password) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
}

async function signIn(event) {
  event.preventDefault();
  const user = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  const error = document.getElementById('login-error');
  const submit = document.getElementById('login-submit');
  error.hidden = true;
  submit.disabled = true;
  const credentials = encodeCredentials(user, password);
  try {
    // A compliance user may search verdicts; a risk editor may only read policies.
    let landing = '#/verdicts';
    try {
      // A range starting now matches (almost) nothing, so the check costs nothing however many verdicts exist.
      await Api.request('GET', '/api/v1/verdicts?size=1&from=' + encodeURIComponent(new Date().toISOString()),
        'Basic ' + credentials);
    } catch (e) {
      if (e.status !== 403) throw e;
      await Api.request('GET', '/api/v1/policy/active', 'Basic ' + credentials);
      landing = '#/policy';
    }
    sessionStorage.setItem(AUTH_KEY, credentials);
    sessionStorage.setItem(USER_KEY, user);
    document.getElementById('password').value = '';
    if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = landing;
    showApp();
  } catch (e) {
    error.textContent = e.status === 401 ? 'The user name or password is not right.'
      : e.status === 403 ? 'This user has no compliance or risk-editor role.'
      : 'The service could not be reached: ' + e.message;
    error.hidden = false;
  } finally {
    submit.disabled = false;
  }
}

function signOut(message) {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(USER_KEY);
  showLogin(message);
}

function showLogin(message) {
  document.getElementById('view').hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  document.getElementById('login').hidden = false;
  const error = document.getElementById('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  document.getElementById('username').focus();
}

function showApp() {
  document.getElementById('login').hidden = true;
  document.getElementById('view').hidden = false;
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  document.getElementById('session-user').textContent = sessionStorage.getItem(USER_KEY);
  route();
}

// ---------------------------------------------------------------- routing

function route() {
  if (!sessionStorage.getItem(AUTH_KEY)) { showLogin(); return; }
  const hash = location.hash || '#/verdicts';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === parts[0]));
  const view = clear(document.getElementById('view'));
  if (parts[0] === 'verdicts' && parts[1]) renderVerdict(view, decodeURIComponent(parts[1]));
  else if (parts[0] === 'policy') renderPolicy(view, params);
  else if (parts[0] === 'audit') renderAudit(view);
  else if (parts[0] === 'stress') renderStress(view);
  else renderSearch(view, params);
}

function failure(view, e) {
  view.appendChild(h('div', { class: 'card' }, h('p', { class: 'error' },
    e.status === 403 ? 'Your role may not see this page.' : e.message)));
}

// ---------------------------------------------------------------- search

const FILTERS = [
  ['accountId', 'Account', 'text', 'A-1042'],
  ['brokerId', 'Broker', 'text', 'acme-fx'],
  ['status', 'Status', 'select'],
  ['from', 'Evaluated from (UTC)', 'utc', '2026-11-21T14:03:11Z'],
  ['to', 'Evaluated before (UTC)', 'utc', '2026-11-22'],
  ['policyVersion', 'Policy version', 'number'],
];

function renderSearch(view, params) {
  const form = h('form', { class: 'filters', id: 'search-form' });
  for (const [name, label, type, placeholder] of FILTERS) {
    const id = 'f-' + name;
    let input;
    if (type === 'select') {
      input = h('select', { id, name }, h('option', { value: '' }, 'Any status'),
        Object.entries(STATUS_TEXT).map(([v, t]) => h('option', { value: v }, t)));
    } else {
      input = type === 'utc'
        ? h('input', { id, name, type: 'text', class: 'utc-input', placeholder, spellcheck: 'false', autocomplete: 'off',
          title: 'UTC, ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z' })
        : h('input', { id, name, type, placeholder, min: type === 'number' ? 1 : null });
    }
    const value = params.get(name);
    if (value) input.value = value;
    form.appendChild(h('div', { class: 'filter-' + name }, h('label', { for: id }, label), input));
  }
  form.appendChild(h('div', {}, h('button', { class: 'primary', type: 'submit', id: 'search-submit' }, 'Search')));
  const filterError = h('p', { class: 'error filter-error', id: 'filter-error', role: 'alert', hidden: true });
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams();
    const problems = [];
    for (const [name, label, type] of FILTERS) {
      let value = form.elements[name].value.trim();
      if (!value) continue;
      if (type === 'utc') {
        const iso = isoUtc(value);
        if (!iso) { problems.push(`${label}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), not "${value}"`); continue; }
        value = iso;
      }
      next.set(name, value);
    }
    filterError.hidden = !problems.length;
    filterError.textContent = problems.join(' · ');
    if (!problems.length) location.hash = '#/verdicts?' + next.toString();
  });

  const results = h('div', { id: 'results' }, h('p', { class: 'loading' }, 'Loading…'));
  view.append(
    h('h1', {}, 'Verdicts'),
    h('p', { class: 'muted' }, 'Every decision the service made, newest first. Times are when the service evaluated the snapshot (UTC).'),
    h('div', { class: 'card' }, form, filterError),
    h('div', { class: 'card' }, results));

  const query = new URLSearchParams(params);
  if (!query.get('size')) query.set('size', '25');
  Api.get('/api/v1/verdicts?' + query.toString())
    .then(page => renderResults(clear(results), page, params))
    .catch(e => { clear(results); results.appendChild(h('p', { class: 'error' }, describe(e))); });
}

/** A date or a time typed as UTC (2026-11-21, 2026-11-21 14:03, 2026-11-21T14:03:11Z) in the API's form, or null. */
function isoUtc(text) {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?\s*(?:Z|UTC)?)?$/i.exec(text.trim());
  if (!m) return null;
  const iso = m[2] ? `${m[1]}T${m[2]}${m[3] || ':00'}Z` : m[1];
  return Number.isNaN(Date.parse(m[2] ? iso : iso + 'T00:00:00Z')) ? null : iso;
}

function describe(e) {
  if (e.body && Array.isArray(e.body.details) && e.body.details.length) {
    return e.body.details.map(d => `${d.field}: ${d.message}`).join(' · ');
  }
  return e.message;
}

function renderResults(results, page, params) {
  if (!page.items.length) {
    results.appendChild(h('p', { class: 'muted' }, 'No verdict matches these filters.'));
    return;
  }
  const rows = page.items.map(v => h('tr', { class: 'clickable verdict-row', 'data-verdict-id': v.verdictId,
      onclick: () => { location.hash = '#/verdicts/' + encodeURIComponent(v.verdictId); } },
    h('td', { class: 'num' }, utc(v.evaluatedAt)),
    h('td', {}, h('a', { href: '#/verdicts/' + encodeURIComponent(v.verdictId) }, v.accountId)),
    h('td', {}, v.policy ? `${v.policy.brokerId} / ${v.policy.accountType}` : ''),
    h('td', {}, badge(v.status)),
    h('td', { class: 'num margin' }, v.maintenanceMargin
      ? [pct(v.maintenanceMargin.crossMarginRatio), h('span', { class: 'unit' }, ' ratio')]
      : [pct(v.marginLevel), h('span', { class: 'unit' }, ' level')]),
    h('td', { class: 'num' }, money(v.maintenanceMargin ? v.maintenanceMargin.crossMarginBalance : v.equity)),
    h('td', { class: 'num' }, v.closeOuts.length || ''),
    h('td', { class: 'num' }, v.violations.length || ''),
    h('td', { class: 'num' }, v.policy ? 'v' + v.policy.version : '')));
  results.appendChild(h('table', { id: 'results-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Evaluated'), h('th', {}, 'Account'), h('th', {}, 'Broker / type'),
      h('th', {}, 'Status'), h('th', { class: 'num', title: 'margin level (forex) or margin ratio (exchange)' }, 'Margin'),
      h('th', { class: 'num', title: 'equity (forex) or margin balance (exchange)' }, 'Equity'),
      h('th', { class: 'num' }, 'Close-outs'), h('th', { class: 'num' }, 'Violations'), h('th', { class: 'num' }, 'Policy'))),
    h('tbody', {}, rows)));
  const first = page.page * page.size + 1;
  const last = page.page * page.size + page.items.length;
  const go = delta => {
    const next = new URLSearchParams(params);
    next.set('page', String(page.page + delta));
    next.set('size', String(page.size));
    location.hash = '#/verdicts?' + next.toString();
  };
  results.appendChild(h('div', { class: 'pager' },
    h('span', {}, `${fmtInt.format(first)}–${fmtInt.format(last)} of ${fmtInt.format(page.total)}`),
    h('span', { class: 'buttons' },
      h('button', { class: 'secondary', type: 'button', disabled: page.page === 0, onclick: () => go(-1) }, 'Newer'),
      h('button', { class: 'secondary', type: 'button', disabled: last >= page.total, onclick: () => go(1) }, 'Older'))));
}

// ---------------------------------------------------------------- one verdict

function renderVerdict(view, verdictId) {
  view.appendChild(h('p', { class: 'loading' }, 'Loading verdict…'));
  Api.get('/api/v1/verdicts/' + encodeURIComponent(verdictId))
    .then(record => { clear(view); verdictPage(view, record); })
    .catch(e => { clear(view); failure(view, e); });
}

function verdictPage(view, v) {
  const snapshot = v.snapshot || {};
  const currency = snapshot.currency || '';
  const positions = new Map((snapshot.positions || []).map(p => [p.positionId, p]));

  view.appendChild(h('div', { class: 'verdict-head' },
    h('div', {},
      h('a', { class: 'back', href: '#/verdicts?accountId=' + encodeURIComponent(v.accountId) }, '← All verdicts of ' + v.accountId),
      h('h1', { id: 'verdict-title' }, `${v.accountId} · `, badge(v.status)),
      h('div', { class: 'meta' }, `Evaluated ${utc(v.evaluatedAt)} · snapshot ${v.snapshotId} as of ${utc(snapshot.asOf)} · `
        + `${v.policy.brokerId} / ${v.policy.accountType}`)),
    h('div', {}, h('button', { class: 'secondary', id: 'replay-button', type: 'button', onclick: () => replay(v) }, 'Replay this decision'))));

  view.appendChild(h('div', { class: 'explanation ' + v.status, id: 'explanation' },
    h('span', { class: 'label' }, 'Why'), v.explanation));

  const after = v.afterCloseOut;
  const model = measure(v);
  const mm = v.maintenanceMargin;
  view.appendChild(h('div', { class: 'figures' },
    mm ? figure('Margin ratio', pct(mm.crossMarginRatio), 'maintenance / margin balance', v.status === 'STOP_OUT')
      : figure('Margin level', pct(v.marginLevel), after ? 'after close-out ' + level(after.marginLevel) : null,
        v.status === 'STOP_OUT'),
    mm ? figure('Margin balance', money(mm.crossMarginBalance), currency) : figure('Equity', money(v.equity), currency),
    mm ? figure('Maintenance margin', money(mm.crossMaintenanceMargin), currency) : figure('Used margin', money(v.usedMargin), currency),
    figure('Free margin', money(v.freeMargin), currency),
    figure(model.callName + ' at', pct(model.call), 'policy v' + v.policy.version),
    figure(model.stopName + ' at', pct(model.stop), 'policy v' + v.policy.version)));

  view.appendChild(h('div', { class: 'card', id: 'replay-card', hidden: true }));

  const left = h('div', {});
  const right = h('div', {});
  view.appendChild(h('div', { class: 'grid-2' }, left, right));

  left.appendChild(h('div', { class: 'card' }, h('h2', {}, model.title),
    marginChart(v, model), h('div', { class: 'legend' },
      h('span', { class: 'l-series' }, h('i'), model.metric),
      h('span', { class: 'l-call' }, h('i'), `${model.callName} ${pct(model.call)}`),
      h('span', { class: 'l-stop' }, h('i'), `${model.stopName} ${pct(model.stop)}`)),
    model.higherIsWorse ? h('p', { class: 'fineprint' }, 'Margin ratio = maintenance margin / margin balance: the higher, the closer to liquidation.') : null));
  left.appendChild(h('div', { class: 'card' }, h('h2', {}, 'What happened'), timeline(v, positions, currency, model)));
  left.appendChild(h('div', { class: 'card' }, h('h2', {}, 'Positions in the snapshot'), positionsTable(v, snapshot, currency)));

  right.appendChild(h('div', { class: 'card' }, h('h2', {}, 'Policy applied'), h('dl', { class: 'kv' },
    h('dt', {}, 'Version'), h('dd', {}, h('a', { href: '#/policy' }, 'v' + v.policy.version)),
    h('dt', {}, 'Policy file'), h('dd', { class: 'mono' }, v.policy.file),
    h('dt', {}, 'Broker / type'), h('dd', {}, `${v.policy.brokerId} / ${v.policy.accountType}`),
    h('dt', {}, 'Bundle hash'), h('dd', {}, h('div', { class: 'hash-block' }, v.policy.hash)))));
  right.appendChild(h('div', { class: 'card' }, h('h2', {}, 'Rules that fired, in order'),
    h('ol', { id: 'fired-rules', class: 'rules' }, v.firedRules.map(r => h('li', {}, h('strong', {}, r.rule), h('div', { class: 'muted mono' }, r.file))))));
  if (v.violations.length) {
    right.appendChild(h('div', { class: 'card' }, h('h2', {}, 'Violations'), h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Code'), h('th', {}, 'Position'), h('th', { class: 'num' }, 'Limit'), h('th', { class: 'num' }, 'Actual'))),
      h('tbody', {}, v.violations.map(x => h('tr', {}, h('td', {}, x.code, h('div', { class: 'muted' }, x.rule || '')),
        h('td', {}, x.positionId || '—'), h('td', { class: 'num' }, x.limit ?? '—'), h('td', { class: 'num' }, x.actual ?? '—')))))));
  }
  if (v.liquidationPrices.length) {
    right.appendChild(h('div', { class: 'card' }, h('h2', {}, 'Liquidation prices'), h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Position'), h('th', { class: 'num' }, 'Price'))),
      h('tbody', {}, v.liquidationPrices.map(x => h('tr', {}, h('td', {}, x.positionId), h('td', { class: 'num' }, String(x.price))))))));
  }
  right.appendChild(h('div', { class: 'card', id: 'audit-card' }, h('h2', {}, 'Audit record'), h('dl', { class: 'kv' },
    h('dt', {}, 'Verdict id'), h('dd', { class: 'mono' }, v.verdictId),
    h('dt', {}, 'Record number'), h('dd', { class: 'num', style: 'text-align:left' }, '#' + fmtInt.format(v.audit.chainSeq)),
    h('dt', {}, 'Leaf in the log'), h('dd', { class: 'num', style: 'text-align:left', id: 'leaf-index' },
      v.audit.leafIndex == null ? 'not yet taken in' : '#' + fmtInt.format(v.audit.leafIndex)),
    v.audit.leafHash ? [h('dt', {}, 'Leaf hash'), h('dd', {}, h('div', { class: 'hash-block', id: 'leaf-hash' }, v.audit.leafHash))] : null,
    h('dt', {}, 'Snapshot hash'), h('dd', {}, h('div', { class: 'hash-block' }, v.audit.snapshotHash)),
    h('dt', {}, 'Document schema'), h('dd', {}, 'version ' + v.audit.schemaVersion),
    v.audit.rowHash ? [h('dt', {}, 'Chain row hash'), h('dd', {}, h('div', { class: 'hash-block', id: 'row-hash' }, v.audit.rowHash))] : null,
    v.evaluationMicros != null ? [h('dt', {}, 'Rules took'), h('dd', {}, fmtInt.format(v.evaluationMicros) + ' µs')] : null),
    h('div', { id: 'proof' }, h('p', { class: 'loading' }, 'Checking this verdict against the signed log…')),
    h('p', { class: 'fineprint' }, 'The leaf hash covers every stored column of the verdict and its snapshot; ',
      h('a', { href: '#/audit' }, 'verify the whole log'), '.')));
  showProof(v.verdictId);
}

// ---------------------------------------------------------------- proofs (RFC 9162, checked here)

const bytesOf = b64 => Uint8Array.from(atob(b64), c => c.charCodeAt(0));
const b64Of = bytes => btoa(String.fromCharCode(...bytes));

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { joined.set(p, at); at += p.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** RFC 9162 §2.1.3.2: the root the audit path leads to from the leaf, or null when it does not fit the tree. */
async function rootFromInclusion(index, size, leafHash, path) {
  if (index >= size) return null;
  let fn = index, sn = size - 1, r = leafHash;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256(Uint8Array.of(1), r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** Checks the proof with the log's public key: signature over the checkpoint body, leaf hash, audit path, root. */
async function checkProof(proof, key) {
  const body = proof.checkpoint.body;
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') return { ok: false, why: 'the checkpoint body is malformed' };
  const size = Number(lines[1]);
  const root = bytesOf(lines[2]);
  let signature = 'unchecked';
  try {
    const publicKey = await crypto.subtle.importKey('raw', bytesOf(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    const good = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, bytesOf(proof.checkpoint.signature),
      new TextEncoder().encode(body));
    if (!good) return { ok: false, why: 'the checkpoint is not signed by the log\'s key' };
    signature = 'verified';
  } catch (e) {
    signature = 'unchecked';
  }
  const leaf = await sha256(Uint8Array.of(0), bytesOf(proof.record));
  const computed = await rootFromInclusion(proof.leafIndex, size, leaf, proof.auditPath.map(bytesOf));
  if (!computed || b64Of(computed) !== b64Of(root)) return { ok: false, why: 'the audit path does not lead to the signed root' };
  return { ok: true, size, signature };
}

async function showProof(verdictId) {
  const box = document.getElementById('proof');
  try {
    const [proof, key] = await Promise.all([
      Api.get('/api/v1/verdicts/' + encodeURIComponent(verdictId) + '/proof'), Api.get('/api/v1/audit/public-key')]);
    const result = await checkProof(proof, key);
    const file = new Blob([JSON.stringify(proof, null, 2) + '\n'], { type: 'application/json' });
    const download = h('a', { class: 'button secondary', id: 'download-proof', href: URL.createObjectURL(file),
      download: `proof-${verdictId}.json` }, 'Download proof');
    clear(box).append(
      result.ok
        ? h('p', { class: 'verify-ok', id: 'proof-status' }, `✓ Included in checkpoint ${fmtInt.format(result.size)}, `
          + (result.signature === 'verified' ? 'verified' : 'audit path verified (this browser cannot check Ed25519 signatures)'))
        : h('p', { class: 'verify-bad', id: 'proof-status' }, '✗ The proof does not hold: ' + result.why),
      h('p', { class: 'fineprint' }, `Leaf #${fmtInt.format(proof.leafIndex)} of the tree of ${fmtInt.format(proof.checkpoint.treeSize)}`
        + ` leaves signed ${utc(proof.checkpoint.timestamp)} by key ${proof.checkpoint.keyId}. Anyone can check the proof offline `
        + 'with the public key alone: java -jar quarkus-run.jar verify-proof --public-key KEY proof.json'),
      download);
  } catch (e) {
    clear(box).appendChild(h('p', { class: 'error', id: 'proof-status' }, 'No proof: ' + describe(e)));
  }
}

function figure(label, value, sub, bad) {
  return h('div', { class: 'figure' }, h('div', { class: 'k' }, label),
    h('div', { class: 'v' + (bad ? ' bad' : '') }, value), sub ? h('div', { class: 'sub' }, sub) : null);
}

/**
 * What the chart and the story measure. A forex verdict: the margin level (equity / used margin),
 * lower is worse, against margin-call and stop-out levels. An exchange verdict (maintenanceMargin
 * present): the margin ratio (maintenance margin / margin balance), higher is worse, against
 * margin-call and liquidation ratios.
 */
function measure(v) {
  const mm = v.maintenanceMargin;
  if (mm) {
    const ratio = step => step.maintenance ? step.maintenance.marginRatioAfter : null;
    return { title: 'Margin ratio through the liquidation', metric: 'Margin ratio', higherIsWorse: true,
      callName: 'Margin call', stopName: 'Liquidation', call: mm.marginCallRatio, stop: mm.liquidationRatio,
      start: v.closeOuts.length && v.closeOuts[0].maintenance ? v.closeOuts[0].maintenance.marginRatioBefore : mm.crossMarginRatio,
      before: step => step.maintenance ? step.maintenance.marginRatioBefore : null, after: ratio };
  }
  return { title: 'Margin level through the close-out', metric: 'Margin level', higherIsWorse: false,
    callName: 'Margin call', stopName: 'Stop-out', call: v.thresholds.marginCallLevel, stop: v.thresholds.stopOutLevel,
    start: v.closeOuts.length ? v.closeOuts[0].marginLevelBefore : v.marginLevel,
    before: step => step.marginLevelBefore, after: step => step.marginLevelAfter };
}

function timeline(v, positions, currency, model) {
  const items = [];
  const s = v.snapshot || {};
  items.push(item('snapshot', utc(s.asOf), 'Account snapshot received',
    `Balance ${money(Number(s.balance), currency)}, ${(s.positions || []).length} open position(s), snapshot ${v.snapshotId}.`));
  const mm = v.maintenanceMargin;
  items.push(item('decision', utc(v.evaluatedAt), `Evaluated under policy v${v.policy.version}: ${STATUS_TEXT[v.status]}`,
    `${model.metric} ${pct(model.higherIsWorse ? mm.crossMarginRatio : v.marginLevel)} against `
    + `${model.callName.toLowerCase()} ${pct(model.call)} and ${model.stopName.toLowerCase()} ${pct(model.stop)}; `
    + (mm ? `margin balance ${money(mm.crossMarginBalance, currency)}, maintenance margin ${money(mm.crossMaintenanceMargin, currency)}.`
      : `equity ${money(v.equity, currency)}, used margin ${money(v.usedMargin, currency)}.`)));
  for (const step of v.closeOuts) {
    const p = positions.get(step.positionId);
    const what = p ? `${p.side} ${p.quantity} ${p.symbol}` : '';
    items.push(h('li', { class: 'timeline-item close-out' }, h('span', { class: 'dot' }),
      h('div', { class: 'what' }, h('span', { class: 'step-no' }, 'Step ' + step.step),
        `${isReduction(step) ? 'Reduced' : 'Closed'} ${step.positionId}`, what ? ` · ${what}` : ''),
      h('div', { class: 'detail' }, `Realized ${money(step.realizedPnl, currency)}`
        + (step.quantityClosed != null ? `; ${isReduction(step) ? 'reduced by' : 'closed'} ${step.quantityClosed}, ${step.quantityRemaining} remaining` : '')
        + `; ${model.metric.toLowerCase()} ${level(model.before(step))} → ${level(model.after(step))}`
        + (step.maintenance && step.maintenance.bracketBefore != null ? `; bracket ${step.maintenance.bracketBefore} → ${step.maintenance.bracketAfter}` : '')),
      h('div', { class: 'when' }, `rule ${step.rule}`)));
  }
  if (v.negativeBalanceAdjustment && Number(v.negativeBalanceAdjustment) !== 0) {
    items.push(item('outcome', '', 'Negative balance protection',
      `The broker absorbed ${money(v.negativeBalanceAdjustment, currency)} so the balance does not go below zero.`));
  }
  if (v.afterCloseOut) {
    items.push(item('outcome', '', 'After the close-out',
      `Balance ${money(v.afterCloseOut.balance, currency)}, equity ${money(v.afterCloseOut.equity, currency)}, `
      + (mm && v.closeOuts.length ? `margin ratio ${pct(model.after(v.closeOuts[v.closeOuts.length - 1]))}.`
        : `margin level ${level(v.afterCloseOut.marginLevel)}.`)));
  }
  if (v.violations.length) {
    items.push(item('decision', '', `${v.violations.length} violation(s) reported`, v.violations.map(x => x.code + (x.positionId ? ' on ' + x.positionId : '')).join(', ')));
  }
  return h('ol', { class: 'timeline', id: 'timeline' }, items);
}

function item(kind, when, what, detail) {
  return h('li', { class: 'timeline-item ' + kind }, h('span', { class: 'dot' }),
    h('div', { class: 'what' }, what), h('div', { class: 'detail' }, detail), when ? h('div', { class: 'when' }, when) : null);
}

/** A step that leaves part of its position open (an exchange's partial liquidation), not a close. */
function isReduction(step) {
  return step.quantityRemaining != null && Number(step.quantityRemaining) > 0;
}

/** What the close-out did to one position: "reduced, step 1/2" for each reduction, "closed, step 2/2" at the end. */
function positionOutcome(v, positionId) {
  const steps = v.closeOuts.filter(c => c.positionId === positionId);
  if (!steps.length) return h('span', { class: 'badge neutral' }, 'open');
  const last = steps[steps.length - 1];
  return [...steps.map(c => h('span', { class: 'badge ' + (isReduction(c) ? 'MARGIN_CALL' : 'STOP_OUT') },
    `${isReduction(c) ? 'reduced' : 'closed'}, step ${c.step}/${v.closeOuts.length}`)),
    isReduction(last) ? h('div', { class: 'muted' }, `${last.quantityRemaining} left`) : null];
}

function positionsTable(v, snapshot, currency) {
  return h('table', { id: 'positions' }, h('thead', {}, h('tr', {}, h('th', {}, 'Position'), h('th', {}, 'Instrument'), h('th', {}, 'Side'),
      h('th', { class: 'num' }, 'Quantity'), h('th', { class: 'num' }, 'Open'), h('th', { class: 'num' }, 'Mark'),
      h('th', { class: 'num' }, 'Leverage'), h('th', {}, 'Outcome'))),
    h('tbody', {}, (snapshot.positions || []).map(p => h('tr', { 'data-position-id': p.positionId },
      h('td', {}, p.positionId), h('td', {}, p.symbol, h('div', { class: 'muted' }, p.assetClass)), h('td', {}, p.side),
      h('td', { class: 'num' }, String(p.quantity)), h('td', { class: 'num' }, String(p.openPrice)), h('td', { class: 'num' }, String(p.markPrice)),
      h('td', { class: 'num' }, String(p.leverage) + ':1'),
      h('td', { class: 'outcome' }, positionOutcome(v, p.positionId))))));
}

/**
 * The margin level at evaluation and after each close-out step, with the margin-call and stop-out
 * levels as dashed lines and the zone at or below stop-out shaded. A step after which no margin is in
 * use has no level: it is marked at the top as "all closed".
 */
function marginChart(v, model) {
  const W = 640, H = 280, left = 56, right = 24, top = 24, bottom = 52;
  const points = [{ label: 'At evaluation', value: model.start }];
  for (const step of v.closeOuts) points.push({ label: `Step ${step.step} · ${step.positionId}`, value: model.after(step) });
  const call = Number(model.call), stop = Number(model.stop);
  const values = points.map(p => p.value).filter(x => x !== null && x !== undefined).map(Number);
  if (!values.length) {
    return h('p', { class: 'muted', id: 'margin-chart-empty' }, 'No margin was in use: the account had no open positions.');
  }
  const maxValue = Math.max(call * 1.25, stop * 1.25, ...values.map(x => x * 1.15));
  const yMax = niceCeiling(maxValue);
  const x = i => left + (points.length === 1 ? (W - left - right) / 2 : i * (W - left - right) / (points.length - 1));
  const y = val => top + (H - top - bottom) * (1 - Math.min(val, yMax) / yMax);

  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'margin-chart', id: 'margin-chart', role: 'img',
    'aria-label': 'Margin level at evaluation and after each close-out step' });
  chart.appendChild(model.higherIsWorse
    ? svg('rect', { class: 'danger-zone', x: left, y: top, width: W - left - right, height: Math.max(0, y(stop) - top) })
    : svg('rect', { class: 'danger-zone', x: left, y: y(stop), width: W - left - right, height: y(0) - y(stop) }));
  for (const tick of ticks(yMax)) {
    chart.appendChild(svg('line', { class: 'grid', x1: left, x2: W - right, y1: y(tick), y2: y(tick) }));
    chart.appendChild(svg('text', { class: 'tick', x: left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, tick + '%'));
  }
  chart.appendChild(svg('line', { class: 'axis', x1: left, x2: W - right, y1: y(0), y2: y(0) }));
  chart.appendChild(svg('line', { class: 'threshold-line margin-call', x1: left, x2: W - right, y1: y(call), y2: y(call) }));
  // Each label sits on the side of its line away from the other line, so the two never collide.
  const callAbove = call > stop;
  chart.appendChild(svg('text', { class: 'threshold-label margin-call', x: W - right, y: callAbove ? y(call) - 6 : y(call) + 15, 'text-anchor': 'end' }, `${model.callName} ${pct(call)}`));
  chart.appendChild(svg('line', { class: 'threshold-line stop-out', x1: left, x2: W - right, y1: y(stop), y2: y(stop) }));
  chart.appendChild(svg('text', { class: 'threshold-label stop-out', x: W - right, y: callAbove ? y(stop) + 15 : y(stop) - 6, 'text-anchor': 'end' }, `${model.stopName} ${pct(stop)}`));

  const drawn = points.map((p, i) => ({ ...p, i })).filter(p => p.value !== null && p.value !== undefined);
  if (drawn.length > 1) {
    chart.appendChild(svg('polyline', { class: 'series', points: drawn.map(p => `${x(p.i)},${y(Number(p.value))}`).join(' ') }));
  }
  points.forEach((p, i) => {
    chart.appendChild(svg('text', { class: 'tick', x: x(i), y: H - bottom + 20, 'text-anchor': anchor(i, points.length) }, p.label));
    if (p.value === null || p.value === undefined) {
      chart.appendChild(svg('text', { class: 'tick step-closed', x: x(i), y: top + 12, 'text-anchor': anchor(i, points.length) }, 'all closed'));
      return;
    }
    const val = Number(p.value);
    const beyond = model.higherIsWorse ? val >= stop : val <= stop;
    chart.appendChild(svg('circle', { class: 'step-point' + (beyond ? ' below' : ''), cx: x(i), cy: y(val), r: 5,
      'data-level': String(p.value) }, svg('title', {}, `${p.label}: ${pct(val)}`)));
    chart.appendChild(svg('text', { class: 'point-label', x: x(i), y: y(val) - 11, 'text-anchor': anchor(i, points.length) }, pct(val)));
  });
  return h('div', { class: 'chart-wrap' }, chart);
}

function anchor(i, n) { return n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'; }
function niceCeiling(value) {
  const step = value <= 150 ? 25 : value <= 400 ? 50 : value <= 1000 ? 100 : Math.pow(10, Math.floor(Math.log10(value)));
  return Math.ceil(value / step) * step;
}
function ticks(max) {
  const step = niceCeiling(max / 5);
  const out = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(t);
  return out;
}

async function replay(v) {
  const card = document.getElementById('replay-card');
  const button = document.getElementById('replay-button');
  clear(card).hidden = false;
  card.appendChild(h('p', { class: 'loading' }, 'Replaying the stored snapshot…'));
  button.disabled = true;
  try {
    const r = await Api.post('/api/v1/verdicts/' + encodeURIComponent(v.verdictId) + '/replay');
    clear(card);
    card.appendChild(h('h2', {}, 'Replay'));
    card.appendChild(h('p', { id: 'replay-identical', class: r.identical ? 'replay-ok' : 'replay-bad' },
      r.identical ? `✓ Identical: policy v${r.storedPolicy.version} gives the same decision today, field for field.`
        : `✗ Not identical under policy v${r.storedPolicy.version}: the stored decision cannot be reproduced.`));
    if (!r.identical) card.appendChild(differencesTable(r.replayDifferences, 'Replayed'));
    const same = r.differences.length === 0;
    card.appendChild(h('p', { id: 'replay-active', class: same ? 'replay-ok' : '' },
      r.activePolicy.version === r.storedPolicy.version ? `Today's active policy is that same version, v${r.activePolicy.version}.`
        : same ? `✓ The active policy v${r.activePolicy.version} would decide the same.`
          : `Under the active policy v${r.activePolicy.version} the decision would differ in ${r.differences.length} place(s)`
            + (r.underActivePolicy ? ` (status ${STATUS_TEXT[r.underActivePolicy.status]}):` : ':')));
    if (!same) card.appendChild(differencesTable(r.differences.map(d => ({ path: d.path, original: d.original, replayed: d.underActivePolicy })),
      'Under active policy'));
  } catch (e) {
    clear(card).appendChild(h('p', { class: 'error' }, 'Replay failed: ' + e.message));
  } finally {
    button.disabled = false;
  }
}

function differencesTable(differences, otherLabel) {
  const show = value => value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return h('table', { class: 'diff-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Original'), h('th', {}, otherLabel))),
    h('tbody', {}, differences.map(d => h('tr', {}, h('td', {}, d.path), h('td', {}, show(d.original)), h('td', {}, show(d.replayed))))));
}

// ---------------------------------------------------------------- policy

function renderPolicy(view, params) {
  const activeCard = h('div', { class: 'card', id: 'active-policy' }, h('p', { class: 'loading' }, 'Loading…'));
  const historyCard = h('div', { class: 'card', id: 'policy-history' }, h('h2', {}, 'History'), h('p', { class: 'loading' }, 'Loading…'));
  const eventsCard = h('div', { class: 'card', id: 'policy-events-card' }, h('h2', {}, 'Activations and rollbacks'),
    h('p', { class: 'loading' }, 'Loading…'));
  const diffCard = h('div', { class: 'card', id: 'policy-diff' });
  view.append(h('h1', {}, 'Policy'), activeCard, historyCard, eventsCard, diffCard);
  policyEvents(eventsCard);

  Api.get('/api/v1/policy/active').then(active => {
    clear(activeCard).append(h('h2', {}, `Active version v${active.version}`), h('dl', { class: 'kv' },
      h('dt', {}, 'Active since'), h('dd', {}, utc(active.activatedAt)),
      h('dt', {}, 'Bundle hash'), h('dd', {}, h('div', { class: 'hash-block' }, active.hash)),
      h('dt', {}, 'Files'), h('dd', { class: 'mono' }, active.files.map(f => h('div', {}, f)))));
  }).catch(e => { clear(activeCard).appendChild(h('p', { class: 'error' }, describe(e))); });

  Api.get('/api/v1/policy/versions').then(versions => {
    const body = clear(historyCard);
    body.appendChild(h('h2', {}, 'History'));
    body.appendChild(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'State'), h('th', {}, 'Created'),
        h('th', {}, 'By'), h('th', {}, 'Source'), h('th', {}, 'Last activated'), h('th', {}, 'Hash'))),
      h('tbody', {}, versions.map(ver => h('tr', {}, h('td', {}, 'v' + ver.version),
        h('td', {}, h('span', { class: 'badge ' + (ver.state === 'ACTIVE' ? 'HEALTHY' : ver.state === 'REJECTED' ? 'STOP_OUT' : 'neutral') }, ver.state)),
        h('td', { class: 'num', style: 'text-align:left' }, utc(ver.createdAt)), h('td', {}, ver.createdBy || ''), h('td', {}, ver.source || ''),
        h('td', { class: 'num', style: 'text-align:left' }, ver.activatedAt ? utc(ver.activatedAt) : 'never'),
        h('td', { class: 'mono' }, (ver.hash || '').slice(0, 23) + '…'))))));
    diffForm(diffCard, versions, params);
  }).catch(e => {
    clear(historyCard).append(h('h2', {}, 'History'), h('p', { class: 'notice' }, e.status === 404
      ? 'This server does not offer the version history yet (GET /api/v1/policy/versions). The active version is shown above.'
      : describe(e)));
    diffForm(diffCard, [], params);
  });
}

const POLICY_EVENT_TEXT = { CREATED: 'Created', REJECTED: 'Rejected', ACTIVATED: 'Activated', RETIRED: 'Retired',
  ROLLED_BACK: 'Rolled back to' };

/** Every change of the lifecycle, newest first: what happened to which version, when (UTC) and by whom. */
function policyEvents(card) {
  Api.get('/api/v1/policy/events?limit=100').then(events => {
    clear(card).append(h('h2', {}, 'Activations and rollbacks'),
      h('p', { class: 'muted' }, 'Newest first. Times are UTC; "by" is the signed-in user, or the service for a file change.'),
      h('table', { id: 'policy-events' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'What'),
        h('th', {}, 'Version'), h('th', {}, 'By'), h('th', {}, 'Detail'))),
      h('tbody', {}, events.map(e => h('tr', { 'data-action': e.action },
        h('td', { class: 'num', style: 'text-align:left' }, utc(e.at)),
        h('td', {}, h('span', { class: 'badge ' + (e.action === 'ACTIVATED' ? 'HEALTHY' : e.action === 'ROLLED_BACK'
          ? 'MARGIN_CALL' : e.action === 'REJECTED' ? 'STOP_OUT' : 'neutral') }, POLICY_EVENT_TEXT[e.action] || e.action)),
        h('td', {}, 'v' + e.version), h('td', {}, e.actor || ''), h('td', { class: 'muted' }, e.detail || ''))))));
  }).catch(e => { clear(card).append(h('h2', {}, 'Activations and rollbacks'), h('p', { class: 'notice' }, describe(e))); });
}

function diffForm(card, versions, params) {
  clear(card).appendChild(h('h2', {}, 'Compare two versions'));
  const numbers = versions.map(v => v.version);
  const pick = (id, value) => numbers.length
    ? h('select', { id }, numbers.map(n => h('option', { value: n, selected: String(n) === String(value) }, 'v' + n)))
    : h('input', { id, type: 'number', min: 1, value: value || '', style: 'width:6rem' });
  const from = pick('diff-from', params.get('from') || numbers[1] || numbers[0]);
  const to = pick('diff-to', params.get('to') || numbers[0]);
  const output = h('div', { id: 'diff-output' });
  card.append(h('form', { class: 'inline-form', onsubmit: e => {
    e.preventDefault();
    location.hash = `#/policy?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
  } }, 'From', from, 'to', to, h('button', { class: 'secondary', type: 'submit' }, 'Show the changes')), output);
  if (params.get('from') && params.get('to')) {
    output.appendChild(h('p', { class: 'loading' }, 'Loading…'));
    Api.get(`/api/v1/policy/versions/${encodeURIComponent(params.get('from'))}/diff/${encodeURIComponent(params.get('to'))}`)
      .then(d => { clear(output).appendChild(unifiedDiff(typeof d === 'string' ? d : d.diff)); })
      .catch(e => { clear(output).appendChild(h('p', { class: 'notice' }, e.status === 404
        ? 'Either version does not exist, or this server does not offer diffs yet.' : describe(e))); });
  }
}

function unifiedDiff(text) {
  if (!text) return h('p', { class: 'muted' }, 'The two versions have the same files.');
  return h('pre', { class: 'diff' }, text.split('\n').map(line => {
    const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('@@') ? 'hunk'
      : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '';
    return h('span', { class: kind }, line + (kind ? '' : '\n'));
  }));
}

// ---------------------------------------------------------------- stress test

const ASSET_CLASSES = ['FX_MAJOR', 'FX_MINOR', 'GOLD', 'INDEX_MAJOR', 'INDEX_MINOR', 'COMMODITY', 'EQUITY', 'CRYPTO'];
const STATUSES = ['HEALTHY', 'MARGIN_CALL', 'STOP_OUT'];

/**
 * The risk team's stress test: percent moves of mark prices by symbol or instrument class, applied to the latest
 * stored snapshot of every account under a chosen version (active or draft). Nothing is stored by the server.
 */
function renderStress(view) {
  const rows = h('div', { id: 'shock-rows', class: 'shock-rows' });
  const version = h('select', { id: 'stress-version' }, h('option', { value: '' }, 'Loading versions…'));
  const output = h('div', { id: 'stress-output' });
  const error = h('p', { id: 'stress-error', class: 'error', role: 'alert', hidden: true });
  const run = h('button', { class: 'primary', id: 'stress-run', type: 'submit' }, 'Run the stress test');
  const form = h('form', { id: 'stress-form', onsubmit: event => { event.preventDefault(); runStress(); } },
    h('div', { class: 'inline-form' }, h('label', { for: 'stress-version' }, 'Policy version'), version),
    h('h3', {}, 'Price moves'),
    h('p', { class: 'muted' }, 'A move in % of the mark price (-20 = down a fifth). A symbol\'s move wins over its class\'s.'),
    rows,
    h('div', { class: 'inline-form' },
      h('button', { class: 'secondary', type: 'button', id: 'shock-add', onclick: () => rows.appendChild(shockRow('symbol', '', '')) }, 'Add a move'),
      run),
    error);
  rows.append(shockRow('symbol', 'BTCUSDT', '-20'), shockRow('assetClass', 'FX_MAJOR', '3'));
  view.append(h('h1', {}, 'Stress test'),
    h('p', { class: 'muted' }, 'What a price shock would do to the whole book: every account\'s latest snapshot is evaluated '
      + 'as it is and with the moved prices, both under the chosen version. Nothing is stored.'),
    h('div', { class: 'card' }, form), output);

  Promise.all([Api.get('/api/v1/policy/versions'), Api.get('/api/v1/policy/active')]).then(([versions, active]) => {
    clear(version);
    for (const v of versions.filter(x => x.state !== 'REJECTED')) {
      version.appendChild(h('option', { value: v.version, selected: v.version === active.version },
        `v${v.version} · ${v.state.toLowerCase()}`));
    }
  }).catch(e => { clear(version).appendChild(h('option', { value: '' }, '—')); error.textContent = describe(e); error.hidden = false; });

  async function runStress() {
    error.hidden = true;
    const shocks = {};
    for (const row of rows.querySelectorAll('.shock-row')) {
      const kind = row.querySelector('.shock-kind').value;
      const target = (kind === 'assetClass' ? row.querySelector('.shock-class').value : row.querySelector('.shock-symbol').value).trim();
      const move = row.querySelector('.shock-move').value.trim();
      if (!target && !move) continue;
      // Sent as written: the server checks every key and every move and names the ones it refuses.
      const key = kind === 'assetClass' ? 'assetClass:' + target : (target.includes(':') ? 'symbol:' + target : target);
      shocks[key] = move;
    }
    run.disabled = true;
    clear(output).appendChild(h('div', { class: 'card' }, h('p', { class: 'loading' }, 'Evaluating every account twice…')));
    try {
      const report = await Api.post(`/api/v1/policy/versions/${encodeURIComponent(version.value)}/stress`, { shocks });
      stressReport(clear(output), report);
    } catch (e) {
      clear(output);
      error.textContent = e.status === 403 ? 'A stress test needs the risk-editor role.' : describe(e);
      error.hidden = false;
    } finally {
      run.disabled = false;
    }
  }
}

function shockRow(kind, target, move) {
  const kindSelect = h('select', { class: 'shock-kind', 'aria-label': 'Moves' },
    h('option', { value: 'symbol', selected: kind === 'symbol' }, 'Symbol'),
    h('option', { value: 'assetClass', selected: kind === 'assetClass' }, 'Instrument class'));
  const symbol = h('input', { class: 'shock-symbol', placeholder: 'BTCUSDT', value: kind === 'symbol' ? target : '', 'aria-label': 'Symbol' });
  const cls = h('select', { class: 'shock-class', 'aria-label': 'Instrument class' },
    ASSET_CLASSES.map(c => h('option', { value: c, selected: kind === 'assetClass' && c === target }, c)));
  const moveInput = h('input', { class: 'shock-move', placeholder: '-20', value: move, inputmode: 'decimal', 'aria-label': 'Move in %' });
  const show = () => { symbol.hidden = kindSelect.value !== 'symbol'; cls.hidden = kindSelect.value === 'symbol'; };
  kindSelect.addEventListener('change', show);
  show();
  const row = h('div', { class: 'shock-row' }, kindSelect, symbol, cls, moveInput, h('span', { class: 'muted' }, '%'),
    h('button', { class: 'link-button danger', type: 'button', onclick: () => row.remove() }, 'Remove'));
  return row;
}

function stressReport(output, r) {
  const counts = h('div', { class: 'figures', id: 'stress-figures' },
    figure('Accounts evaluated', fmtInt.format(r.evaluated), `${fmtInt.format(r.shockedAccounts)} hold a moved price`),
    figure('Newly on margin call', fmtInt.format(r.newlyMarginCalled.length), null, r.newlyMarginCalled.length > 0),
    figure('Newly stopped out', fmtInt.format(r.newlyStoppedOut.length), 'margin-level accounts', r.newlyStoppedOut.length > 0),
    figure('Newly liquidated', fmtInt.format(r.newlyLiquidated.length), 'exchange accounts', r.newlyLiquidated.length > 0),
    figure('Policy', 'v' + r.version, `${fmtInt.format(r.elapsedMillis)} ms`));
  output.appendChild(counts);
  if (r.failureCount) {
    output.appendChild(h('div', { class: 'card' }, h('p', { class: 'notice', id: 'stress-failures' },
      `${fmtInt.format(r.failureCount)} account(s) could not be evaluated under v${r.version}: `
      + r.failures.slice(0, 5).map(f => `${f.accountId} (${f.message})`).join('; ') + (r.failures.length > 5 ? '…' : ''))));
  }

  output.appendChild(h('div', { class: 'card', id: 'broker-losses' }, h('h2', {}, 'What the broker would carry'),
    h('p', { class: 'muted' }, 'Per currency, never converted: the negative-balance adjustments (forex) and the insurance-fund '
      + 'shortfalls (exchange) after the shock, beside what they are without it.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Currency'), h('th', { class: 'num' }, 'Accounts'),
      h('th', { class: 'num' }, 'Equity change'), h('th', { class: 'num' }, 'Negative balance'), h('th', { class: 'num' }, 'of it new'),
      h('th', { class: 'num' }, 'Insurance shortfall'), h('th', { class: 'num' }, 'of it new'))),
    h('tbody', {}, r.brokerLosses.map(b => h('tr', { 'data-currency': b.currency }, h('td', {}, b.currency),
      h('td', { class: 'num' }, fmtInt.format(b.accounts)), h('td', { class: 'num' + (b.equityChange < 0 ? ' bad' : '') }, money(b.equityChange)),
      h('td', { class: 'num' }, money(b.negativeBalanceAdjustment)),
      h('td', { class: 'num loss-added' }, money(b.negativeBalanceAdjustment - b.baselineNegativeBalanceAdjustment)),
      h('td', { class: 'num' }, money(b.insuranceFundShortfall)),
      h('td', { class: 'num loss-added' }, money(b.insuranceFundShortfall - b.baselineInsuranceFundShortfall))))))));

  const grid = h('div', { class: 'grid-2' });
  grid.append(h('div', { class: 'card' }, h('h2', {}, 'Status before → after the shock'), transitionMatrix(r.transitions),
      h('p', { class: 'fineprint' }, 'Rows: status at today\'s prices; columns: with the moved prices. Off the diagonal, accounts that changed.')),
    h('div', { class: 'card' }, h('h2', {}, 'Accounts newly …'), newlyLists(r)));
  output.appendChild(grid);

  output.appendChild(h('div', { class: 'card', id: 'worst-accounts' }, h('h2', {}, `The ${r.worstAccounts.length} accounts that lose most`),
    r.worstAccounts.length ? worstChart(r.worstAccounts) : h('p', { class: 'muted' }, 'No account loses anything under these moves.'),
    r.worstAccounts.length ? h('table', { id: 'worst-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Account'), h('th', {}, 'Broker'),
        h('th', {}, 'Status'), h('th', { class: 'num' }, 'Equity before'), h('th', { class: 'num' }, 'after'), h('th', { class: 'num' }, 'Loss'),
        h('th', { class: 'num' }, 'Broker carries'))),
      h('tbody', {}, r.worstAccounts.map(a => h('tr', {},
        h('td', {}, h('a', { href: '#/verdicts?accountId=' + encodeURIComponent(a.accountId) }, a.accountId)),
        h('td', {}, a.brokerId), h('td', {}, badge(a.statusBefore), ' → ', badge(a.statusAfter)),
        h('td', { class: 'num' }, money(a.equityBefore, a.currency)), h('td', { class: 'num' }, money(a.equityAfter, a.currency)),
        h('td', { class: 'num bad' }, money(a.loss, a.currency)),
        h('td', { class: 'num' }, money(Number(a.negativeBalanceAdjustment) + Number(a.insuranceFundShortfall), a.currency)))))) : null));
}

function transitionMatrix(transitions) {
  const count = (from, to) => transitions[`${from} -> ${to}`] || 0;
  const max = Math.max(1, ...STATUSES.flatMap(f => STATUSES.filter(t => t !== f).map(t => count(f, t))));
  return h('table', { class: 'matrix', id: 'transition-matrix' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Before \\ after'), STATUSES.map(s => h('th', { class: 'num' }, STATUS_TEXT[s])))),
    h('tbody', {}, STATUSES.map(from => h('tr', {}, h('th', {}, STATUS_TEXT[from]), STATUSES.map(to => {
      const n = count(from, to);
      const worse = STATUSES.indexOf(to) > STATUSES.indexOf(from);
      const shade = from === to || n === 0 ? 0 : 0.15 + 0.6 * n / max;
      return h('td', { class: 'num cell' + (from === to ? ' same' : worse ? ' worse' : ' better'), 'data-from': from, 'data-to': to,
        style: shade ? `--shade:${shade.toFixed(2)}` : null }, fmtInt.format(n));
    })))));
}

function newlyLists(r) {
  const list = (title, id, ids) => h('div', { class: 'newly', id }, h('h3', {}, `${title} (${fmtInt.format(ids.length)})`),
    ids.length ? h('ul', {}, ids.slice(0, 50).map(a => h('li', {}, h('a', { href: '#/verdicts?accountId=' + encodeURIComponent(a) }, a))),
      ids.length > 50 ? h('li', { class: 'muted' }, `and ${fmtInt.format(ids.length - 50)} more`) : null) : h('p', { class: 'muted' }, 'none'));
  return h('div', { class: 'newly-lists' }, list('on margin call', 'newly-margin-called', r.newlyMarginCalled),
    list('stopped out', 'newly-stopped-out', r.newlyStoppedOut), list('liquidated', 'newly-liquidated', r.newlyLiquidated));
}

/** One bar per account, longest loss first, coloured by the status the shock leaves it in. */
function worstChart(accounts) {
  const W = 1080, bar = 22, gap = 8, left = 190, right = 150, top = 10;
  const H = top + accounts.length * (bar + gap);
  const max = Math.max(...accounts.map(a => Number(a.loss)));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'worst-chart', id: 'worst-chart', role: 'img',
    'aria-label': 'Loss of each of the accounts that lose most' });
  accounts.forEach((a, i) => {
    const y = top + i * (bar + gap);
    const width = Math.max(2, (W - left - right) * Number(a.loss) / max);
    chart.appendChild(svg('text', { class: 'bar-label', x: left - 10, y: y + bar * 0.7, 'text-anchor': 'end' }, a.accountId));
    chart.appendChild(svg('rect', { class: 'loss-bar ' + a.statusAfter, x: left, y, width, height: bar, rx: 3,
      'data-account': a.accountId, 'data-loss': String(a.loss) }, svg('title', {}, `${a.accountId}: ${money(a.loss, a.currency)}`)));
    chart.appendChild(svg('text', { class: 'bar-value', x: left + width + 8, y: y + bar * 0.7 },
      `${money(a.loss, a.currency)}${a.liquidated ? ' · liquidated' : ''}`));
  });
  return h('div', { class: 'chart-wrap' }, chart, h('div', { class: 'legend' },
    STATUSES.map(s => h('span', { class: 'l-status ' + s }, h('i'), 'after: ' + STATUS_TEXT[s]))));
}

// ---------------------------------------------------------------- audit chain
// ---------------------------------------------------------------- audit log

function renderAudit(view) {
  const result = h('div', { id: 'verify-result' });
  const button = h('button', { class: 'primary', id: 'verify-button', type: 'button', onclick: async () => {
    button.disabled = true;
    clear(result).appendChild(h('p', { class: 'loading' }, 'Hashing every record again and checking it against every signed checkpoint…'));
    try {
      const r = await Api.get('/api/v1/audit/verify');
      clear(result);
      if (r.ok) {
        result.appendChild(h('p', { class: 'verify-ok' }, `✓ The log is intact: ${fmtInt.format(r.checked)} records checked against `
          + `${fmtInt.format(r.checkpointsChecked)} signed checkpoints.`));
        if (r.pending) result.appendChild(h('p', { class: 'fineprint' }, `${fmtInt.format(r.pending)} records written in the last moments wait to be taken in.`));
      } else {
        const b = r.brokenAt;
        result.append(h('p', { class: 'verify-bad' }, `✗ The log is broken after ${fmtInt.format(r.checked)} sound records.`),
          h('dl', { class: 'kv' }, h('dt', {}, 'First bad leaf'), h('dd', {}, b.leafIndex == null ? '—' : '#' + fmtInt.format(b.leafIndex)),
            h('dt', {}, 'Table'), h('dd', {}, b.table || '—'), h('dt', {}, 'Row'), h('dd', { class: 'mono' }, b.id || '—'),
            h('dt', {}, 'Reason'), h('dd', {}, b.reason)));
      }
    } catch (e) {
      clear(result).appendChild(h('p', { class: 'error' }, describe(e)));
    } finally {
      button.disabled = false;
    }
  } }, 'Verify the audit log');
  const checkpoint = h('div', { id: 'latest-checkpoint' }, h('p', { class: 'loading' }, 'Loading the latest checkpoint…'));
  view.append(h('h1', {}, 'Audit log'), h('div', { class: 'card' },
    h('p', {}, 'Every verdict, policy change, policy file and read of the audit record is a leaf of one Merkle tree (RFC 9162). '
      + 'Every few seconds the service signs the tree\'s size and root with a key kept outside the database, and writes the '
      + 'signed checkpoint to the database and to a folder outside it. Verifying hashes every record again and checks the '
      + 'tree against every checkpoint, so an edited, deleted, inserted or rolled-back record shows up here, naming the first bad leaf, '
      + 'even if someone recomputed every hash in the database.'),
    button, result), h('div', { class: 'card' }, h('h2', {}, 'Latest signed checkpoint'), checkpoint));
  Promise.all([Api.get('/api/v1/audit/checkpoints/latest').catch(e => null), Api.get('/api/v1/audit/public-key')])
    .then(([c, key]) => {
      clear(checkpoint).append(
        c ? h('dl', { class: 'kv' }, h('dt', {}, 'Tree size'), h('dd', {}, fmtInt.format(c.treeSize)),
          h('dt', {}, 'Signed'), h('dd', {}, utc(c.timestamp)),
          h('dt', {}, 'Root hash'), h('dd', {}, h('div', { class: 'hash-block' }, c.rootHash)))
          : h('p', { class: 'muted' }, 'No checkpoint yet: the log is empty.'),
        h('dl', { class: 'kv' }, h('dt', {}, 'Log'), h('dd', { class: 'mono' }, key.origin),
          h('dt', {}, 'Public key (Ed25519)'), h('dd', {}, h('div', { class: 'hash-block', id: 'public-key' }, key.publicKey)),
          h('dt', {}, 'Key id'), h('dd', { class: 'mono' }, key.keyId)));
    })
    .catch(e => clear(checkpoint).appendChild(h('p', { class: 'error' }, describe(e))));
}

// ---------------------------------------------------------------- start

document.getElementById('login-form').addEventListener('submit', signIn);
document.getElementById('logout').addEventListener('click', () => signOut());
window.addEventListener('hashchange', () => { if (sessionStorage.getItem(AUTH_KEY)) route(); });
if (sessionStorage.getItem(AUTH_KEY)) showApp(); else showLogin();
