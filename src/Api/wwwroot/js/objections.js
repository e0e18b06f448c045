// Objections (bezwaar, Awb 6:7–7:11) and the penalty for a late decision (dwangsom, Awb 4:17–4:18) on the application page:
// what was lodged and decided, what runs, and the actions on them. application.js leaves these actions to this module.
import { api, el, t, eur, date, isoDate, parseAmount, clearErrors, showError, showProblem, announce, stateText, regionName } from './app.js';

/** The actions this module shows (application.js leaves them out of its own list). */
export const OBJECTION_ACTIONS = ['lodge-objection', 'extend-objection-term', 'decide-objection', 'give-notice-of-default', 'decide-penalty', 'pay-penalty'];

/** History texts of the triggers, merged into the page's own. */
export const OBJECTION_TRIGGERS_NL = {
  LodgeObjection: 'Bezwaar ingediend', ExtendObjectionTerm: 'Beslistermijn bezwaar verlengd', DecideObjection: 'Op bezwaar beslist',
  GiveNoticeOfDefault: 'In gebreke gesteld', DecidePenalty: 'Dwangsom vastgesteld', PayPenalty: 'Dwangsom betaald',
};

/** The deadlines these procedures add, merged into the page's list. */
export const OBJECTION_DEADLINES_NL = {
  objectionTerm: 'Bezwaar mogelijk tot en met', objectionDecision: 'Beslissing op bezwaar uiterlijk',
  penaltyRunning: 'Dwangsom loopt vanaf', penaltyDecision: 'Dwangsom vaststellen uiterlijk',
};

const DECISION_NL = { Grant: 'verlening', Reject: 'afwijzing', ApproveAmendment: 'wijziging', RefuseAmendment: 'geweigerde wijziging', Determine: 'vaststelling', Revoke: 'intrekking' };
const OUTCOME_NL = { Founded: 'gegrond', Unfounded: 'ongegrond' };
const LABEL = {
  'lodge-objection': 'Bezwaar indienen', 'extend-objection-term': 'Beslistermijn bezwaar verlengen', 'decide-objection': 'Beslissen op bezwaar',
  'give-notice-of-default': 'In gebreke stellen', 'decide-penalty': 'Dwangsom vaststellen', 'pay-penalty': 'Dwangsom betalen',
};
const DONE = {
  'lodge-objection': 'Het bezwaar is ingediend', 'extend-objection-term': 'De beslistermijn op het bezwaar is verlengd', 'decide-objection': 'Op het bezwaar is beslist',
  'give-notice-of-default': 'De ingebrekestelling is vastgelegd', 'decide-penalty': 'De dwangsom is vastgesteld', 'pay-penalty': 'De dwangsom is betaald',
};
const plain = a => eur(a).replace('€ ', '');

function input(prefix, name, label, { type = 'text', value = '', rows = 0 } = {}) {
  const fid = `${prefix}-${name}`;
  const control = rows ? el('textarea', { id: fid, name, rows }) : type === 'checkbox' ? el('input', { id: fid, name, type: 'checkbox' })
    : el('input', { id: fid, name, type: 'text', inputmode: type === 'amount' ? 'decimal' : null, 'data-amount': type === 'amount' ? true : null,
      placeholder: type === 'date' ? 'dd-mm-jjjj' : null });
  if (value && !rows) control.value = value;
  return el('div', { class: 'field' }, el('label', { for: fid }, t(label)), control);
}

/** Asks before money moves, in the page's dialog; resolves true only on "yes". */
function confirmMoney(title, lines) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = `${t(title)}?`;
  document.getElementById('confirm-money').replaceChildren(...lines.map(line => el('li', {}, line)));
  const yes = document.getElementById('confirm-yes');
  yes.textContent = `${t('Ja')}, ${t(title).toLowerCase()}`;
  return new Promise(resolve => {
    const done = answer => { dialog.close(); resolve(answer); };
    yes.onclick = () => done(true);
    document.getElementById('confirm-no').onclick = () => done(false);
    dialog.oncancel = e => { e.preventDefault(); done(false); };
    dialog.showModal();
    document.getElementById('confirm-no').focus();
  });
}

function fields(name, app) {
  const open = (app.objections ?? []).find(o => !o.outcome);
  switch (name) {
    case 'lodge-objection': return [input(name, 'grounds', 'Gronden van het bezwaar', { rows: 3 })];
    case 'extend-objection-term': return [input(name, 'advisoryCommittee', 'Voorleggen aan een adviescommissie (12 weken)', { type: 'checkbox' }), input(name, 'reason', 'Reden', { rows: 2 })];
    case 'decide-objection': {
      const outcome = el('fieldset', {}, el('legend', {}, t('Uitkomst')),
        el('label', {}, el('input', { type: 'radio', name: 'founded', value: 'false', id: 'decide-objection-unfounded', checked: true }), ` ${t('Ongegrond: het besluit blijft')}`),
        el('label', {}, el('input', { type: 'radio', name: 'founded', value: 'true', id: 'decide-objection-founded' }), ` ${t('Gegrond: het besluit wordt herzien')}`));
      const revised = open?.decisionTrigger === 'Reject'
        ? [input(name, 'amount', 'Te verlenen bedrag (bij gegrond)', { type: 'amount', value: plain(app.requested) }), input(name, 'endDate', 'Einddatum', { type: 'date' }),
          input(name, 'accountabilityDue', 'Verantwoording uiterlijk (niet bij niveau A)', { type: 'date' })]
        : open?.decisionTrigger === 'Determine' ? [input(name, 'determined', 'Nieuw vastgesteld bedrag (bij gegrond)', { type: 'amount' })] : [];
      return [outcome, ...revised, input(name, 'reason', 'Motivering', { rows: 2 })];
    }
    case 'give-notice-of-default': return [input(name, 'reason', 'Toelichting', { rows: 2 })];
    case 'decide-penalty': return [input(name, 'amount', 'Bedrag', { type: 'amount', value: app.penaltyOwed ? plain(app.penaltyOwed) : '' }), input(name, 'reason', 'Reden', { rows: 2 })];
    case 'pay-penalty': {
      const p = app.penalty;
      const left = p?.decided ? (Number(p.decided) - Number(p.paid)).toFixed(2) : '';
      return [input(name, 'amount', 'Bedrag', { type: 'amount', value: left ? plain(left) : '' }), input(name, 'reference', 'Betalingskenmerk')];
    }
    default: return [];
  }
}

function bodyOf(name, form, app) {
  const v = n => form.elements[n]?.value?.trim() ?? '';
  const errors = [];
  const amount = (field, required = true) => {
    const a = parseAmount(v(field));
    if (a === null && (required || v(field))) errors.push([field, t('Vul een bedrag in, bijvoorbeeld 1.234,56.')]);
    return a;
  };
  let body = {};
  if (name === 'lodge-objection') {
    if (!v('grounds')) errors.push(['grounds', t('Dit veld is verplicht.')]);
    body = { grounds: v('grounds') };
  } else if (name === 'extend-objection-term') {
    if (!v('reason')) errors.push(['reason', t('Dit veld is verplicht.')]);
    body = { reason: v('reason'), advisoryCommittee: form.elements.advisoryCommittee.checked };
  } else if (name === 'decide-objection') {
    const founded = form.elements.founded.value === 'true';
    if (!v('reason')) errors.push(['reason', t('Dit veld is verplicht.')]);
    body = { founded, reason: v('reason') };
    const open = (app.objections ?? []).find(o => !o.outcome);
    if (founded && open?.decisionTrigger === 'Reject') {
      body.grant = { amount: amount('amount'), endDate: isoDate(v('endDate')), advances: [] };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(body.grant.endDate ?? '')) errors.push(['endDate', t('Vul een datum in als dd-mm-jjjj.')]);
      if (v('accountabilityDue')) body.grant.accountabilityDue = isoDate(v('accountabilityDue'));
    }
    if (founded && open?.decisionTrigger === 'Determine') body.determined = amount('determined');
  } else if (name === 'give-notice-of-default') {
    if (v('reason')) body.reason = v('reason');
  } else if (name === 'decide-penalty') {
    body = { amount: amount('amount') };
    if (v('reason')) body.reason = v('reason');
  } else if (name === 'pay-penalty') {
    body = { amount: amount('amount') };
    if (v('reference')) body.reference = v('reference');
  }
  return { body, errors };
}

/** What an action does to money, for the confirmation; null when no money moves. */
function moneyLines(name, body, app) {
  if (name === 'decide-penalty' && Number(body.amount) > 0) {
    return [`${eur(body.amount)} ${t('dwangsom verschuldigd aan')} ${regionName(app.region)}: ${t('een kostenpost van de fondseigenaar, niet ten laste van het subsidieplafond.')}`];
  }
  if (name === 'pay-penalty') return [`${eur(body.amount)} ${t('wordt betaald aan')} ${regionName(app.region)}.`];
  if (name === 'decide-objection' && body.grant) return [`${eur(body.grant.amount)} ${t('wordt verleend en gereserveerd onder het plafond van het fonds.')}`];
  if (name === 'decide-objection' && body.determined) return [`${t('De vaststelling wordt')} ${eur(body.determined)}; ${t('het verschil wordt betaald of teruggevorderd.')}`];
  return null;
}

function actionForm(name, app, appId, onAnswer) {
  const form = el('form', { id: `action-${name}`, class: 'action', novalidate: true }, el('h3', {}, t(LABEL[name])), fields(name, app),
    el('button', { type: 'submit', id: `do-${name}`, class: 'secondary' }, t(LABEL[name])));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const { body, errors } = bodyOf(name, form, app);
    if (errors.length) { for (const [f, m] of errors) showError(form, f, m); return; }
    const lines = moneyLines(name, body, app);
    if (lines && !(await confirmMoney(LABEL[name], lines))) return;
    try {
      const answer = await api(`/api/applications/${encodeURIComponent(appId)}/${name}`, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      onAnswer(answer);
      announce(`${t(DONE[name])}. ${t('Status')}: ${stateText(answer.state)}.`);
    } catch (e) {
      showProblem(form, e);
    }
  });
  return form;
}

/** Fills the section: the objections, the notice of default and the penalty, and the caller's actions on them. */
export function renderObjections(app, onAnswer) {
  const section = document.getElementById('objections-section');
  const target = document.getElementById('objections');
  if (!section || !target) return;
  const objections = app.objections ?? [];
  const p = app.penalty;
  const actions = OBJECTION_ACTIONS.filter(a => app.actions.includes(a));
  section.hidden = objections.length === 0 && !p && actions.length === 0;
  const parts = [];
  if (objections.length > 0) {
    parts.push(el('table', { id: 'objections-table' },
      el('thead', {}, el('tr', {}, ...['Besluit', 'Bekendgemaakt', 'Bezwaar ontvangen', 'Beslissing uiterlijk', 'Uitkomst'].map(h => el('th', { scope: 'col' }, t(h))))),
      el('tbody', {}, ...objections.map(o => el('tr', { id: `objection-${o.decision}` },
        el('td', {}, t(DECISION_NL[o.decisionTrigger] ?? o.decisionTrigger)), el('td', {}, date(o.madeKnown)), el('td', {}, date(o.lodgedOn)),
        el('td', {}, date(o.decisionDue) + (o.advisoryCommittee ? ` (${t('adviescommissie')})` : '') + (o.extended ? ` (${t('verlengd')})` : '')),
        el('td', {}, o.outcome ? `${t(OUTCOME_NL[o.outcome])} (${date(o.decidedOn)})` : t('open')))))));
  }
  if (p) {
    const rows = [['In gebreke gesteld op', date(p.noticeReceived)], ['Dwangsom loopt vanaf', date(p.firstDay)],
      ['Beslist op', p.stoppedOn ? date(p.stoppedOn) : '—'], ['Verschuldigd tot nu toe', app.penaltyOwed ? eur(app.penaltyOwed) : '—'],
      ['Vastgesteld', p.decided ? eur(p.decided) : '—'], ['Betaald', eur(p.paid)]];
    parts.push(el('dl', { id: 'penalty' }, ...rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)])),
      el('p', { class: 'muted' }, t('€ 23 per dag de eerste 14 dagen, € 35 de volgende 14, € 45 daarna; ten hoogste 42 dagen (€ 1.442,00), Awb 4:17.')));
  }
  parts.push(...actions.map(a => actionForm(a, app, app.id, onAnswer)));
  target.replaceChildren(...parts);
}

/**
 * The inbox ("Mijn werk") tasks these procedures add, from the deadlines each listed application carries: the applicant's
 * last day to object and a penalty that runs; the fund owner's decision on an objection and on a penalty.
 */
export function objectionTasks(role, apps, owner) {
  const tasks = [];
  for (const a of apps) {
    const d = a.deadlines ?? {};
    if (role === 'pvo-manager') {
      // Objecting is an option, not a to-do: the refusal's own task names its last day (tasks.js); a term on every
      // grant would otherwise put six weeks on top of the manager's list.
      if (d.penaltyRunning) tasks.push({ app: a, what: 'Dwangsom loopt vanaf', due: d.penaltyRunning, rank: 6, waiting: true });
    } else if (role !== 'treasurer' && a.fundOwner === owner) {
      if (d.objectionDecision) tasks.push({ app: a, what: 'Beslissen op bezwaar', due: d.objectionDecision, rank: 1 });
      if (d.penaltyRunning) tasks.push({ app: a, what: 'Dwangsom loopt vanaf', due: d.penaltyRunning, rank: 1 });
      if (d.penaltyDecision) tasks.push({ app: a, what: 'Dwangsom vaststellen', due: d.penaltyDecision, rank: 2 });
    }
  }
  return tasks;
}
