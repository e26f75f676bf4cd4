// Stand-in for VNeID in dvclink-portal integration tests: a certified
// third-party OpenID Provider (panva/oidc-provider) configured like VNeID
// (public native client, PKCE S256, VNeID claim names served from userinfo).
//
// Usage: node provider.mjs --path <prefix> [--id-token-claims]
//   <prefix> is "" (issuer http://127.0.0.1:PORT) or e.g. "/oidc"
//   (issuer http://127.0.0.1:PORT/oidc).
//   --id-token-claims also puts the VNeID claims in the ID token (by default
//   they come from userinfo only).
//
// Listens on 127.0.0.1 with an OS-chosen port and, once listening, prints
// exactly one line to stdout: {"issuer":"http://127.0.0.1:PORT[/prefix]"}.
// Nothing else is ever written to stdout. Exits on SIGTERM/SIGINT and when
// stdin reaches EOF, so the parent must keep a pipe open on our stdin for as
// long as it wants the provider alive.
//
// Login is done through our own minimal, JavaScript-free pages:
//   GET  <prefix>/interaction/:uid        HTML form
//   POST <prefix>/interaction/:uid/login  fields: cccd, password
// A correct password finishes login and consent in one step (303 to the
// authorization resume endpoint, which 303s to the client's redirect_uri).

import http from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

// oidc-provider reports "you SHOULD change ..." notices through console.info,
// i.e. to stdout. stdout is the machine-read channel of this fixture, so route
// console.log/info to stderr. (Every default that would emit such a notice is
// overridden below anyway; this is only a guard.)
console.log = console.error;
console.info = console.error;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  let prefix;
  let idTokenClaims = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--id-token-claims') {
      idTokenClaims = true;
    } else if (arg === '--path') {
      if (i + 1 >= argv.length) usage('--path needs a value');
      prefix = argv[i + 1];
      i += 1;
    } else if (arg.startsWith('--path=')) {
      prefix = arg.slice('--path='.length);
    } else {
      usage(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (prefix === undefined) usage('--path is required');
  if (prefix === '/') prefix = '';
  if (prefix !== '' && !/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix)) {
    usage('--path must be "" or like "/oidc" (no trailing slash, no query)');
  }
  return { prefix, idTokenClaims };
}

function usage(message) {
  process.stderr.write(`provider.mjs: ${message}\nusage: node provider.mjs --path <\"\"|/prefix> [--id-token-claims]\n`);
  process.exit(2);
}

const { prefix: PREFIX, idTokenClaims: ID_TOKEN_CLAIMS } = parseArgs(process.argv.slice(2));

// Imported after the console redirect above.
const { default: Provider } = await import('oidc-provider');

// ----------------------------------------------------------------- accounts

const PASSWORD = 'Matkhau@123';
const ACCOUNTS = new Map([
  ['001090012345', {
    password: PASSWORD,
    HoVaTen: 'Nguyễn Văn An',
    NgayThangNamSinh: '15/03/1990',
    loAs: '2',
  }],
  // Kept decomposed (NFD), as text typed with «Unicode tổ hợp» is: the app composes it.
  ['079190000111', {
    password: PASSWORD,
    HoVaTen: 'Trần Thị Bình'.normalize('NFD'),
    NgayThangNamSinh: '20/07/1990',
    loAs: '1',
  }],
]);

const VNEID_CLAIMS = ['HoVaTen', 'SoDinhDanh', 'NgayThangNamSinh', 'loAs'];

// The VNeID claims are mapped to the `openid` scope (see `claims` below), so
// a client asking for just `openid` gets them. oidc-provider's
// conformIdTokenClaims only keeps claims of *other* scopes (profile, email,
// ...) out of the ID token; claims of the openid scope itself would still be
// put in it. To make the client fall back to userinfo, as it must with VNeID,
// they are released for `use === 'userinfo'` only, unless --id-token-claims.
async function findAccount(_ctx, id) {
  const account = ACCOUNTS.get(id);
  if (!account) return undefined;
  return {
    accountId: id,
    async claims(use) {
      if (use === 'id_token' && !ID_TOKEN_CLAIMS) return { sub: id };
      return {
        sub: id,
        HoVaTen: account.HoVaTen,
        SoDinhDanh: id,
        NgayThangNamSinh: account.NgayThangNamSinh,
        loAs: account.loAs,
      };
    },
  };
}

// -------------------------------------------------------- in-memory adapter
// A minimal store of our own, so oidc-provider's "development-only in-memory
// adapter" warning does not fire. One process = one test; nothing persists.

const store = new Map(); // `${model}:${id}` -> { payload, expiresAt }
const sessionUids = new Map(); // uid -> Session id
const userCodes = new Map(); // userCode -> DeviceCode id
const grantMembers = new Map(); // grantId -> Set of store keys

function live(key) {
  const entry = store.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry.payload;
}

class Adapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
    store.set(key, { payload, expiresAt });
    if (this.model === 'Session' && payload.uid) sessionUids.set(payload.uid, id);
    if (payload.userCode) userCodes.set(payload.userCode, id);
    if (payload.grantId) {
      if (!grantMembers.has(payload.grantId)) grantMembers.set(payload.grantId, new Set());
      grantMembers.get(payload.grantId).add(key);
    }
  }

  async find(id) {
    return live(this.key(id));
  }

  async findByUid(uid) {
    const id = sessionUids.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode) {
    const id = userCodes.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id) {
    const payload = live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    store.delete(this.key(id));
  }

  async revokeByGrantId(grantId) {
    for (const key of grantMembers.get(grantId) ?? []) store.delete(key);
    grantMembers.delete(grantId);
  }
}

// --------------------------------------------------------------------- html

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function loginPage(uid, { error, cccd = '' } = {}) {
  const action = `${PREFIX}/interaction/${encodeURIComponent(uid)}/login`;
  return page('VNeID (test) - Đăng nhập', `${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>\n` : ''}<form method="post" action="${escapeHtml(action)}">
<label>Số định danh cá nhân <input type="text" name="cccd" value="${escapeHtml(cccd)}" autocomplete="username" required autofocus></label>
<label>Mật khẩu <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập</button>
</form>`);
}

function send(res, status, html) {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

// ------------------------------------------------------------------ server

const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const { port } = server.address();
const ISSUER = `http://127.0.0.1:${port}${PREFIX}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'RS256',
  use: 'sig',
};

const provider = new Provider(ISSUER, {
  adapter: Adapter,
  findAccount,
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [randomBytes(32).toString('base64url')],
  },
  clients: [{
    client_id: 'dvclink-desktop',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [
      'vn.gov.dichvucong.dvclink:/oauth/callback',
      'http://127.0.0.1/oauth/callback',
    ],
    // No post_logout_redirect_uris: RP-initiated logout ends on the OP's own
    // "signed out" page.
  }],
  scopes: ['openid', 'offline_access'],
  responseTypes: ['code'],
  claims: {
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
    openid: ['sub', ...VNEID_CLAIMS],
  },
  // Default, spelled out. It keeps claims of scopes other than openid out of
  // ID tokens issued with an access token; see findAccount for the openid ones.
  conformIdTokenClaims: true,
  // Public client: PKCE is required (default for token_endpoint_auth_method
  // none); only S256 is accepted by oidc-provider v9.
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    revocation: {
      enabled: true,
      allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
    },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.type = 'html';
        ctx.body = page('VNeID (test) - Đăng xuất', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button>
<button type="submit" form="op.logoutForm">Ở lại</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.type = 'html';
        ctx.body = page('VNeID (test) - Đã đăng xuất', '<p>Đăng xuất thành công.</p>');
      },
    },
  },
  interactions: {
    url: async (_ctx, interaction) => `${PREFIX}/interaction/${interaction.uid}`,
  },
  ttl: {
    AccessToken: 5 * 60,
    AuthorizationCode: 60,
    IdToken: 5 * 60,
    RefreshToken: 8 * 60 * 60,
    Interaction: 10 * 60,
    Session: 8 * 60 * 60,
    Grant: 8 * 60 * 60,
  },
  clientBasedCORS: () => false,
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('VNeID (test) - Lỗi', Object.entries(out)
      .map(([k, v]) => `<p><b>${escapeHtml(k)}</b>: <span class="${escapeHtml(k)}">${escapeHtml(v)}</span></p>`)
      .join('\n'));
  },
});

const providerCallback = provider.callback();

function readForm(req, limit = 16 * 1024) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

async function interaction(req, res, uid, action) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    send(res, 400, page('VNeID (test) - Lỗi', `<p>${escapeHtml(err.message)}</p>`));
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, page('VNeID (test) - Lỗi', '<p>interaction uid mismatch</p>'));
    return;
  }

  if (action === undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    send(res, 200, loginPage(uid));
    return;
  }

  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  const form = await readForm(req);
  const cccd = (form.get('cccd') ?? '').trim();
  const password = form.get('password') ?? '';
  const account = ACCOUNTS.get(cccd);
  if (!account || account.password !== password) {
    send(res, 200, loginPage(uid, { error: 'Số định danh hoặc mật khẩu không đúng.', cccd }));
    return;
  }

  // Login and consent in one go: grant everything that was requested.
  const { params } = details;
  const grant = new provider.Grant({ accountId: cccd, clientId: params.client_id });
  if (params.scope) grant.addOIDCScope(params.scope);
  const grantId = await grant.save();

  await provider.interactionFinished(req, res, {
    login: { accountId: cccd },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

server.on('request', async (req, res) => {
  try {
    const qIndex = req.url.indexOf('?');
    const pathname = qIndex === -1 ? req.url : req.url.slice(0, qIndex);

    if (PREFIX && pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) {
      send(res, 404, page('Not Found', '<p>not found</p>'));
      return;
    }
    const rest = pathname.slice(PREFIX.length) || '/';

    const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(rest);
    if (m) {
      await interaction(req, res, m[1], m[2]);
      return;
    }

    if (PREFIX) {
      // Mount under the prefix the way express/koa-mount do: oidc-provider
      // derives the mount path from req.originalUrl minus req.url.
      req.originalUrl = req.url;
      req.url = req.url.slice(PREFIX.length);
      if (!req.url.startsWith('/')) req.url = `/${req.url}`;
    }
    providerCallback(req, res);
  } catch (err) {
    process.stderr.write(`provider.mjs: ${err.stack ?? err}\n`);
    if (!res.headersSent) send(res, 500, page('Internal Server Error', ''));
    else res.destroy();
  }
});

// oidc-provider reports errors it handled (invalid_grant, ...) as events; keep
// unexpected ones visible on stderr, stay silent otherwise.
provider.on('server_error', (_ctx, err) => {
  process.stderr.write(`provider.mjs: server_error: ${err.stack ?? err}\n`);
});

// ---------------------------------------------------------------- lifecycle

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();

process.stdout.write(`${JSON.stringify({ issuer: ISSUER })}\n`);
