// The operator page: one EventSource for slots and results, a few plain requests for the rest. Every value from the
// station goes into the page as text (textContent), never as markup.
'use strict';

const STATS_WINDOW = '8h';
const STATS_MIN_INTERVAL_MS = 2000; // results can arrive several a second; totals need not follow that fast
const STATE_TEXT = {
  idle: 'idle', waiting: 'waiting for a board', flashing: 'flashing', passed: 'PASS – take it off',
  failed: 'FAIL – take it off', paused: 'paused', disabled: 'disabled'
};

const $ = (id) => document.getElementById(id);
const slots = new Map(); // slot name -> its card

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `the station answered ${response.status}`);
  }
  return body;
}

function token() {
  return sessionStorage.getItem('flashstation-token') || '';
}

function control(path, body) {
  return api(path, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${token()}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

function localTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

// --- slots -----------------------------------------------------------------------------------------------------

function card(name) {
  let el = slots.get(name);
  if (!el) {
    el = $('slot-template').content.firstElementChild.cloneNode(true);
    el.dataset.slot = name;
    el.querySelector('.name').textContent = name;
    el.querySelector('.name').classList.toggle('long', name.length > 16); // probe serials run to 48 characters
    el.querySelector('.pause').addEventListener('click', () => act(name, 'pause'));
    el.querySelector('.resume').addEventListener('click', () => act(name, 'resume'));
    el.querySelector('.reflash').addEventListener('click', () => act(name, 'reflash'));
    const after = [...slots.keys()].filter((other) => other > name).sort()[0];
    $('slots').insertBefore(el, after === undefined ? null : slots.get(after));
    slots.set(name, el);
    enableControls();
  }
  return el;
}

function showSlot(s) {
  const el = card(s.name);
  el.dataset.state = s.state.toLowerCase();
  el.querySelector('.probe').textContent = `${s.probeKind} ${s.probeSerial}`.trim();
  el.querySelector('.state').textContent = STATE_TEXT[el.dataset.state] || el.dataset.state;
  const progress = el.querySelector('.progress');
  progress.hidden = el.dataset.state !== 'flashing';
  const percent = s.bytesTotal > 0 ? Math.min(100, Math.round(100 * s.bytesDone / s.bytesTotal)) : 0;
  el.querySelector('.fill').style.width = `${percent}%`;
  el.querySelector('.bar').dataset.percent = String(percent);
  el.querySelector('.phase').textContent = s.phase ? (s.bytesTotal > 0 ? `${s.phase} ${percent}%` : s.phase) : '';
  const verdict = s.lastVerdict;
  el.querySelector('.outcome').textContent = verdict ? verdict.outcome : '';
  el.querySelector('.uid').textContent = verdict && verdict.uid ? verdict.uid : '';
  el.querySelector('.reason').textContent = verdict && verdict.outcome !== 'PASS'
    ? `${verdict.reason || ''} ${verdict.message}`.trim() : '';
  el.querySelector('.verdict').dataset.outcome = verdict ? verdict.outcome.toLowerCase() : '';
  el.querySelector('.counts').textContent = `${s.passed} passed · ${s.failed} failed`;
  $('no-slots').hidden = true;
}

function showSlotChanges(changes) {
  changes.slots.forEach(showSlot);
  changes.removed.forEach((name) => {
    const el = slots.get(name);
    if (el) {
      el.remove();
      slots.delete(name);
    }
  });
  $('no-slots').hidden = slots.size > 0;
}

async function act(name, action) {
  try {
    showSlot(await control(`/api/slots/${encodeURIComponent(name)}/${action}`));
    say('control-message', `${action}: done on ${name}`, 'ok');
  } catch (e) {
    say('control-message', `${action} refused: ${e.message}`, 'error');
  }
}

// --- totals, failures, firmware --------------------------------------------------------------------------------

let statsTimer = null;
let statsLoaded = 0;

function refreshStatsSoon() {
  if (statsTimer) {
    return;
  }
  const wait = Math.max(0, statsLoaded + STATS_MIN_INTERVAL_MS - Date.now());
  statsTimer = setTimeout(() => {
    statsTimer = null;
    statsLoaded = Date.now();
    loadStats();
  }, wait);
}

async function loadStats() {
  try {
    const [stats, failures] = await Promise.all([api(`/api/stats?window=${STATS_WINDOW}`), api('/api/failures?limit=8')]);
    $('total-passed').textContent = stats.passed;
    $('total-failed').textContent = stats.failed;
    $('total-yield').textContent = stats.yield === null ? '–' : `${(100 * stats.yield).toFixed(1)} %`;
    $('total-rate').textContent = stats.boardsPerHour.toFixed(0);
    showFailures(failures);
  } catch (e) {
    // keep the last figures on show; the connection badge tells the operator the station is not answering
  }
}

function showFailures(failures) {
  const list = $('failures');
  list.replaceChildren();
  if (failures.length === 0) {
    list.append(item('None yet.', 'empty'));
  }
  for (const f of failures) {
    const li = document.createElement('li');
    li.append(item(`${localTime(f.at)} · ${f.slot}${f.uid ? ' · ' + f.uid : ''}`, 'when', 'div'),
      item(f.reason, 'reason', 'div'), item(f.whatToDo, 'todo', 'div'));
    list.append(li);
  }
}

function item(text, className, tag = 'li') {
  const el = document.createElement(tag);
  el.textContent = text;
  el.className = className;
  return el;
}

async function loadFirmware() {
  try {
    const fw = await api('/api/firmware');
    $('firmware-version').textContent = fw.version;
    $('firmware-digest').textContent = fw.shortSha256;
    $('firmware').title = fw.description;
    const select = $('switch-pin');
    select.replaceChildren(...fw.pins.map((pin) => {
      const option = document.createElement('option');
      option.value = pin.name;
      option.textContent = `${pin.name}${pin.flashing ? ' (flashing now)' : ''}`;
      option.selected = pin.flashing;
      return option;
    }));
    $('switch').hidden = fw.pins.length === 0;
  } catch (e) {
    $('firmware-version').textContent = '?';
  }
}

// --- search, downloads, token ----------------------------------------------------------------------------------

async function search(event) {
  event.preventDefault();
  const uid = $('search-uid').value.trim();
  const table = $('history');
  table.hidden = true;
  try {
    const attempts = await api(`/api/boards/${encodeURIComponent(uid)}`);
    const rows = attempts.map((a) => {
      const tr = document.createElement('tr');
      tr.className = a.outcome.toLowerCase();
      [a.attempt_number, localTime(a.ended_at), a.slot, a.reason ? `${a.outcome} ${a.reason}` : a.outcome,
        a.firmware_version].forEach((value) => tr.append(item(value === null ? '' : String(value), '', 'td')));
      return tr;
    });
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = false;
    say('search-message', `${attempts.length} attempt${attempts.length === 1 ? '' : 's'} on ${uid.toUpperCase()}`, 'ok');
  } catch (e) {
    say('search-message', e.message, 'error');
  }
}

function updateDownloads() {
  const range = new URLSearchParams();
  for (const [param, input] of [['since', $('download-since')], ['until', $('download-until')]]) {
    if (input.value) {
      range.set(param, new Date(input.value).toISOString());
    }
  }
  const query = range.toString() ? `?${range}` : '';
  $('download-csv').href = `/api/results.csv${query}`;
  $('download-json').href = `/api/results.json${query}`;
}

function enableControls() {
  document.querySelectorAll('button.control').forEach((b) => { b.disabled = token() === ''; });
}

function say(id, text, kind) {
  const el = $(id);
  el.textContent = text;
  el.dataset.kind = kind;
}

// --- live feed -------------------------------------------------------------------------------------------------

function connect() {
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => { $('link').dataset.state = 'live'; $('link').textContent = 'live'; });
  events.addEventListener('error', () => { $('link').dataset.state = 'lost'; $('link').textContent = 'reconnecting…'; });
  events.addEventListener('slots', (e) => showSlotChanges(JSON.parse(e.data)));
  events.addEventListener('result', () => refreshStatsSoon());
}

function start() {
  $('search').addEventListener('submit', search);
  $('token').value = token();
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('flashstation-token', $('token').value.trim());
    enableControls();
    say('control-message', token() ? 'Token set: control actions are on.' : 'No token: control actions are off.', 'ok');
  });
  $('token-forget').addEventListener('click', () => {
    sessionStorage.removeItem('flashstation-token');
    $('token').value = '';
    enableControls();
    say('control-message', 'Token forgotten: control actions are off.', 'ok');
  });
  $('switch').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const fw = await control('/api/firmware/active', { pin: $('switch-pin').value });
      say('control-message', `Next boards get ${fw.version} (${fw.shortSha256}).`, 'ok');
      loadFirmware();
    } catch (err) {
      say('control-message', `firmware switch refused: ${err.message}`, 'error');
    }
  });
  ['download-since', 'download-until'].forEach((id) => $(id).addEventListener('change', updateDownloads));
  updateDownloads();
  $('total-window').textContent = STATS_WINDOW.replace('h', ' h');
  enableControls();
  loadStats();
  loadFirmware();
  setInterval(refreshStatsSoon, 60000); // the window slides even when no board is recorded
  connect();
}

start();
