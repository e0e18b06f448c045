// The OIDC issuer sends the person back here with ?code&state (or ?error&state). The state must be the one this
// tab sent; then the code is exchanged (PKCE) and the person lands on their role's page. Refusals are shown here in
// plain words, with the way back to sign-in; nothing is kept from a refused callback.
import { REGIONS, header, t, signIn, scopeName, afterSignIn } from './app.js';
import { completeOidc, SignInError } from './auth.js';

header();
const params = new URLSearchParams(location.search);
// The code must not stay in the address bar or the history.
history.replaceState(null, '', location.pathname);

const ROLE_NL = { 'pvo-manager': 'PVO-manager', 'provincial-officer': 'Provinciaal ambtenaar', ministry: 'Ministerie', treasurer: 'Penningmeester' };

try {
  const { token, caller } = await completeOidc(params);
  const region = caller.region ? REGIONS.find(r => r[0] === caller.region)?.[1] ?? caller.region : null;
  const label = [ROLE_NL[caller.role] ?? caller.role, region, caller.province, caller.scope ? scopeName(caller.scope) : null].filter(Boolean).join(' · ')
    + (caller.name || caller.user ? ` (${caller.name || caller.user})` : '');
  signIn(token, { ...caller, label });
  // The address wanted before the sign-in (kept by the start page), else the role's page.
  const wanted = sessionStorage.getItem('pvo.next');
  sessionStorage.removeItem('pvo.next');
  location.replace(afterSignIn(caller.role, wanted));
} catch (error) {
  document.getElementById('callback-status').hidden = true;
  const shown = document.getElementById('callback-error');
  shown.textContent = error instanceof SignInError
    ? t(error.dutch) + (error.code ? ` (${error.code})` : '')
    : t('De aanmelding is mislukt.');
  shown.hidden = false;
  document.getElementById('callback-back').hidden = false;
}
