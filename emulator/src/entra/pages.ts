import { escapeHtml as e, html, type EmulatorResponse } from '../core/http';

/**
 * The sign-in pages, styled after Microsoft's sign-in card. Forms post back with the flow id
 * only; nothing secret is ever placed in a page except the final code in the form_post.
 */
const styles = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;font-family:"Segoe UI","Segoe UI Web",-apple-system,"Helvetica Neue",Arial,sans-serif;
  background:linear-gradient(135deg,#e8eef6 0%,#f3f2f1 55%,#e6ebf1 100%);color:#1b1b1b;display:flex;flex-direction:column;align-items:center;justify-content:center}
main{width:100%;max-width:440px;padding:44px;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2);margin:16px}
.brand{display:flex;align-items:center;gap:8px;font-size:15px;color:#5e5e5e;margin-bottom:16px}
.logo{display:grid;grid-template-columns:10px 10px;gap:2px}.logo i{width:10px;height:10px;display:block}
h1{font-size:24px;font-weight:600;margin:0 0 12px;line-height:1.3}
p{font-size:15px;line-height:1.45;margin:0 0 12px}
.identity{font-size:15px;margin:0 0 12px;color:#1b1b1b}
label{display:block;font-size:13px;color:#5e5e5e;margin:12px 0 2px}
input[type=text],input[type=password],input[type=email]{width:100%;font-size:15px;padding:6px 0;border:0;border-bottom:1px solid #666;outline:none;background:transparent}
input:focus{border-bottom:2px solid #0067b8}
.error{color:#e81123;font-size:15px;margin:8px 0 4px}
.actions{display:flex;justify-content:flex-end;gap:8px;margin-top:28px}
button{min-width:108px;font-size:15px;padding:6px 12px;border:1px solid transparent;cursor:pointer}
button.primary{background:#0067b8;color:#fff}button.primary:hover{background:#005da6}
button.secondary{background:#ccc;color:#1b1b1b}button.secondary:hover{background:#bbb}
button:focus-visible{outline:2px solid #000;outline-offset:2px}
ul.permissions{list-style:none;padding:0;margin:12px 0}
ul.permissions li{padding:8px 0;border-bottom:1px solid #eee;font-size:15px}
ul.permissions small{display:block;color:#5e5e5e;font-size:13px}
.app{font-weight:600}.muted{color:#5e5e5e;font-size:13px}
footer{font-size:12px;color:#5e5e5e;padding:8px}
code{font-family:Consolas,monospace;font-size:13px;word-break:break-all}
`;

const logo =
  '<span class="logo" aria-hidden="true"><i style="background:#f25022"></i><i style="background:#7fba00"></i><i style="background:#00a4ef"></i><i style="background:#ffb900"></i></span>';

function page(title: string, content: string, status = 200): EmulatorResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${styles}</style></head><body>
<main><div class="brand">${logo}<span>Microsoft (emulated)</span></div>${content}</main>
<footer>Local emulator of Microsoft Entra ID &middot; not connected to Microsoft</footer></body></html>`;
  return html(status, body, {
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action *; script-src 'unsafe-inline'",
  });
}

function errorLine(message: string | undefined): string {
  return message ? `<p class="error" id="error" role="alert">${e(message)}</p>` : '';
}

export function signInPage(input: {
  flowId: string;
  appName: string;
  loginHint: string;
  error?: string;
}): EmulatorResponse {
  return page(
    'Sign in to your account',
    `
<h1>Sign in</h1><p>to continue to <span class="app">${e(input.appName)}</span></p>
<form method="post" action="/common/login" autocomplete="on">
<input type="hidden" name="flow" value="${e(input.flowId)}">
<label for="username">Email, phone, or Skype</label>
<input type="email" id="username" name="username" value="${e(input.loginHint)}" autocomplete="username" required ${input.loginHint ? '' : 'autofocus'} aria-describedby="${input.error ? 'error' : ''}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required ${input.loginHint ? 'autofocus' : ''}>
${errorLine(input.error)}
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>`,
  );
}

export function mfaPage(input: { flowId: string; upn: string; error?: string }): EmulatorResponse {
  return page(
    'Enter code',
    `
<p class="identity">${e(input.upn)}</p><h1>Enter code</h1>
<p>Enter the code displayed in the authenticator app on your mobile device.</p>
<form method="post" action="/common/mfa" autocomplete="off">
<input type="hidden" name="flow" value="${e(input.flowId)}">
<label for="otc">Code</label>
<input type="text" id="otc" name="otc" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
${errorLine(input.error)}
<div class="actions"><button type="submit" class="primary">Verify</button></div>
</form>`,
  );
}

export interface PermissionLine {
  title: string;
  detail: string;
}

export function consentPage(input: {
  flowId: string;
  upn: string;
  appName: string;
  publisher: string;
  permissions: PermissionLine[];
}): EmulatorResponse {
  const items = input.permissions
    .map((p) => `<li>${e(p.title)}<small>${e(p.detail)}</small></li>`)
    .join('');
  return page(
    'Permissions requested',
    `
<p class="identity">${e(input.upn)}</p><h1>Permissions requested</h1>
<p><span class="app">${e(input.appName)}</span><br><span class="muted">${e(input.publisher)}</span></p>
<p>This app would like to:</p>
<ul class="permissions" aria-label="Requested permissions">${items}</ul>
<p class="muted">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
<form method="post" action="/common/consent">
<input type="hidden" name="flow" value="${e(input.flowId)}">
<div class="actions">
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="accept" class="primary">Accept</button>
</div></form>`,
  );
}

/** Entra's "Need admin approval" page, shown instead of the consent page when users may not consent. */
export function adminApprovalPage(input: {
  flowId: string;
  upn: string;
  appName: string;
}): EmulatorResponse {
  return page(
    'Need admin approval',
    `
<p class="identity">${e(input.upn)}</p><h1>Need admin approval</h1>
<p><span class="app">${e(input.appName)}</span> needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<p class="muted">Error code: <code>AADSTS90094</code>: The grant requires admin permission.</p>
<form method="post" action="/common/consent">
<input type="hidden" name="flow" value="${e(input.flowId)}">
<div class="actions"><button type="submit" name="decision" value="return" class="secondary">Return to the application without granting consent</button></div>
</form>`,
  );
}

export function errorPage(input: {
  title: string;
  message: string;
  code: number | null;
  status?: number;
}): EmulatorResponse {
  const detail = input.code
    ? `<p class="muted">Error code: <code>AADSTS${input.code}</code></p>`
    : '';
  return page(
    input.title,
    `<h1>${e(input.title)}</h1><p role="alert">${e(input.message)}</p>${detail}`,
    input.status ?? 400,
  );
}

/** `response_mode=form_post`: an auto-submitting form (with a button if scripts are off). */
export function formPostPage(
  redirectUri: string,
  fields: Record<string, string>,
): EmulatorResponse {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
  return page(
    'Working...',
    `<h1>Signing you in</h1>
<form method="post" action="${e(redirectUri)}" id="response">${inputs}
<noscript><div class="actions"><button type="submit" class="primary">Continue</button></div></noscript></form>
<script>document.getElementById('response').submit();</script>`,
  );
}
