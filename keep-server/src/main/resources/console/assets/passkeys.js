// Passkeys and security keys (WebAuthn) in the console: adding one on the MFA page, the second sign-in step and
// step-up. The server renders everything else; this file only runs the browser's WebAuthn ceremonies and talks to
// the same JSON API as every other client. Pages carry what it needs in data- attributes (no inline script).
'use strict';

(function () {
  const PROBLEM = 'urn:munin-keep:problem:';

  function supported() {
    return Boolean(window.PublicKeyCredential
      && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
      && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function');
  }

  /** POSTs JSON to the API; resolves to the parsed body (null for 204), rejects with the problem's detail. */
  async function post(path, csrf, body) {
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrf) {
      headers['X-CSRF-Token'] = csrf;
    }
    const res = await fetch(path, {
      method: 'POST', headers: headers, body: JSON.stringify(body || {}), credentials: 'same-origin',
      cache: 'no-store', redirect: 'error'
    });
    if (res.status === 204) {
      return null;
    }
    const data = await res.json().catch(function () { return {}; });
    if (!res.ok) {
      const e = new Error(data.detail || ('the server answered ' + res.status));
      e.problem = String(data.type || '').replace(PROBLEM, '');
      throw e;
    }
    return data;
  }

  /** A sentence for the person in front of the browser, from a browser or server failure. */
  function explain(e) {
    switch (e && e.name) {
      case 'NotAllowedError':
        return 'The security key or passkey did not confirm: the request was cancelled or timed out, or this key '
          + 'is not registered for this account.';
      case 'InvalidStateError':
        return 'This security key or passkey is already registered for your account.';
      case 'SecurityError':
        return 'The browser refused: passkeys work only at this server\'s https://localhost address (its relying '
          + 'party id), not at an IP address.';
      case 'AbortError':
        return 'The request was cancelled.';
      default:
        return (e && e.message) || 'Something went wrong.';
    }
  }

  function show(section, text) {
    const p = section.querySelector('.passkey-error');
    p.textContent = text;
    p.hidden = false;
  }

  function unsupported(section) {
    show(section, 'This browser does not support passkeys or security keys (WebAuthn with JSON options).');
  }

  /** Runs {@code ceremony} on a click, once at a time, showing any failure in the section. */
  function wire(section, control, ceremony) {
    if (!supported()) {
      unsupported(section);
      return;
    }
    control.hidden = false;
    const handler = async function (event) {
      event.preventDefault();
      const button = control.tagName === 'BUTTON' ? control : control.querySelector('button');
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      section.querySelector('.passkey-error').hidden = true;
      try {
        await ceremony();
      } catch (e) {
        if (e && e.problem === 'step-up-required') {
          location.assign('/console/auth/step-up?next=' + encodeURIComponent(location.pathname));
          return;
        }
        show(section, explain(e));
      } finally {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      }
    };
    control.addEventListener(control.tagName === 'FORM' ? 'submit' : 'click', handler);
  }

  async function assertion(options) {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
    const credential = await navigator.credentials.get({ publicKey: publicKey });
    return credential.toJSON();
  }

  function register(section) {
    const form = section.querySelector('#passkey-add-form');
    const csrf = section.dataset.csrf;
    wire(section, form, async function () {
      const options = await post('/api/v1/auth/mfa/webauthn/register/options', csrf);
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
      const credential = await navigator.credentials.create({ publicKey: publicKey });
      const label = form.elements.label.value.trim();
      await post('/api/v1/auth/mfa/webauthn/register', csrf, { credential: credential.toJSON(), label: label || null });
      location.assign('/console/auth/mfa?m=passkey-added');
    });
  }

  function signIn(section) {
    wire(section, section.querySelector('#passkey-login-button'), async function () {
      const credential = await assertion(JSON.parse(section.dataset.options));
      const session = await post('/api/v1/auth/login/webauthn', null,
        { loginChallenge: section.dataset.challenge, credential: credential });
      location.assign(session.mustChangePassword ? '/console/auth/password?m=password-required'
        : section.dataset.next);
    });
  }

  function stepUp(section) {
    const csrf = section.dataset.csrf;
    wire(section, section.querySelector('#passkey-step-up-button'), async function () {
      const credential = await assertion(await post('/api/v1/auth/step-up/webauthn/options', csrf));
      await post('/api/v1/auth/step-up/webauthn', csrf, { credential: credential });
      const next = section.dataset.next;
      location.assign(next + (next.indexOf('?') < 0 ? '?' : '&') + 'm=stepped-up');
    });
  }

  function start() {
    const add = document.getElementById('passkeys');
    if (add) {
      register(add);
    }
    const login = document.getElementById('passkey-login');
    if (login && login.dataset.challenge) {
      signIn(login);
    }
    const up = document.getElementById('passkey-step-up');
    if (up) {
      stepUp(up);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
