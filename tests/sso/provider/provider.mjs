// A real OpenID Provider for the single sign-on tests: panva's oidc-provider (OpenID certified), on 127.0.0.1 at a
// port the system chooses. Started by tests/sso/provider.py, which reads the first line this prints:
//   {"issuer": "http://127.0.0.1:PORT"}
//
// Its configuration comes as JSON on standard input: {clients: [...], accounts: {id: {...}}, control_token}.
// Accounts sign in on a plain HTML form of our own (username and password). Beside the provider, under /_test/
// (with the header `x-control-token`), the tests change an account (groups, disabled, deleted) and make the next
// token response misbehave as an attacker or a broken provider would: a wrong nonce, another key, another
// audience, an expired token. Nothing here is fit for anything but a test.

import { createServer } from "node:http";
import { randomUUID } from "node:crypto";

import * as jose from "jose";
import Provider from "oidc-provider";

const config = JSON.parse(await readStdin());
const accounts = config.accounts; // id -> {password, name, given_name, family_name, email, groups, disabled}
let tamper = null; // what to do to the next id_token the token endpoint hands out

const KID = "wpsite-test-key";
const signing = await jose.generateKeyPair("RS256", { extractable: true });
const impostor = await jose.generateKeyPair("RS256", { extractable: true }); // same kid, another key
const privateJwk = { ...(await jose.exportJWK(signing.privateKey)), kid: KID, alg: "RS256", use: "sig" };

// The provider's storage, in memory, as oidc-provider's adapter interface asks; ours so that disabling or deleting an
// account ends its sessions at the provider, as a real identity provider does.
const store = new Map(); // "Model:id" -> {payload, expiresAt}
const byGrant = new Map(); // grantId -> Set of "Model:id"
class MemoryAdapter {
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    if (this.model === "Session" && payload.uid) store.set(`SessionUid:${payload.uid}`, { payload: id });
    if (payload.grantId) {
      if (!byGrant.has(payload.grantId)) byGrant.set(payload.grantId, new Set());
      byGrant.get(payload.grantId).add(this.key(id));
    }
  }
  async find(id) {
    const entry = store.get(this.key(id));
    if (!entry) return undefined;
    if (entry.expiresAt && entry.expiresAt < Date.now()) {
      store.delete(this.key(id));
      return undefined;
    }
    return entry.payload;
  }
  async findByUid(uid) {
    const id = store.get(`SessionUid:${uid}`)?.payload;
    return id ? this.find(id) : undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id) {
    const entry = store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const key of byGrant.get(grantId) ?? []) store.delete(key);
    byGrant.delete(grantId);
  }
}

function endSessionsOf(accountId) {
  for (const [key, entry] of store) {
    if (key.startsWith("Session:") && entry.payload.accountId === accountId) store.delete(key);
  }
}

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function page(title, body) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

const provider = new Provider(issuer, {
  adapter: MemoryAdapter,
  clients: config.clients.map((client) => ({
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    ...client,
  })),
  jwks: { keys: [privateJwk] },
  scopes: ["openid", "email", "profile", "groups", "offline_access"],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "preferred_username"],
    groups: ["groups"],
  },
  pkce: { required: () => true }, // every client must use PKCE here: proves that wpsite does
  cookies: { keys: [randomUUID()] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page(
          "Uitloggen bij de testprovider",
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page("Uitgelogd bij de testprovider", "<p>U bent uitgelogd.</p>");
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client: no consent screen, every scope it asks for is granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile groups offline_access");
    await grant.save();
    return grant;
  },
  // An account that is disabled or gone is unknown: no login, no renewal of an existing session.
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account || account.disabled) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: account.name,
          given_name: account.given_name,
          family_name: account.family_name,
          preferred_username: account.preferred_username ?? id,
          email: account.email,
          email_verified: true,
          groups: account.groups ?? [],
        };
      },
    };
  },
  ttl: { IdToken: 3600, AccessToken: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
  renderError: async (ctx, out) => {
    ctx.type = "html";
    ctx.body = page("Fout bij de testprovider", `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
});
provider.proxy = false;
provider.on("server_error", (ctx, error) => console.error("server_error", error));

// The misbehaviour of the next token response: the id_token rewritten and signed again.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== "token" || !tamper || ctx.status !== 200 || !ctx.body?.id_token) return;
  const mode = tamper;
  tamper = null;
  const payload = jose.decodeJwt(ctx.body.id_token);
  const now = Math.floor(Date.now() / 1000);
  let key = signing.privateKey;
  if (mode === "nonce") payload.nonce = "not-the-nonce-of-this-login";
  else if (mode === "audience") {
    payload.aud = "another-application";
    payload.azp = "another-application";
  } else if (mode === "expired") {
    payload.iat = now - 7200;
    payload.exp = now - 3600;
  } else if (mode === "issuer") payload.iss = "http://127.0.0.1:1/elsewhere";
  else if (mode === "other_key") key = impostor.privateKey;
  else throw new Error(`unknown tamper mode ${mode}`);
  ctx.body = {
    ...ctx.body,
    id_token: await new jose.SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" }).sign(key),
  };
});

const callback = provider.callback();

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

function readStdin() {
  return readBody(process.stdin);
}

function send(res, status, body, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function loginForm(uid, { error = "", username = "" } = {}) {
  return page(
    "Inloggen bij de testprovider",
    `${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
  <label for="username">Gebruikersnaam</label> <input id="username" name="username" value="${escape(username)}">
  <label for="password">Wachtwoord</label> <input id="password" name="password" type="password">
  <button type="submit">Aanmelden</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Annuleren</button></form>`,
  );
}

async function interaction(req, res, url) {
  const [, , uid, action] = url.pathname.split("/");
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page("Onbekende aanmelding", ""));
  if (req.method === "GET") return send(res, 200, loginForm(uid));
  const form = new URLSearchParams(await readBody(req));
  if (action === "abort") {
    const result = { error: "access_denied", error_description: "De gebruiker heeft het inloggen afgebroken." };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const username = form.get("username") ?? "";
  const account = accounts[username];
  if (!account || account.password !== form.get("password")) {
    return send(res, 200, loginForm(uid, { error: "Onbekende gebruikersnaam of wachtwoord.", username }));
  }
  if (account.disabled) {
    return send(res, 200, loginForm(uid, { error: "Dit account is uitgeschakeld.", username }));
  }
  return provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
}

async function control(req, res, url) {
  if (req.headers["x-control-token"] !== config.control_token) return send(res, 403, "forbidden", "text/plain");
  const body = req.method === "GET" ? {} : JSON.parse((await readBody(req)) || "{}");
  const [, , what, id] = url.pathname.split("/");
  if (what === "account" && req.method === "PUT") {
    accounts[id] = { ...(accounts[id] ?? {}), ...body };
    if (accounts[id].disabled) endSessionsOf(id);
  } else if (what === "account" && req.method === "DELETE") {
    delete accounts[id];
    endSessionsOf(id);
  }
  else if (what === "tamper" && req.method === "POST") tamper = body.mode ?? null;
  else return send(res, 404, "not found", "text/plain");
  return send(res, 200, JSON.stringify({ ok: true }), "application/json");
}

server.on("request", async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname.startsWith("/interaction/")) return await interaction(req, res, url);
    if (url.pathname.startsWith("/_test/")) return await control(req, res, url);
    return callback(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) send(res, 500, page("Fout bij de testprovider", escape(error.message)));
  }
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", () => {}); // the configuration was read; standard input closes with it

console.log(JSON.stringify({ issuer }));
