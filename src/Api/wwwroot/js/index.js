import { REGIONS, PROVINCES, api, signIn, header, el, lang, t, clearErrors, showProblem, pageOf, who, token, scopeName, afterSignIn } from './app.js';
import { authConfig, startOidc, takeNotice, openDashboard, SignInError } from './auth.js';

const me = header();
document.getElementById('about-nl').hidden = lang() !== 'nl';
document.getElementById('about-en').hidden = lang() !== 'en';

const form = document.getElementById('signin');
const role = document.getElementById('role');
const region = document.getElementById('region');
const province = document.getElementById('province');
const scope = document.getElementById('scope');
for (const [id, name] of REGIONS) region.append(el('option', { value: id }, name));
for (const p of PROVINCES) province.append(el('option', { value: p }, p));
for (const s of ['national', ...PROVINCES.map(p => `province:${p}`), ...REGIONS.map(([id]) => `region:${id}`)]) scope.append(el('option', { value: s }, scopeName(s)));

// The address a person wanted before signing in (an application, a view of their page): taken on after the sign-in.
const next = new URLSearchParams(location.search).get('next');
if (next && next !== 'dashboard') sessionStorage.setItem('pvo.next', next);

function showFields() {
  document.getElementById('region-field').hidden = role.value !== 'pvo-manager';
  document.getElementById('province-field').hidden = role.value !== 'provincial-officer';
  document.getElementById('scope-field').hidden = role.value !== 'treasurer';
}
role.addEventListener('change', showFields);
showFields();

// A message left by the callback page or by a 401 (expired sign-in), shown once.
const notice = document.getElementById('signin-notice');
function tell(dutch) { notice.textContent = t(dutch); notice.hidden = false; }
const left = takeNotice();
if (left) tell(left);
else if (new URLSearchParams(location.search).get('next') === 'dashboard') {
  // Sent here by the dashboard without its session cookie: a ministry user who is signed in (say, one who followed the
  // link before the page's script had made the cookie) goes straight on; anyone else is asked to sign in as the ministry.
  if (token() && who()?.role === 'ministry') openDashboard().catch(() => tell('Het dashboard kon niet worden geopend.'));
  else tell('Meld u aan als ministerie om het dashboard te openen.');
}

// Development tokens, the organisation's OIDC issuer, or neither: the service says which.
authConfig().then(config => {
  if (config.mode === 'development') {
    form.hidden = false;
  } else if (config.mode === 'oidc') {
    document.getElementById('oidc-signin').hidden = false;
    document.getElementById('oidc-button').addEventListener('click', async () => {
      notice.hidden = true;
      try {
        await startOidc(config);
      } catch (error) {
        tell(error instanceof SignInError ? error.dutch : 'De aanmelding is mislukt.');
      }
    });
  } else {
    document.getElementById('signin-unconfigured').hidden = false;
  }
}, () => { form.hidden = false; });

if (me && token()) {
  const section = document.getElementById('signin-section');
  section.prepend(el('p', {}, el('a', { href: pageOf(me.role), id: 'my-page' }, t('Naar mijn pagina'))));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const body = { role: role.value };
  if (role.value === 'pvo-manager') body.region = region.value;
  if (role.value === 'provincial-officer') body.province = province.value;
  if (role.value === 'treasurer') body.scope = scope.value;
  const user = document.getElementById('user').value.trim();
  if (user) body.user = user;
  const name = document.getElementById('person-name').value.trim();
  if (name) body.name = name;
  try {
    const answer = await api('/dev/token', { method: 'POST', body });
    // The label names the reach in words, and the person by name (else by the user id they typed).
    const label = `${role.options[role.selectedIndex].textContent}${body.region ? ' · ' + region.options[region.selectedIndex].textContent : ''}`
      + `${body.province ? ' · ' + body.province : ''}${body.scope ? ' · ' + scopeName(body.scope) : ''}${name || user ? ' (' + (name || user) + ')' : ''}`;
    signIn(answer.token, { role: body.role, region: body.region, province: body.province, scope: body.scope, user, label });
    const wanted = sessionStorage.getItem('pvo.next');
    sessionStorage.removeItem('pvo.next');
    location.href = afterSignIn(body.role, wanted);
  } catch (error) {
    if (error.status === 404) {
      showProblem(form, new Error(t('Aanmelden met een testtoken kan alleen in de ontwikkelomgeving; gebruik de aanmelding van uw organisatie.')));
    } else {
      showProblem(form, error);
    }
  }
});
void who;
