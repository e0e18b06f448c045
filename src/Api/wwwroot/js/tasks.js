// A role's work on the first screen: its tasks in order of urgency, made from the applications the API lists (and, for
// what the list does not carry, the application's own view: the next unpaid advance, the reason of a refusal).
// The person's own tasks come first (what they only wait for, last); dated ones first, earliest (overdue) first; then
// the undated ones by what matters most: decisions, payments, accountability, drafts, refusals.
import { api, el, t, date, today, stateBadge, regionName } from './app.js';
import { objectionTasks } from './objections.js';

/** Tasks shown at most; the rest is counted. */
const MAX_SHOWN = 25;
/** Application views read at most for one list (advances of granted applications, reasons of refusals). */
const MAX_DETAILS = 25;

/** The funding sources' names by id (ids are for the API; people read names). */
export async function fundNames() {
  try {
    return new Map((await api('/api/funding-sources')).map(s => [s.id, s.name]));
  } catch {
    return new Map();
  }
}

function daysFrom(iso) {
  const a = Date.parse(`${today()}T00:00:00Z`), b = Date.parse(`${iso}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The reason given with the decision that ended the application (the newest history entry into its state). */
async function refusalReason(app) {
  const view = await api(`/api/applications/${encodeURIComponent(app.id)}`);
  const entry = [...view.history].reverse().find(h => h.to === app.state && h.from !== h.to);
  return entry?.reason ?? null;
}

/** The manager's tasks: information asked, accountability due, drafts to finish, refusals and why; decisions awaited. */
async function managerTasks(apps) {
  const tasks = [];
  const refused = [];
  for (const a of apps) {
    if (a.state === 'InformationRequested') tasks.push({ app: a, what: 'Informatie aanleveren', rank: 1 });
    else if ((a.state === 'Submitted' || a.state === 'UnderReview') && a.deadlines.decision) tasks.push({ app: a, what: 'Besluit van het fonds verwacht', due: a.deadlines.decision, rank: 6, waiting: true });
    else if (a.state === 'Granted' && a.deadlines.accountability) tasks.push({ app: a, what: 'Verantwoording indienen', due: a.deadlines.accountability, rank: 3 });
    else if (a.state === 'Draft') tasks.push({ app: a, what: 'Concept afmaken en indienen', rank: 4 });
    else if (a.state === 'Rejected' || a.state === 'Revoked') refused.push({ app: a, what: a.state === 'Rejected' ? 'Afgewezen' : 'Ingetrokken door het fonds', rank: 5, objectUntil: a.deadlines?.objectionTerm });
  }
  await Promise.all(refused.slice(0, MAX_DETAILS).map(async task => { try { task.why = await refusalReason(task.app); } catch { /* shown without */ } }));
  return [...tasks, ...refused];
}

/** A fund owner's tasks (officer, ministry): reviews and decisions with their decision date, amendments, determinations. */
function ownerTasks(apps, owner) {
  const tasks = [];
  for (const a of apps.filter(x => x.fundOwner === owner)) {
    if (a.state === 'Submitted') tasks.push({ app: a, what: 'Beoordeling starten', due: a.deadlines.decision, rank: 1 });
    else if (a.state === 'UnderReview') tasks.push({ app: a, what: 'Besluiten', due: a.deadlines.decision, rank: 1 });
    else if (a.state === 'AmendmentRequested') tasks.push({ app: a, what: 'Wijziging beoordelen', rank: 1 });
    else if (a.state === 'AccountabilitySubmitted') tasks.push({ app: a, what: 'Vaststellen', due: a.deadlines.determination, rank: 3 });
    else if (a.state === 'InformationRequested') tasks.push({ app: a, what: 'Wacht op informatie van de regio', rank: 6, waiting: true });
  }
  return tasks;
}

/** The treasurer's tasks: advances due (from each granted application's schedule), the rest after a determination, reclaims. */
async function treasurerTasks(apps) {
  const tasks = [];
  const granted = apps.filter(a => a.state === 'Granted').slice(0, MAX_DETAILS);
  await Promise.all(granted.map(async a => {
    try {
      const view = await api(`/api/applications/${encodeURIComponent(a.id)}`);
      const next = view.advances[view.advancesPaid];
      if (next) tasks.push({ app: a, what: 'Voorschot betalen', due: next.due, amount: next.amount, rank: 2 });
    } catch { /* not readable: not listed */ }
  }));
  for (const a of apps) {
    if (a.state === 'Determined') tasks.push({ app: a, what: 'Restant betalen', due: a.deadlines.payment, rank: 2 });
    else if (a.state === 'Revoked') tasks.push({ app: a, what: 'Terugbetaling vastleggen', rank: 5 });
  }
  return tasks;
}

/** The tasks of a role, most urgent first. */
export async function tasksFor(role, apps, { owner } = {}) {
  const tasks = role === 'pvo-manager' ? await managerTasks(apps)
    : role === 'treasurer' ? await treasurerTasks(apps)
      : ownerTasks(apps, owner);
  tasks.push(...objectionTasks(role, apps, owner));
  // The person's own tasks before what they wait for; dated before undated, earliest first; then by what matters most.
  return tasks.sort((x, y) => (x.waiting ? 1 : 0) - (y.waiting ? 1 : 0) || (x.due ? 0 : 1) - (y.due ? 0 : 1) || (x.due ?? '').localeCompare(y.due ?? '') || x.rank - y.rank
    || x.app.title.localeCompare(y.app.title));
}

/** When a task is due, in words: "Te laat (01-12-2026)", "Vandaag", "Over 5 dagen (07-12-2026)", or "Geen termijn". */
function when(task) {
  if (!task.due) return el('span', { class: 'when' }, t('Geen termijn'));
  const days = daysFrom(task.due);
  if (days < 0) return el('span', { class: 'when late' }, `${t('Te laat')} (${date(task.due)})`);
  if (days === 0) return el('span', { class: 'when late' }, `${t('Vandaag')} (${date(task.due)})`);
  return el('span', { class: 'when' }, `${t('Over')} ${days} ${t(days === 1 ? 'dag' : 'dagen')} (${date(task.due)})`);
}

/** Where a task's link goes: a draft to finish reopens in the manager's steps at the step it reached, the rest to the application. */
function link(task) {
  const id = encodeURIComponent(task.app.id);
  return task.app.state === 'Draft' && task.what === 'Concept afmaken en indienen' ? `/manager.html?draft=${id}#nieuw` : `/application.html?id=${id}`;
}

/** Renders the tasks as an ordered list with what to do, the application's title (a link), its state and names. */
export function renderTasks(target, tasks, funds, { eur } = {}) {
  if (tasks.length === 0) {
    target.replaceChildren(el('p', { id: 'tasks-none' }, t('Niets te doen. Alles is bij.')));
    return;
  }
  const shown = tasks.slice(0, MAX_SHOWN);
  target.replaceChildren(
    el('ol', { class: 'tasks', id: 'tasks' }, shown.map(task => el('li', { 'data-id': task.app.id, class: task.waiting ? 'waiting' : null },
      when(task),
      el('div', {},
        el('span', { class: 'what' }, t(task.what)), task.amount && eur ? ` ${eur(task.amount)}` : '', ': ',
        el('a', { href: link(task), translate: 'no' }, task.app.title), ' ', stateBadge(task.app.state),
        el('br'), el('small', { class: 'muted' }, `${regionName(task.app.region)} · ${funds.get(task.app.fundingSource) ?? task.app.fundingSource}`)),
      task.why ? el('span', { class: 'why' }, `${t('Reden')}: ${task.why}`) : '',
      task.objectUntil ? el('span', { class: 'why' }, `${t('Bezwaar mogelijk tot en met')} ${date(task.objectUntil)}`) : ''))),
    tasks.length > shown.length ? el('p', { class: 'muted' }, `${t('en nog')} ${tasks.length - shown.length} ${t('taken')}`) : '');
}
