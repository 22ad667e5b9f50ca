/*
 * Sign-in through the OpenID Connect provider, when the service has one (docs/operations.md). Loaded after
 * console.js and using its helpers: offers "Sign in with <provider>" under the password form; after the
 * provider's code flow the service sends the browser back to /console/#oidc, and this script fetches the
 * session's access token, which the console then sends as a bearer token, as it sends Basic credentials
 * after a password sign-in. Signing out of such a session also signs out at the provider.
 */
'use strict';

(async function offerProviderSignIn() {
  let options;
  try {
    const response = await fetch('/console/sign-in-options', { cache: 'no-store' });
    options = await response.json();
  } catch (e) {
    return; // an older service, or none reachable: the password form is all there is
  }
  if (!options || !options.provider) return;

  document.getElementById('login-form').appendChild(h('p', { class: 'oidc-sign-in' },
    h('a', { id: 'oidc-sign-in', class: 'button secondary', href: options.signIn }, 'Sign in with ' + options.provider)));

  // Signing out of a provider session ends it at the provider too (console.js forgets the token first).
  document.addEventListener('click', event => {
    const auth = sessionStorage.getItem(AUTH_KEY);
    if (event.target && event.target.id === 'logout' && auth && auth.startsWith('Bearer ')) {
      setTimeout(() => { location.href = options.signOut; }, 0);
    }
  }, true);

  if (location.hash !== '#oidc') return;
  const session = await fetch('/console/oidc/session', { headers: { 'X-Requested-With': 'JavaScript' }, cache: 'no-store' });
  if (!session.ok) {
    showLogin('The sign-in with ' + options.provider + ' did not complete; please try again.');
    return;
  }
  const { user, authorization } = await session.json();
  // Like the password sign-in: compliance users land on the verdicts, risk editors on the policy.
  let landing = '#/verdicts';
  try {
    await Api.request('GET', '/api/v1/verdicts?size=1&from=' + encodeURIComponent(new Date().toISOString()), authorization);
  } catch (e) {
    if (e.status !== 403) { showLogin('The service could not be reached: ' + e.message); return; }
    landing = '#/policy';
  }
  sessionStorage.setItem(AUTH_KEY, authorization);
  sessionStorage.setItem(USER_KEY, user);
  history.replaceState(null, '', landing);
  showApp();
})();
