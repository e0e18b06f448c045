// The letters and documents of one application (issue 18): the decision letters (PDF) and the uploaded documents with
// download buttons, and a form to upload a document. Its own module and section of application.html, so the rest of
// the page is untouched; its words are Dutch with their English here (the page's language switch applies).
import { api, el, table, date, lang, who, showProblem, showError, clearErrors, announce } from './app.js';

const EN_DOCUMENTS = {
  'Brieven en documenten': 'Letters and documents', 'Besluitbrieven': 'Decision letters', 'Documenten': 'Documents',
  'Nog geen besluitbrieven.': 'No decision letters yet.', 'Nog geen documenten.': 'No documents yet.',
  'Besluit': 'Decision', 'Datum': 'Date', 'Bestand': 'File', 'Soort': 'Kind', 'Door': 'By', 'Grootte': 'Size', 'SHA-256': 'SHA-256',
  'Downloaden': 'Download', 'Document toevoegen': 'Add document', 'Uploaden': 'Upload', 'Kies eerst een bestand.': 'Choose a file first.',
  'Document opgeslagen': 'Document stored', 'Dit document was er al': 'This document was already there',
  'PDF, PNG, JPEG, ODT of platte tekst; ten hoogste 10 MiB. Een nieuwe versie is een nieuw document; niets wordt overschreven.':
    'PDF, PNG, JPEG, ODT or plain text; at most 10 MiB. A new version is a new document; nothing is overwritten.',
  'Verlening': 'Grant', 'Weigering': 'Rejection', 'Wijziging': 'Amendment', 'Wijziging geweigerd': 'Amendment refused',
  'Vaststelling': 'Determination', 'Vaststelling en terugvordering': 'Determination and reclaim', 'Intrekking': 'Revocation',
  'Beslissing op bezwaar': 'Decision on objection', 'Dwangsom': 'Penalty for late decision',
  'Inhoudelijk verslag': 'Content report', 'Financieel verslag': 'Financial statement', 'Controleverklaring': 'Auditor\'s statement',
  'Bezwaargronden': 'Objection grounds', 'Overig': 'Other', 'Brief of document (SHA-256)': 'Letter or document (SHA-256)',
};
const tr = nl => (lang() === 'en' ? EN_DOCUMENTS[nl] ?? nl : nl);

const LETTER_NL = { Grant: 'Verlening', Rejection: 'Weigering', Amendment: 'Wijziging', AmendmentRefusal: 'Wijziging geweigerd',
  Determination: 'Vaststelling', Reclaim: 'Vaststelling en terugvordering', Revocation: 'Intrekking',
  ObjectionDecision: 'Beslissing op bezwaar', PenaltyDecision: 'Dwangsom' };
const KIND_NL = { 'content-report': 'Inhoudelijk verslag', 'financial-statement': 'Financieel verslag', 'auditor-statement': 'Controleverklaring',
  'objection-grounds': 'Bezwaargronden', 'other': 'Overig' };

const id = new URLSearchParams(location.search).get('id');
const box = document.getElementById('documents');

// Downloads carry the bearer token, so they are fetched and handed to the browser as a file.
async function download(path, name) {
  const response = await api(path, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The history table's hash column: a decision's letter hash, or a recorded document's, as the history records it (the
 * PDF or document listed above hashes to it), so a reader can check the file they hold. application.js adds it to its
 * history table.
 */
export const letterColumn = () => [tr('Brief of document (SHA-256)'), h => {
  const [sha, kind] = h.letterSha256 ? [h.letterSha256, 'letter-hash'] : h.documentSha256 ? [h.documentSha256, 'document-hash'] : [null, null];
  return sha ? el('code', { title: sha, class: kind }, sha.slice(0, 12) + '…') : '';
}];

const button = (path, name) => el('button', { type: 'button', class: 'secondary', onclick: () => download(path, name) }, tr('Downloaden'));
const short = sha => el('code', { title: sha }, sha.slice(0, 12) + '…');

async function render() {
  if (!box || !id || !who()) return;
  document.getElementById('documents-title').textContent = tr('Brieven en documenten');
  let letters, documents;
  try {
    [letters, documents] = await Promise.all([api(`/api/applications/${encodeURIComponent(id)}/letters`), api(`/api/applications/${encodeURIComponent(id)}/documents`)]);
  } catch {
    return; // the application part of the page shows why it cannot be read
  }
  const base = `/api/applications/${encodeURIComponent(id)}`;
  box.replaceChildren(
    el('h3', {}, tr('Besluitbrieven')),
    letters.items.length === 0 ? el('p', { class: 'muted' }, tr('Nog geen besluitbrieven.')) : table([
      ['Besluit', l => tr(LETTER_NL[l.kind] ?? l.kind)], ['Datum', l => date(l.at)], ['SHA-256', l => short(l.sha256)],
      ['Bestand', l => button(`${base}/letters/${l.id}.pdf`, l.fileName)],
    ].map(([h, f, c]) => [tr(h), f, c]), letters.items, { 'aria-label': tr('Besluitbrieven') }, { rowId: l => l.id }),
    el('h3', {}, tr('Documenten')),
    documents.items.length === 0 ? el('p', { class: 'muted' }, tr('Nog geen documenten.')) : table([
      ['Soort', d => tr(KIND_NL[d.kind] ?? d.kind)], ['Bestand', d => d.fileName], ['Door', d => d.by], ['Datum', d => date(d.at)],
      ['Grootte', d => `${d.size} B`, 'num'], ['SHA-256', d => short(d.sha256)], ['Downloaden', d => button(`${base}/documents/${d.id}`, d.fileName)],
    ].map(([h, f, c]) => [tr(h), f, c]), documents.items, { 'aria-label': tr('Documenten') }, { rowId: d => d.id }),
    uploadForm(base));
}

function uploadForm(base) {
  const kind = el('select', { id: 'document-kind', name: 'kind' }, Object.entries(KIND_NL).map(([k, nl]) => el('option', { value: k }, tr(nl))));
  const file = el('input', { id: 'document-file', name: 'file', type: 'file', accept: '.pdf,.png,.jpg,.jpeg,.odt,.txt,application/pdf,image/png,image/jpeg,application/vnd.oasis.opendocument.text,text/plain' });
  const form = el('form', { id: 'document-upload', novalidate: true },
    el('h3', {}, tr('Document toevoegen')),
    el('p', { class: 'muted' }, tr('PDF, PNG, JPEG, ODT of platte tekst; ten hoogste 10 MiB. Een nieuwe versie is een nieuw document; niets wordt overschreven.')),
    el('label', { for: 'document-kind' }, tr('Soort')), kind,
    el('label', { for: 'document-file' }, tr('Bestand')), file,
    el('button', { type: 'submit' }, tr('Uploaden')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const chosen = file.files?.[0];
    if (!chosen) { showError(form, 'content', tr('Kies eerst een bestand.')); return; }
    try {
      const response = await api(`${base}/documents?kind=${encodeURIComponent(kind.value)}&fileName=${encodeURIComponent(chosen.name)}`,
        { method: 'POST', body: chosen, headers: { 'Content-Type': chosen.type || 'application/octet-stream' }, raw: true });
      announce(tr(response.status === 201 ? 'Document opgeslagen' : 'Dit document was er al'));
      // Recorded in the history: application.js reads the view again to show the entry (which in turn redraws this list).
      if (response.status === 201) document.dispatchEvent(new CustomEvent('pvo:document-recorded'));
      await render();
    } catch (error) {
      showProblem(form, error);
    }
  });
  return form;
}

render();
// A decision taken on this page adds a letter: the list is read again whenever the history (application.js) is redrawn.
const historyBox = document.getElementById('history');
if (historyBox) {
  let seen = 0;
  new MutationObserver(() => {
    const entries = historyBox.querySelectorAll('tbody tr').length;
    if (entries !== seen) { seen = entries; render(); }
  }).observe(historyBox, { childList: true });
}
