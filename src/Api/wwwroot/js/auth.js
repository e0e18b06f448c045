// Sign-in for every page: the access token kept in sessionStorage (per tab), obtained either from the development
// endpoint (POST /dev/token, Development only) or from the organisation's OIDC issuer through the authorization
// code flow with PKCE (S256) as a public client. GET /auth/config says which. Plain ES module, no dependencies.
//
// The pages never see a client secret and never keep a refresh token: when the access token expires, the API
// answers 401 and the person signs in again (sessionExpired). The id token is kept only as the hint for the
// issuer's end-session endpoint; it arrives straight from the token endpoint over the connection the page opened,
// so its issuer, audience and nonce are checked and its signature is left to that connection (OIDC Core 3.1.3.7);
// what grants access is the access token, which the API validates against the issuer's keys on every call.

const TOKEN_KEY = 'pvo.token';
const WHO_KEY = 'pvo.who';
const FLOW_KEY = 'pvo.oidc.flow';
const END_KEY = 'pvo.oidc.end';
const NOTICE_KEY = 'pvo.signin.notice';

/** The page the issuer sends the person back to. */
export const CALLBACK_PATH = '/signin-callback.html';

/** English wording of the Dutch texts of sign-in (merged into the pages' table by app.js). */
export const EN_AUTH = {
  'Aanmelden bij uw organisatie': 'Sign in with your organisation',
  'Meld u aan met het account van uw organisatie.': 'Sign in with your organisation\'s account.',
  'Aanmelden is op deze omgeving niet ingericht: er is geen OIDC-issuer ingesteld. Neem contact op met de beheerder.':
    'Sign-in is not set up here: no OIDC issuer is configured. Please contact the administrator.',
  'Uw aanmelding is verlopen; meld u opnieuw aan.': 'Your sign-in has expired; please sign in again.',
  'U heeft de aanmelding geweigerd, of uw account heeft geen toegang tot PvoFinance.':
    'You declined the sign-in, or your account has no access to PvoFinance.',
  'Uw organisatie vraagt u opnieuw aan te melden.': 'Your organisation asks you to sign in again.',
  'De aanmeldservice van uw organisatie is even niet beschikbaar; probeer het zo opnieuw.':
    'Your organisation\'s sign-in service is briefly unavailable; please try again shortly.',
  'De aanmelding is mislukt.': 'Sign-in failed.',
  'Deze aanmelding is niet in dit venster begonnen of is al gebruikt; begin opnieuw.':
    'This sign-in was not started in this window or was already used; please start again.',
  'De aanmelding kon niet worden afgerond; begin opnieuw.': 'The sign-in could not be completed; please start again.',
  'De aanmeldservice van uw organisatie is niet bereikbaar.': 'Your organisation\'s sign-in service cannot be reached.',
  'Uw account heeft geen rol in PvoFinance; vraag uw beheerder om toegang.':
    'Your account has no role in PvoFinance; ask your administrator for access.',
  'Bezig met aanmelden…': 'Signing in…', 'Terug naar aanmelden': 'Back to sign-in',
  'Meld u aan als ministerie om het dashboard te openen.': 'Sign in as the ministry to open the dashboard.',
  'Beheer (dashboard)': 'Administration (dashboard)', 'Het dashboard kon niet worden geopend.': 'The dashboard could not be opened.',
};

// ---- the token ------------------------------------------------------------------------------------------------
export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function who() { try { return JSON.parse(sessionStorage.getItem(WHO_KEY) || 'null'); } catch { return null; } }
export function signIn(tok, whoami) { sessionStorage.setItem(TOKEN_KEY, tok); sessionStorage.setItem(WHO_KEY, JSON.stringify(whoami)); }

function forget() {
  for (const key of [TOKEN_KEY, WHO_KEY, FLOW_KEY, END_KEY]) sessionStorage.removeItem(key);
}

/** Signs out: forgets the token, clears the dashboard cookie, and ends the issuer's session when it has an end-session endpoint. */
export async function signOut() {
  let end = null;
  try { end = JSON.parse(sessionStorage.getItem(END_KEY) || 'null'); } catch { /* none */ }
  forget();
  try { await fetch('/auth/session', { method: 'DELETE' }); } catch { /* the cookie expires with the token anyway */ }
  if (end?.endpoint) {
    const url = new URL(end.endpoint);
    if (end.idToken) url.searchParams.set('id_token_hint', end.idToken);
    url.searchParams.set('client_id', end.clientId);
    url.searchParams.set('post_logout_redirect_uri', `${location.origin}/`);
    location.assign(url.toString());
  } else {
    location.href = '/';
  }
}

/** The API refused the token (401): back to the sign-in page, which says why. */
export function sessionExpired() {
  forget();
  sessionStorage.setItem(NOTICE_KEY, 'Uw aanmelding is verlopen; meld u opnieuw aan.');
  // Back to the same place after signing in again.
  const here = location.pathname + location.search + location.hash;
  location.href = here === '/' ? '/' : `/?next=${encodeURIComponent(here)}`;
}

/** A message for the sign-in page (Dutch, a key of EN_AUTH), shown once. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}

/** Leaves a message for the sign-in page. */
export function leaveNotice(dutch) { sessionStorage.setItem(NOTICE_KEY, dutch); }

/** Which sign-in the service wants: { mode: 'development' | 'oidc' | 'unconfigured', authority, clientId, scopes }. */
export async function authConfig() {
  const response = await fetch('/auth/config');
  if (!response.ok) throw new Error(`GET /auth/config: HTTP ${response.status}`);
  return response.json();
}

// ---- the code flow with PKCE ----------------------------------------------------------------------------------
function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function randomText(bytes) { return base64url(crypto.getRandomValues(new Uint8Array(bytes))); }
/** The claims of a JWT (not verified: the API verifies access tokens; see the note at the top). */
export function claimsOf(jwt) {
  const part = String(jwt).split('.')[1] || '';
  const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - part.length % 4) % 4);
  const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

async function discover(authority) {
  let response;
  try {
    response = await fetch(`${authority}/.well-known/openid-configuration`);
  } catch {
    throw new SignInError('De aanmeldservice van uw organisatie is niet bereikbaar.');
  }
  if (!response.ok) throw new SignInError('De aanmeldservice van uw organisatie is niet bereikbaar.');
  const doc = await response.json();
  // OIDC Discovery 4.3: the document must name the issuer it was fetched from.
  if (doc.issuer?.replace(/\/$/, '') !== authority.replace(/\/$/, '')) throw new SignInError('De aanmelding is mislukt.');
  return doc;
}

/** A refusal in the user's words (a Dutch key of EN_AUTH), with the issuer's code when there is one. */
export class SignInError extends Error {
  constructor(dutch, code = null) { super(dutch); this.dutch = dutch; this.code = code; }
}

/** Starts the code flow: discovery, PKCE S256, state and nonce kept in this tab, then off to the issuer. */
export async function startOidc(config) {
  const doc = await discover(config.authority);
  const verifier = randomText(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const flow = {
    state: randomText(16), nonce: randomText(16), verifier, issuer: doc.issuer, clientId: config.clientId,
    tokenEndpoint: doc.token_endpoint, endSession: doc.end_session_endpoint || null, redirectUri: `${location.origin}${CALLBACK_PATH}`,
  };
  sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  const url = new URL(doc.authorization_endpoint);
  for (const [k, v] of Object.entries({
    response_type: 'code', client_id: config.clientId, redirect_uri: flow.redirectUri, scope: config.scopes,
    state: flow.state, nonce: flow.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  })) url.searchParams.set(k, v);
  location.assign(url.toString());
}

const ISSUER_ERRORS = {
  access_denied: 'U heeft de aanmelding geweigerd, of uw account heeft geen toegang tot PvoFinance.',
  login_required: 'Uw organisatie vraagt u opnieuw aan te melden.',
  interaction_required: 'Uw organisatie vraagt u opnieuw aan te melden.',
  consent_required: 'Uw organisatie vraagt u opnieuw aan te melden.',
  temporarily_unavailable: 'De aanmeldservice van uw organisatie is even niet beschikbaar; probeer het zo opnieuw.',
  server_error: 'De aanmeldservice van uw organisatie is even niet beschikbaar; probeer het zo opnieuw.',
};

/** The caller the access token describes: role and region / province / scope, the user id and the person's name (if given). */
export function callerOf(claims) {
  return { role: claims.role, region: claims.region, province: claims.province, scope: claims.scope, user: claims.sub, name: claims.name };
}

/**
 * Finishes the code flow on the callback page: the state must be the one this tab sent (else nothing is
 * exchanged), issuer errors become SignInErrors, the code is exchanged with the verifier, and the access
 * token is kept as the development sign-in keeps it. Returns the caller.
 */
export async function completeOidc(params) {
  let flow = null;
  try { flow = JSON.parse(sessionStorage.getItem(FLOW_KEY) || 'null'); } catch { /* none */ }
  // One use: whatever happens next, this state cannot be answered twice.
  sessionStorage.removeItem(FLOW_KEY);
  if (!flow || !params.get('state') || params.get('state') !== flow.state) {
    throw new SignInError('Deze aanmelding is niet in dit venster begonnen of is al gebruikt; begin opnieuw.');
  }
  const error = params.get('error');
  if (error) throw new SignInError(ISSUER_ERRORS[error] || 'De aanmelding is mislukt.', error);
  const code = params.get('code');
  if (!code) throw new SignInError('De aanmelding is mislukt.');
  let response;
  try {
    response = await fetch(flow.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code, redirect_uri: flow.redirectUri, client_id: flow.clientId, code_verifier: flow.verifier,
      }),
    });
  } catch {
    throw new SignInError('De aanmeldservice van uw organisatie is niet bereikbaar.');
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new SignInError(ISSUER_ERRORS[answer.error] || 'De aanmelding kon niet worden afgerond; begin opnieuw.', answer.error || null);
  }
  if (answer.id_token) {
    const id = claimsOf(answer.id_token);
    const audiences = Array.isArray(id.aud) ? id.aud : [id.aud];
    if (id.nonce !== flow.nonce || id.iss !== flow.issuer || !audiences.includes(flow.clientId)) {
      throw new SignInError('De aanmelding kon niet worden afgerond; begin opnieuw.');
    }
  }
  const caller = callerOf(claimsOf(answer.access_token));
  if (!caller.role) throw new SignInError('Uw account heeft geen rol in PvoFinance; vraag uw beheerder om toegang.');
  sessionStorage.setItem(END_KEY, JSON.stringify({ endpoint: flow.endSession, idToken: answer.id_token || null, clientId: flow.clientId }));
  return { token: answer.access_token, caller };
}

/** Opens the Orleans dashboard: the bearer token becomes its HttpOnly session cookie, then the browser goes there. */
export async function openDashboard() {
  const response = await fetch('/auth/session', { method: 'POST', headers: { Authorization: `Bearer ${token()}` } });
  if (response.status === 401) { sessionExpired(); return; }
  if (!response.ok) throw new SignInError('Het dashboard kon niet worden geopend.');
  location.href = '/dashboard/';
}
