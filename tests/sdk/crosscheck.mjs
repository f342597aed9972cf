#!/usr/bin/env node
// Cross-checks `hookscope-cli verify` and `hookscope-cli sign` against the providers' official Node SDKs.
//
//   node tests/sdk/crosscheck.mjs --cli build/dev/src/cli/hookscope-cli
//   node tests/sdk/crosscheck.mjs build/dev/src/cli/hookscope-cli
//   HOOKSCOPE_CLI=build/dev/src/cli/hookscope-cli node tests/sdk/crosscheck.mjs
//   (add --keep to keep the record files; they are always kept when a check fails)
//
// The SDKs come from tests/sdk/package-lock.json: `npm ci --prefix tests/sdk` (bash .ci/setup test does it).
//
// Direction (a): a request is signed the way the provider does it (the SDK's signer, or node:crypto exactly as the
// SDK's own tests do when the SDK has no signer), checked with the SDK's verifier (so the test itself is right),
// written as a Hookscope JSON Lines record and given to `hookscope-cli verify --json`; Hookscope must agree with
// the SDK, for the untouched request and for a tampered one.
// Direction (b): `hookscope-cli sign` signs an unsigned record; the SDK's own verifier must accept the result.
// Every check prints one line: "ok PROVIDER CASE", "FAIL PROVIDER CASE" (with details) or "SKIP PROVIDER CASE: why".
// The last line is "N passed, N failed, N skipped"; the exit status is 1 when any check failed.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import querystring from 'node:querystring';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Arguments, environment

function parseArgs(argv) {
  const opts = { cli: process.env.HOOKSCOPE_CLI || '', keep: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cli') opts.cli = argv[++i] || '';
    else if (a.startsWith('--cli=')) opts.cli = a.slice(6);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--only') opts.only = (argv[++i] || '').split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node crosscheck.mjs [--cli] PATH_TO_HOOKSCOPE_CLI [--keep] [--only provider,provider]\n' +
                  '       (or set HOOKSCOPE_CLI)');
      process.exit(0);
    } else if (!a.startsWith('-') && !opts.cliFromArg) { opts.cli = a; opts.cliFromArg = true; }
    else { console.error(`crosscheck: unknown argument ${a}`); process.exit(2); }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
if (!opts.cli) {
  console.error('FAIL setup: no hookscope-cli given; pass its path as the first argument, with --cli PATH, or in HOOKSCOPE_CLI');
  process.exit(2);
}
const CLI = path.resolve(opts.cli);
if (!fs.existsSync(CLI)) {
  console.error(`FAIL setup: hookscope-cli not found at ${CLI} (build it first: cmake --build --preset dev)`);
  process.exit(1);
}

// The SDKs must be installed exactly as pinned: a missing or different package is a setup failure, not a skip
// (CI installs them with `npm ci --prefix tests/sdk`).
{
  const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
  const problems = [];
  for (const [name, version] of Object.entries(pkg.dependencies)) {
    const file = path.join(here, 'node_modules', name, 'package.json');
    if (!fs.existsSync(file)) { problems.push(`${name} is not installed`); continue; }
    const installed = JSON.parse(fs.readFileSync(file, 'utf8')).version;
    if (installed !== version) problems.push(`${name} is ${installed}, package.json pins ${version}`);
  }
  if (problems.length) {
    console.error('FAIL setup: the SDKs in tests/sdk/node_modules do not match tests/sdk/package.json:');
    for (const p of problems) console.error(`  - ${p}`);
    console.error('Install them with:  npm ci --prefix tests/sdk   (bash .ci/setup test does this)');
    process.exit(1);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-sdk-crosscheck-'));
const home = path.join(tmp, 'home');
fs.mkdirSync(home);
// hookscope-cli must not touch the user's store: give it an empty HOME / data dirs.
const cliEnv = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'),
                 XDG_CACHE_HOME: path.join(home, 'cache'), QT_QPA_PLATFORM: 'offscreen' };

// ---------------------------------------------------------------------------------------------------------------
// Results

const counts = { passed: 0, failed: 0, skipped: 0 };

function ok(provider, name, note) {
  counts.passed++;
  const n = note && note.length > 160 ? note.slice(0, 157) + '...' : note;
  console.log(`ok ${provider} ${name}${n ? `  (${n})` : ''}`);
}
function fail(provider, name, lines) {
  counts.failed++;
  console.log(`FAIL ${provider} ${name}`);
  for (const line of lines.flatMap((l) => String(l).split('\n'))) console.log(`    ${line}`);
}
function skip(provider, name, reason) {
  counts.skipped++;
  console.log(`SKIP ${provider} ${name}: ${reason}`);
}
function wanted(provider) {
  return !opts.only || opts.only.includes(provider);
}

// ---------------------------------------------------------------------------------------------------------------
// Records (docs/jsonl-format.md)

const HOST = 'hooks.example.test';
let recordCounter = 0;

function isoMicro(unixSeconds) {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
function bytes(body) {
  return Buffer.isBuffer(body) ? body : Buffer.from(body ?? '', 'utf8');
}
function makeRecord({ method = 'POST', target, host = HOST, headers = [], body = '', at }) {
  const buf = bytes(body);
  const all = [['Host', host], ...headers];
  if (buf.length && !all.some(([n]) => n.toLowerCase() === 'content-length')) all.push(['Content-Length', String(buf.length)]);
  return { received_at: isoMicro(at), method, target, http_version: 'HTTP/1.1', headers: all, body_base64: buf.toString('base64') };
}
function recordBody(rec) {
  return Buffer.from(rec.body_base64 || '', 'base64');
}
function withBody(rec, body) {
  const buf = bytes(body);
  const headers = rec.headers.map(([n, v]) => (n.toLowerCase() === 'content-length' ? [n, String(buf.length)] : [n, v]));
  return { ...rec, headers, body_base64: buf.toString('base64') };
}
function withHeader(rec, name, value) {
  let found = false;
  const headers = rec.headers.map(([n, v]) => {
    if (n.toLowerCase() === name.toLowerCase()) { found = true; return [n, value]; }
    return [n, v];
  });
  if (!found) headers.push([name, value]);
  return { ...rec, headers };
}
function header(rec, name) {
  const h = rec.headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  return h ? h[1] : undefined;
}
function headerObject(rec) {
  const out = {};
  for (const [n, v] of rec.headers) if (!(n.toLowerCase() in out)) out[n.toLowerCase()] = v;
  return out;
}
function writeRecord(rec, label) {
  const file = path.join(tmp, `${String(++recordCounter).padStart(3, '0')}-${label.replace(/[^A-Za-z0-9._-]+/g, '_')}.jsonl`);
  fs.writeFileSync(file, JSON.stringify(rec) + '\n');
  return file;
}
// Tampering: one byte of the body changes; Content-Length follows.
function tamper(body) {
  const buf = Buffer.from(bytes(body));
  const i = Math.floor(buf.length / 2);
  buf[i] = buf[i] === 0x41 ? 0x42 : 0x41;
  return buf;
}

// ---------------------------------------------------------------------------------------------------------------
// hookscope-cli

function shellQuote(a) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
function runCli(args, input) {
  const r = spawnSync(CLI, args, { env: cliEnv, timeout: 60000, maxBuffer: 64 * 1024 * 1024, input });
  return {
    command: [CLI, ...args].map(shellQuote).join(' ') + (input !== undefined ? ' < (the record below)' : ''),
    status: r.status,
    signal: r.signal,
    error: r.error ? r.error.message : null,
    stdout: r.stdout ? r.stdout.toString('utf8') : '',
    stderr: r.stderr ? r.stderr.toString('utf8') : '',
  };
}

function hsVerify({ provider, secrets, now, url, tolerance, file, stdin }) {
  const args = ['verify', '--provider', provider];
  for (const s of secrets) args.push('--secret', s);
  if (now !== undefined) args.push('--now', String(now));
  if (url) args.push('--url', url);
  if (tolerance !== undefined) args.push('--tolerance', String(tolerance));
  args.push('--json', stdin ? '-' : file);
  const r = runCli(args, stdin ? fs.readFileSync(file) : undefined);
  try { r.json = JSON.parse(r.stdout.trim()); } catch (e) { r.json = null; r.parseError = e.message; }
  return r;
}

function hsSign({ provider, secret, now, url, id, file }) {
  const args = ['sign', '--provider', provider, '--secret', secret];
  if (now !== undefined) args.push('--now', String(now));
  if (url) args.push('--url', url);
  if (id) args.push('--id', id);
  args.push(file);
  const r = runCli(args);
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 1) {
    try { r.record = JSON.parse(lines[0]); } catch (e) { r.parseError = e.message; }
  } else {
    r.parseError = `expected exactly one JSON Lines line on stdout, got ${lines.length}`;
  }
  return r;
}

function describeRun(r) {
  const out = [`command: ${r.command}`, `exit status: ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}${r.error ? ` (${r.error})` : ''}`];
  if (r.stdout.trim()) out.push(`stdout: ${r.stdout.trim()}`);
  if (r.stderr.trim()) out.push(`stderr: ${r.stderr.trim()}`);
  if (r.parseError) out.push(`stdout is not what was expected: ${r.parseError}`);
  return out;
}
function describeRecord(file) {
  const text = fs.readFileSync(file, 'utf8').trimEnd();
  let body = '';
  try { body = Buffer.from(JSON.parse(text).body_base64 || '', 'base64').toString('utf8'); } catch { /* shown raw above */ }
  const shown = body.length > 3000 ? body.slice(0, 3000) + '...' : body;
  return [`record ${file}:`, text, `body as a JSON string: ${JSON.stringify(shown)}`];
}
function describeVerdict(j) {
  if (!j) return 'no JSON';
  return `verdict=${j.verdict} signature_valid=${j.signature_valid} freshness=${j.freshness} reason=${JSON.stringify(j.reason)}`;
}

// What Hookscope must say.
const VALID = { status: 0, verdict: 'valid', signature_valid: true, freshness: ['n/a', 'fresh'] };
const BAD_SIGNATURE = { status: 1, verdict: 'invalid', signature_valid: false };
const TOO_OLD = { status: 1, verdict: 'invalid', signature_valid: true, freshness: ['too-old'] };
const TOO_NEW = { status: 1, verdict: 'invalid', signature_valid: true, freshness: ['too-new'] };
function expectName(e) {
  if (e === VALID) return 'valid';
  if (e === BAD_SIGNATURE) return 'invalid (bad signature)';
  if (e === TOO_OLD) return 'invalid (signature valid, too old)';
  if (e === TOO_NEW) return 'invalid (signature valid, too new)';
  return JSON.stringify(e);
}
function mismatches(r, expect) {
  const out = [];
  if (!r.json) return ['no JSON object on stdout'];
  if (r.status !== expect.status) out.push(`exit status ${r.status}, expected ${expect.status}`);
  if (r.json.verdict !== expect.verdict) out.push(`verdict "${r.json.verdict}", expected "${expect.verdict}"`);
  if (r.json.signature_valid !== expect.signature_valid) out.push(`signature_valid ${r.json.signature_valid}, expected ${expect.signature_valid}`);
  if (expect.freshness && !expect.freshness.includes(r.json.freshness)) {
    out.push(`freshness "${r.json.freshness}", expected ${expect.freshness.map((f) => `"${f}"`).join(' or ')}`);
  }
  if (expect.provider && !expect.provider.includes(r.json.provider)) {
    out.push(`provider "${r.json.provider}", expected ${expect.provider.map((f) => `"${f}"`).join(' or ')}`);
  }
  return out;
}

// sdk: { accepts: bool, detail: string } — what the official SDK concluded about the same request.
// expect: what Hookscope must say. The SDK's verdict must match the expectation too (otherwise the test is wrong).
function checkVerify(provider, name, { rec, secrets, now, url, tolerance, expect, sdk, note, hsProvider, stdin }) {
  const file = writeRecord(rec, `${provider}-${name}`);
  const sdkShouldAccept = expect === VALID;
  if (sdk && sdk.accepts !== sdkShouldAccept) {
    fail(provider, name, [`test setup: the SDK ${sdk.accepts ? 'accepts' : 'rejects'} this request, the test expects it to ` +
                          `${sdkShouldAccept ? 'accept' : 'reject'}: ${sdk.detail}`, ...describeRecord(file)]);
    return false;
  }
  const r = hsVerify({ provider: hsProvider || provider, secrets, now, url, tolerance, file, stdin });
  const bad = mismatches(r, expect);
  if (bad.length) {
    fail(provider, name, [
      `hookscope: ${describeVerdict(r.json)}`,
      `expected: ${expectName(expect)}`,
      ...(sdk ? [`SDK: ${sdk.accepts ? 'accepts' : 'rejects'} (${sdk.detail})`] : []),
      ...(note ? [`note: ${note}`] : []),
      ...bad.map((b) => `mismatch: ${b}`),
      ...(r.json && r.json.diagnostics && r.json.diagnostics.length ? [`diagnostics: ${JSON.stringify(r.json.diagnostics)}`] : []),
      ...describeRun(r), ...describeRecord(file),
    ]);
    return false;
  }
  ok(provider, name, note || (sdk ? `SDK ${sdk.accepts ? 'accepts' : 'rejects'}: ${sdk.detail}` : undefined));
  return true;
}

// `--provider auto` must find a provider that accepts the request.
function checkAuto(provider, name, { rec, secrets, now, url, family }) {
  const file = writeRecord(rec, `${provider}-${name}-auto`);
  const r = hsVerify({ provider: 'auto', secrets, now, url, file });
  const bad = mismatches(r, { ...VALID, provider: family });
  if (bad.length) {
    fail(provider, `${name} --provider auto`, [`hookscope: ${describeVerdict(r.json)} provider=${r.json && r.json.provider}`,
      'expected: valid', ...bad.map((b) => `mismatch: ${b}`), ...describeRun(r), ...describeRecord(file)]);
    return;
  }
  ok(provider, `${name} --provider auto`, `detected ${r.json.provider}`);
}

// Hookscope signs `rec`; `sdkVerify(signedRecord)` must return { accepts, detail } with accepts true.
// signatureHeaders: the headers sign must set (each exactly once, replaced in place when the input had it).
async function checkSign(provider, name, { rec, secret, now, url, id, signatureHeaders, sdkVerify, verifySecrets,
                                           keepsBody = true, roundTrip = true, hsProvider }) {
  const file = writeRecord(rec, `${provider}-${name}-unsigned`);
  const r = hsSign({ provider: hsProvider || provider, secret, now, url, id, file });
  if (r.status !== 0 || !r.record) {
    fail(provider, `${name} hookscope-signed`, ['hookscope sign did not produce a record', ...describeRun(r), ...describeRecord(file)]);
    return null;
  }
  const out = r.record;
  const problems = [];
  if (!Array.isArray(out.headers)) problems.push('output record has no headers array');
  else {
    for (const h of signatureHeaders) {
      const n = out.headers.filter(([k]) => k.toLowerCase() === h.toLowerCase()).length;
      if (n !== 1) problems.push(`header ${h} appears ${n} times in the signed record, expected once`);
      const before = rec.headers.findIndex(([k]) => k.toLowerCase() === h.toLowerCase());
      const after = out.headers.findIndex(([k]) => k.toLowerCase() === h.toLowerCase());
      if (before >= 0 && before !== after) problems.push(`header ${h} moved from position ${before} to ${after} (should be replaced in place)`);
    }
    // Every other header keeps its value and order.
    const sig = new Set(signatureHeaders.map((h) => h.toLowerCase()));
    const keep = (hs) => hs.filter(([k]) => !sig.has(k.toLowerCase()) && k.toLowerCase() !== 'content-length').map(([k, v]) => `${k}: ${v}`);
    const a = keep(rec.headers), b = keep(out.headers).slice(0, a.length);
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`other headers changed: before ${JSON.stringify(a)}, after ${JSON.stringify(b)}`);
  }
  if (keepsBody && out.body_base64 !== rec.body_base64) problems.push('the body changed');
  if (out.target !== rec.target) problems.push(`target changed from ${rec.target} to ${out.target}`);
  if (out.method !== rec.method) problems.push(`method changed from ${rec.method} to ${out.method}`);
  const signedFile = writeRecord(out, `${provider}-${name}-hookscope-signed`);
  let sdk;
  try { sdk = await sdkVerify(out); } catch (e) { sdk = { accepts: false, detail: `threw ${e && e.message}` }; }
  if (!sdk.accepts) problems.push(`the SDK rejects Hookscope's signature: ${sdk.detail}`);
  if (problems.length) {
    fail(provider, `${name} hookscope-signed sdk-verified`, [...problems.map((p) => `problem: ${p}`), ...describeRun({ ...r, stdout: '(the signed record below)' }),
      `unsigned ${describeRecord(file).join('\n')}`, `signed ${describeRecord(signedFile).join('\n')}`]);
  } else {
    ok(provider, `${name} hookscope-signed sdk-verified`, sdk.detail);
  }
  if (roundTrip) {
    const v = hsVerify({ provider: hsProvider || provider, secrets: verifySecrets || [secret], now, url, file: signedFile });
    const bad = mismatches(v, VALID);
    if (bad.length) {
      fail(provider, `${name} hookscope-signed hookscope-verified`, [`hookscope: ${describeVerdict(v.json)}`,
        ...bad.map((b) => `mismatch: ${b}`), ...describeRun(v), ...describeRecord(signedFile)]);
    } else {
      ok(provider, `${name} hookscope-signed hookscope-verified`);
    }
  }
  return out;
}

function accept(detail) { return { accepts: true, detail }; }
function reject(detail) { return { accepts: false, detail }; }
async function sdkTry(fn, okDetail) {
  try {
    const v = await fn();
    if (v === false) return reject('returned false');
    if (v && typeof v === 'object' && 'valid' in v && v.valid === false) return reject(`returned ${JSON.stringify(v)}`);
    return accept(okDetail || 'returned true');
  } catch (e) {
    return reject(`threw "${String(e && e.message).split('\n')[0]}"`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared data

const NOW = Math.floor(Date.now() / 1000);
const T = NOW - 20; // the "delivery" time of the SDK-signed requests; hookscope verifies at --now NOW
const UNICODE = 'Grüße aus Köln — naïve café ☕, 日本語, emoji 👋🏽, RTL עברית, combining é';

function prettyJson(value) { return JSON.stringify(value, null, 2); }

// ---------------------------------------------------------------------------------------------------------------
// SDKs

function loadCjs(name) {
  const m = require(name);
  return m && m.default && Object.keys(m).length === 1 ? m.default : m;
}

// ----- Stripe ---------------------------------------------------------------------------------------------------
async function stripeChecks() {
  const P = 'stripe';
  const StripeCtor = loadCjs('stripe');
  const stripe = new (StripeCtor.default || StripeCtor)('sk_test_crosscheck_not_a_real_key');
  const secret = 'whsec_6kWm0p2Yv9dNq3RtX8bZcL4fHj7sA1eG';
  const oldSecret = 'whsec_Zr1Qb8Xw3Nt6Lk9Pd2Vh5Mc7Gf4Js0Ya';
  const sdkVerify = (body, sigHeader, s, { tolerance, now = NOW } = {}) =>
    sdkTry(() => stripe.webhooks.constructEvent(bytes(body), sigHeader, s, tolerance, undefined, now * 1000),
           `constructEvent(secret ${s === secret ? 'current' : 'old'}${tolerance !== undefined ? `, tolerance ${tolerance}` : ''}) returned the event`);
  const sign = (body, ts, s = secret) => stripe.webhooks.generateTestHeaderString({ payload: bytes(body).toString('utf8'), secret: s, timestamp: ts });
  const event = (id, extra) => ({
    id, object: 'event', api_version: '2025-12-15.clover', created: T, livemode: false, pending_webhooks: 1,
    request: { id: null, idempotency_key: null }, type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_3QxCrossCheck', object: 'payment_intent', amount: 4200, currency: 'eur', description: UNICODE,
                      metadata: { order: 'A-1001', note: 'tab\tquote" backslash\\ ünï' }, ...extra } },
  });
  const headersFor = (sig) => [['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'], ['Content-Type', 'application/json; charset=utf-8'],
                               ['Cache-Control', 'no-cache'], ['Accept', '*/*; q=0.5, application/xml'], ['Stripe-Signature', sig]];
  const bodies = {
    'pretty-unicode': prettyJson(event('evt_1QxCrossCheckA')),
    'pretty-trailing-newline': prettyJson(event('evt_1QxCrossCheckB', { status: 'succeeded' })) + '\n',
    'compact': JSON.stringify(event('evt_1QxCrossCheckC')),
  };
  let first = true;
  for (const [name, body] of Object.entries(bodies)) {
    const sig = sign(body, T);
    const rec = makeRecord({ target: '/hooks/stripe?source=crosscheck', headers: headersFor(sig), body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(body, sig, secret) });
    const bad = tamper(body);
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: withBody(rec, bad), secrets: [secret], now: NOW, expect: BAD_SIGNATURE,
                                                                sdk: await sdkVerify(bad, sig, secret) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE,
                                                                  sdk: await sdkVerify(body, sig, oldSecret) });
      checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [secret], now: NOW, family: ['stripe'] });
      first = false;
    }
  }
  // Rotation: Stripe sends one v1 per active secret.
  {
    const body = bodies['pretty-unicode'];
    const sNew = sign(body, T, secret), sOld = sign(body, T, oldSecret);
    const v1 = (h) => h.split(',').find((p) => p.startsWith('v1='));
    const both = `t=${T},${v1(sOld)},${v1(sNew)}`;
    const rec = makeRecord({ target: '/hooks/stripe', headers: headersFor(both), body, at: T });
    checkVerify(P, 'rotation two-v1 current-secret valid', { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(body, both, secret) });
    checkVerify(P, 'rotation two-v1 old-secret valid', { rec, secrets: [oldSecret], now: NOW, expect: VALID, sdk: await sdkVerify(body, both, oldSecret) });
    const withV0 = `t=${T},v0=${'0'.repeat(64)},${v1(sNew)}`;
    checkVerify(P, 'v0-and-v1 valid', { rec: withHeader(rec, 'Stripe-Signature', withV0), secrets: [secret], now: NOW, expect: VALID,
                                        sdk: await sdkVerify(body, withV0, secret) });
    // One v1 made with the old secret; the receiver knows both secrets.
    const a = await sdkVerify(body, sOld, secret), b = await sdkVerify(body, sOld, oldSecret);
    checkVerify(P, 'rotation several --secret valid', { rec: withHeader(rec, 'Stripe-Signature', sOld), secrets: [secret, oldSecret], now: NOW,
      expect: VALID, sdk: { accepts: a.accepts || b.accepts, detail: `constructEvent with each secret: current ${a.accepts ? 'accepts' : 'rejects'}, old ${b.accepts ? 'accepts' : 'rejects'}` } });
  }
  // (c) Staleness: signed an hour ago.
  {
    const body = bodies['pretty-trailing-newline'];
    const tOld = NOW - 3600;
    const sig = sign(body, tOld);
    const rec = makeRecord({ target: '/hooks/stripe', headers: headersFor(sig), body, at: tOld });
    checkVerify(P, 'signed-1h-ago too-old invalid', { rec, secrets: [secret], now: NOW, expect: TOO_OLD, sdk: await sdkVerify(body, sig, secret) });
    checkVerify(P, 'signed-1h-ago --tolerance 7200 valid', { rec, secrets: [secret], now: NOW, tolerance: 7200, expect: VALID,
                                                            sdk: await sdkVerify(body, sig, secret, { tolerance: 7200 }) });
    const edge = sign(body, NOW - 300);
    checkVerify(P, 'signed-300s-ago edge valid', { rec: withHeader(rec, 'Stripe-Signature', edge), secrets: [secret], now: NOW, expect: VALID,
                                                  sdk: await sdkVerify(body, edge, secret) });
    checkVerify(P, 'signed-1h-ago --tolerance 0 valid', { rec, secrets: [secret], now: NOW, tolerance: 0, expect: VALID,
                                                         sdk: await sdkVerify(body, sig, secret, { tolerance: 0 }) });
    // stripe-node rejects only old timestamps (age > tolerance): one ahead of the clock passes.
    const ahead = sign(body, NOW + 3600);
    checkVerify(P, 'signed-1h-ahead valid (stripe-node checks only the past)', { rec: withHeader(rec, 'Stripe-Signature', ahead), secrets: [secret], now: NOW,
                                                                                 expect: VALID, sdk: await sdkVerify(body, ahead, secret) });
    const late = sign(body, NOW - 301);
    checkVerify(P, 'signed-301s-ago too-old invalid', { rec: withHeader(rec, 'Stripe-Signature', late), secrets: [secret], now: NOW, expect: TOO_OLD,
                                                       sdk: await sdkVerify(body, late, secret) });
  }
  // (b) Hookscope signs.
  {
    const body = bodies['pretty-trailing-newline'];
    const unsigned = makeRecord({ target: '/hooks/stripe', headers: headersFor('x').filter(([n]) => n !== 'Stripe-Signature'), body, at: NOW });
    const verifyOut = (out) => sdkVerify(recordBody(out), header(out, 'Stripe-Signature'), secret);
    await checkSign(P, 'new-header', { rec: unsigned, secret, now: NOW, signatureHeaders: ['Stripe-Signature'], sdkVerify: verifyOut });
    const stale = makeRecord({ target: '/hooks/stripe', headers: headersFor(sign(body, NOW - 7200)), body: bodies['pretty-unicode'], at: NOW - 7200 });
    await checkSign(P, 'replace-stale-header', { rec: stale, secret, now: NOW, signatureHeaders: ['Stripe-Signature'], sdkVerify: verifyOut });
  }
}

// ----- GitHub -------------------------------------------------------------------------------------------------
async function githubChecks() {
  const P = 'github';
  const { sign, verify, verifyWithFallback } = await import('@octokit/webhooks-methods');
  const secret = 'gh-webhook-secret: Ünïcödé & spaces';
  const oldSecret = 'previous-github-secret-2025';
  const headersFor = (sig, event = 'push') => [['User-Agent', 'GitHub-Hookshot/3f0e8b2'], ['Accept', '*/*'],
    ['X-GitHub-Delivery', 'a1b2c3d4-e5f6-11ef-8c1d-0123456789ab'], ['X-GitHub-Event', event], ['X-GitHub-Hook-ID', '501234567'],
    ['X-GitHub-Hook-Installation-Target-ID', '123456'], ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
    ['Content-Type', 'application/json'], ['X-Hub-Signature-256', sig]];
  const sdkVerify = async (body, sig, s = secret) => sdkTry(() => verify(s, bytes(body).toString('utf8'), sig), 'verify() returned true');

  // The docs vector.
  {
    const s = "It's a Secret to Everybody", body = 'Hello, World!';
    const sig = await sign(s, body);
    const published = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    if (sig !== published) fail(P, 'docs-vector sdk sign', [`octokit sign() gave ${sig}, the docs say ${published}`]);
    const rec = makeRecord({ target: '/hooks/github', headers: headersFor(sig, 'ping').map(([n, v]) => (n === 'Content-Type' ? [n, 'text/plain'] : [n, v])), body, at: T });
    checkVerify(P, 'docs-vector valid', { rec, secrets: [s], now: NOW, expect: VALID, sdk: await sdkVerify(body, sig, s) });
  }
  const push = {
    ref: 'refs/heads/main', before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246', after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    head_commit: { id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c', message: `Fix ${UNICODE}\n\nSigned-off-by: Zoë <zoe@example.com>`, timestamp: '2026-01-01T12:00:00+01:00' },
  };
  const bodies = {
    'json-unicode': JSON.stringify(push),
    'pretty-trailing-newline': prettyJson(push) + '\n',
    'form-urlencoded': 'payload=' + encodeURIComponent(JSON.stringify(push)),
  };
  let first = true;
  for (const [name, body] of Object.entries(bodies)) {
    const sig = await sign(secret, body);
    let headers = headersFor(sig);
    if (name === 'form-urlencoded') headers = headers.map(([n, v]) => (n === 'Content-Type' ? [n, 'application/x-www-form-urlencoded'] : [n, v]));
    const rec = makeRecord({ target: '/hooks/github', headers, body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(body, sig) });
    const bad = tamper(body);
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: withBody(rec, bad), secrets: [secret], now: NOW, expect: BAD_SIGNATURE,
                                                                sdk: await sdkVerify(bad, sig) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(body, sig, oldSecret) });
      const upper = 'sha256=' + sig.slice(7).toUpperCase();
      checkVerify(P, `sdk-signed ${name} uppercase-hex invalid`, { rec: withHeader(rec, 'X-Hub-Signature-256', upper), secrets: [secret], now: NOW,
                                                                    expect: BAD_SIGNATURE, sdk: await sdkVerify(body, upper) });
      checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [secret], now: NOW, family: ['github'] });
      first = false;
    }
  }
  // Rotation: one signature, the receiver tries several secrets (verifyWithFallback).
  {
    const body = bodies['json-unicode'];
    const sig = await sign(oldSecret, body);
    const rec = makeRecord({ target: '/hooks/github', headers: headersFor(sig), body, at: T });
    checkVerify(P, 'rotation old-signature several --secret valid', { rec, secrets: [secret, oldSecret], now: NOW, expect: VALID,
      sdk: await sdkTry(() => verifyWithFallback(secret, body, sig, [oldSecret]), 'verifyWithFallback(current, ..., [old]) returned true') });
    checkVerify(P, 'rotation old-signature current --secret only invalid', { rec, secrets: [secret], now: NOW, expect: BAD_SIGNATURE,
      sdk: await sdkTry(() => verifyWithFallback(secret, body, sig, []), '') });
  }
  // (b)
  {
    const body = bodies['json-unicode'];
    const unsigned = makeRecord({ target: '/hooks/github', headers: headersFor('x').filter(([n]) => n !== 'X-Hub-Signature-256'), body, at: NOW });
    const verifyOut = (out) => sdkVerify(recordBody(out), header(out, 'X-Hub-Signature-256'));
    await checkSign(P, 'new-header', { rec: unsigned, secret, now: NOW, signatureHeaders: ['X-Hub-Signature-256'], sdkVerify: verifyOut });
    const stale = makeRecord({ target: '/hooks/github', headers: headersFor('sha256=' + 'ab'.repeat(32)), body: bodies['form-urlencoded'], at: NOW });
    await checkSign(P, 'replace-header form-body', { rec: withHeader(stale, 'Content-Type', 'application/x-www-form-urlencoded'), secret, now: NOW,
                                                     signatureHeaders: ['X-Hub-Signature-256'], sdkVerify: verifyOut });
  }
}

// ----- Standard Webhooks / Svix / Clerk / Resend / GitLab signing tokens ---------------------------------------
async function standardWebhooksChecks() {
  const P = 'standard-webhooks';
  const { Webhook } = loadCjs('standardwebhooks');
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const oldSecret = 'whsec_' + Buffer.from('an older standard webhooks key!!').toString('base64');
  const sdkVerify = (rec, s = secret) => sdkTry(() => new Webhook(s).verify(recordBody(rec), headerObject(rec)), 'Webhook.verify() returned the payload');
  const headersFor = (id, ts, sig) => [['User-Agent', 'Svix-Webhooks/1.60.0'], ['Content-Type', 'application/json'],
                                       ['webhook-id', id], ['webhook-timestamp', String(ts)], ['webhook-signature', sig]];
  // The spec's published vector (libraries/javascript/src/webhook.test.ts).
  {
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek', ts = 1614265330, body = '{"test": 2432232314}';
    const sig = new Webhook(secret).sign(id, new Date(ts * 1000), body);
    const published = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    const rec = makeRecord({ target: '/hooks/standard', headers: headersFor(id, ts, sig), body, at: ts });
    checkVerify(P, 'spec-vector valid', { rec, secrets: [secret], now: ts + 10, expect: VALID,
      sdk: sig === published ? accept(`Webhook.sign() reproduces the published ${published}`) : reject(`Webhook.sign() gave ${sig}, published ${published}`) });
  }
  const body = prettyJson({ type: 'invoice.paid', timestamp: isoMicro(T), data: { id: 'inv_01J', customer: UNICODE, amount: 1999, lines: [1, 2, 3] } }) + '\n';
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const sig = new Webhook(secret).sign(id, new Date(T * 1000), body);
  const rec = makeRecord({ target: '/hooks/standard?tenant=42', headers: headersFor(id, T, sig), body, at: T });
  checkVerify(P, 'sdk-signed pretty-unicode valid', { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(rec) });
  checkVerify(P, 'sdk-signed pretty-unicode from-stdin valid', { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(rec), stdin: true });
  const bad = withBody(rec, tamper(body));
  checkVerify(P, 'sdk-signed tampered-body invalid', { rec: bad, secrets: [secret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad) });
  const otherId = withHeader(rec, 'webhook-id', 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4X');
  checkVerify(P, 'sdk-signed changed-id invalid', { rec: otherId, secrets: [secret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(otherId) });
  checkVerify(P, 'sdk-signed wrong-secret invalid', { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldSecret) });
  checkAuto(P, 'sdk-signed pretty-unicode', { rec, secrets: [secret], now: NOW, family: ['standard-webhooks', 'svix', 'clerk', 'resend', 'gitlab'] });
  // Several signatures (rotation) and an unknown version entry.
  {
    const sigOld = new Webhook(oldSecret).sign(id, new Date(T * 1000), body);
    const multi = withHeader(rec, 'webhook-signature', `${sigOld} v2,bm90IGEgcmVhbCB2ZXJzaW9u ${sig}`);
    checkVerify(P, 'multi-signature current-secret valid', { rec: multi, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(multi) });
    checkVerify(P, 'multi-signature old-secret valid', { rec: multi, secrets: [oldSecret], now: NOW, expect: VALID, sdk: await sdkVerify(multi, oldSecret) });
    const single = withHeader(rec, 'webhook-signature', sigOld);
    const a = await sdkVerify(single), b = await sdkVerify(single, oldSecret);
    checkVerify(P, 'rotation several --secret valid', { rec: single, secrets: [secret, oldSecret], now: NOW, expect: VALID,
      sdk: { accepts: a.accepts || b.accepts, detail: `Webhook.verify with each secret: current ${a.accepts ? 'accepts' : 'rejects'}, old ${b.accepts ? 'accepts' : 'rejects'}` } });
  }
  // Freshness: the SDK rejects both directions (±300 s) at the real clock.
  {
    const tOld = NOW - 3600, tNew = NOW + 3600;
    const old = makeRecord({ target: '/hooks/standard', headers: headersFor(id, tOld, new Webhook(secret).sign(id, new Date(tOld * 1000), body)), body, at: tOld });
    checkVerify(P, 'signed-1h-ago too-old invalid', { rec: old, secrets: [secret], now: NOW, expect: TOO_OLD, sdk: await sdkVerify(old) });
    const fut = makeRecord({ target: '/hooks/standard', headers: headersFor(id, tNew, new Webhook(secret).sign(id, new Date(tNew * 1000), body)), body, at: NOW });
    checkVerify(P, 'signed-1h-ahead too-new invalid', { rec: fut, secrets: [secret], now: NOW, expect: TOO_NEW, sdk: await sdkVerify(fut) });
  }
  // (b)
  {
    const unsigned = makeRecord({ target: '/hooks/standard', headers: headersFor(id, T, 'x').slice(0, 2), body, at: NOW });
    const out = await checkSign(P, 'new-headers --id', { rec: unsigned, secret, now: NOW, id: 'msg_crosscheck_0001',
      signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'], sdkVerify: (o) => sdkVerify(o) });
    if (out) {
      if (header(out, 'webhook-id') === 'msg_crosscheck_0001') ok(P, 'new-headers --id kept the message id');
      else fail(P, 'new-headers --id kept the message id', [`webhook-id is ${header(out, 'webhook-id')}, expected msg_crosscheck_0001`]);
    }
    const stale = makeRecord({ target: '/hooks/standard', headers: headersFor('msg_old_delivery', NOW - 7200, 'v1,AAAA'), body, at: NOW - 7200 });
    await checkSign(P, 'replace-stale-headers', { rec: stale, secret, now: NOW,
      signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'], sdkVerify: (o) => sdkVerify(o) });
  }
  await standardWebhooksV1aChecks(headersFor);
}

// v1a (Ed25519): no npm package implements it (standardwebhooks is v1 only); node:crypto, as the spec's Go test does.
async function standardWebhooksV1aChecks(headersFor) {
  const P = 'standard-webhooks';
  const seedB64 = 'VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=';
  const priv = ed25519FromSeed(Buffer.from(seedB64, 'base64'));
  const pub = 'whpk_' + ed25519RawPublic(priv).toString('base64');
  const signV1a = (id, ts, body) => 'v1a,' + crypto.sign(null, Buffer.concat([Buffer.from(`${id}.${ts}.`), bytes(body)]), priv).toString('base64');
  const verifyV1a = (rec) => {
    const raw = Buffer.from(pub.slice(5), 'base64');
    const key = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
    const msg = Buffer.concat([Buffer.from(`${header(rec, 'webhook-id')}.${header(rec, 'webhook-timestamp')}.`), recordBody(rec)]);
    for (const entry of (header(rec, 'webhook-signature') || '').split(' ')) {
      const [v, s] = entry.split(',');
      if (v === 'v1a' && s && crypto.verify(null, msg, key, Buffer.from(s, 'base64'))) return accept('node:crypto Ed25519 verify (no npm SDK implements v1a)');
    }
    return reject('node:crypto Ed25519 verify failed');
  };
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek', ts = 1614265330, body = '{"test": 2432232314}';
  const sig = signV1a(id, ts, body);
  const published = 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==';
  if (sig !== published) fail(P, 'v1a spec-vector node:crypto sign', [`node:crypto gave ${sig}, the Go test says ${published}`]);
  const rec = makeRecord({ target: '/hooks/standard', headers: headersFor(id, ts, sig), body, at: ts });
  checkVerify(P, 'v1a spec-vector valid', { rec, secrets: [pub], now: ts + 10, expect: VALID, sdk: verifyV1a(rec) });
  const bad = withBody(rec, tamper(body));
  checkVerify(P, 'v1a spec-vector tampered-body invalid', { rec: bad, secrets: [pub], now: ts + 10, expect: BAD_SIGNATURE, sdk: verifyV1a(bad) });
  const b2 = prettyJson({ type: 'user.created', data: { name: UNICODE } }) + '\n';
  const mixed = makeRecord({ target: '/hooks/standard', headers: headersFor('msg_v1a_mixed', T, `v1,${'A'.repeat(43)}= ${signV1a('msg_v1a_mixed', T, b2)}`), body: b2, at: T });
  checkVerify(P, 'v1a mixed-with-v1 valid', { rec: mixed, secrets: [pub], now: NOW, expect: VALID, sdk: verifyV1a(mixed) });
  const unsigned = makeRecord({ target: '/hooks/standard', headers: headersFor('x', 0, 'x').slice(0, 2), body: b2, at: NOW });
  await checkSign(P, 'v1a whsk-seed', { rec: unsigned, secret: 'whsk_' + seedB64, now: NOW, id: 'msg_v1a_crosscheck',
    signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'], sdkVerify: async (o) => verifyV1a(o), verifySecrets: [pub] });
}

function ed25519FromSeed(seed) {
  return crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
}
function ed25519RawPublic(priv) {
  return crypto.createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(-32);
}

async function svixFamilyChecks() {
  const { Webhook } = loadCjs('svix');
  const secret = 'whsec_PJoffiuNTGoOXxstPEpeb3qLnA0eLzpL';
  const oldSecret = 'whsec_' + Buffer.from('previous svix endpoint secret!!!').toString('base64');
  const sdkVerify = (rec, s = secret) => sdkTry(() => new Webhook(s).verify(recordBody(rec), headerObject(rec)), 'svix Webhook.verify() returned the payload');
  const headersFor = (id, ts, sig) => [['User-Agent', 'Svix-Webhooks/1.60.0 (sender-Pj8hA; +https://www.svix.com/http-sender/)'],
    ['Content-Type', 'application/json'], ['svix-id', id], ['svix-timestamp', String(ts)], ['svix-signature', sig]];
  const payloads = {
    svix: { type: 'invoice.paid', data: { id: 'invoice_WF7WtCLFFtd8ubcTgboSFNql', status: 'paid', note: UNICODE } },
    clerk: { data: { id: 'user_29w83sxmDNGwOuEthce5gg56FcC', first_name: 'Zoë', last_name: 'Ångström', email_addresses: [{ email_address: 'zoe@example.org' }],
                     object: 'user', public_metadata: { bio: UNICODE } }, object: 'event', type: 'user.created', timestamp: T * 1000,
             instance_id: 'ins_2abcCrossCheck' },
    resend: { type: 'email.delivered', created_at: isoMicro(T), data: { email_id: '56761188-7520-42d8-8898-ff6fc54ce618', from: 'Acme <onboarding@resend.dev>',
              to: ['delivered@resend.dev'], subject: `Bestellbestätigung ✓ ${UNICODE}` } },
  };
  for (const [P, payload] of Object.entries(payloads)) {
    if (!wanted(P)) continue;
    const bodies = { compact: JSON.stringify(payload), 'pretty-trailing-newline': prettyJson(payload) + '\n' };
    let first = true;
    for (const [name, body] of Object.entries(bodies)) {
      const id = `msg_${P}_${name.replace(/-/g, '')}_2Lq8y1aX`;
      const sig = new Webhook(secret).sign(id, new Date(T * 1000), body);
      const rec = makeRecord({ target: `/hooks/${P}`, headers: headersFor(id, T, sig), body, at: T });
      checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(rec) });
      const bad = withBody(rec, tamper(body));
      checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [secret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad) });
      if (first) {
        checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldSecret) });
        checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [secret], now: NOW, family: ['svix', 'clerk', 'resend', 'standard-webhooks'] });
        const sigOld = new Webhook(oldSecret).sign(id, new Date(T * 1000), body);
        const multi = withHeader(rec, 'svix-signature', `${sigOld} ${sig}`);
        checkVerify(P, 'multi-signature valid', { rec: multi, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(multi) });
        const tOld = NOW - 600;
        const old = makeRecord({ target: `/hooks/${P}`, headers: headersFor(id, tOld, new Webhook(secret).sign(id, new Date(tOld * 1000), body)), body, at: tOld });
        checkVerify(P, 'signed-10min-ago too-old invalid', { rec: old, secrets: [secret], now: NOW, expect: TOO_OLD, sdk: await sdkVerify(old) });
        first = false;
      }
    }
    const body = bodies.compact;
    const unsigned = makeRecord({ target: `/hooks/${P}`, headers: headersFor('x', 0, 'x').slice(0, 2), body, at: NOW });
    const out = await checkSign(P, 'new-headers --id', { rec: unsigned, secret, now: NOW, id: `msg_${P}_hookscope_0001`,
      signatureHeaders: ['svix-id', 'svix-timestamp', 'svix-signature'], sdkVerify: (o) => sdkVerify(o) });
    if (out) {
      if (header(out, 'svix-id') === `msg_${P}_hookscope_0001`) ok(P, 'new-headers --id kept the message id');
      else fail(P, 'new-headers --id kept the message id', [`svix-id is ${header(out, 'svix-id')}, expected msg_${P}_hookscope_0001`]);
    }
  }
  // GitLab signing tokens (GitLab 19): Standard Webhooks v1 with a whsec_ token of 32 bytes; GitLab's own test
  // server verifies with the standardwebhooks npm package.
  if (wanted('gitlab')) {
    const P = 'gitlab';
    const { Webhook: StdWebhook } = loadCjs('standardwebhooks');
    const token = 'whsec_' + Buffer.from('gitlab signing token, 32 bytes!!').toString('base64');
    const body = JSON.stringify({ object_kind: 'push', event_name: 'push', ref: 'refs/heads/main', user_name: 'Zoë Ångström',
                                  commits: [{ id: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327', message: `${UNICODE}\n` }] });
    const id = '1f0c3b42-7d3a-4c44-9e9e-4fb0a1a4c8d1';
    const sig = new StdWebhook(token).sign(id, new Date(T * 1000), body);
    const headers = [['Content-Type', 'application/json'], ['User-Agent', 'GitLab/19.0.0'], ['X-Gitlab-Event', 'Push Hook'],
      ['X-Gitlab-Webhook-UUID', '6fb37d1b-6a79-4bbd-a4a5-3c6e1f4c70a2'], ['X-Gitlab-Instance', 'https://gitlab.example.com'],
      ['X-Gitlab-Event-UUID', id], ['Idempotency-Key', id], ['webhook-id', id], ['webhook-timestamp', String(T)], ['webhook-signature', sig]];
    const rec = makeRecord({ target: '/hooks/gitlab', headers, body, at: T });
    const v = (r) => sdkTry(() => new StdWebhook(token).verify(recordBody(r), headerObject(r)), 'standardwebhooks Webhook.verify() returned the payload');
    checkVerify(P, 'signing-token sdk-signed valid', { rec, secrets: [token], now: NOW, expect: VALID, sdk: await v(rec) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, 'signing-token sdk-signed tampered-body invalid', { rec: bad, secrets: [token], now: NOW, expect: BAD_SIGNATURE, sdk: await v(bad) });
  }
}

// ----- Shopify --------------------------------------------------------------------------------------------------
async function shopifyChecks() {
  const P = 'shopify';
  await import('@shopify/shopify-api/adapters/node');
  const { shopifyApi, ApiVersion, LogSeverity } = await import('@shopify/shopify-api');
  const apps = new Map();
  const app = (s) => {
    if (!apps.has(s)) {
      apps.set(s, shopifyApi({ apiKey: 'crosscheck-api-key', apiSecretKey: s, scopes: ['read_orders'], hostName: HOST,
        apiVersion: ApiVersion.January26 || Object.values(ApiVersion)[0], isEmbeddedApp: false,
        logger: { level: LogSeverity.Error, log: async () => {} } }));
    }
    return apps.get(s);
  };
  const secret = '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';
  const oldSecret = 'shpss_00000000000000000000000000000000';
  // test-helpers/get-hmac.ts in the SDK: createHmac('sha256', secret).update(body, 'utf8').digest('base64')
  const hmac = (body, s = secret) => crypto.createHmac('sha256', s).update(bytes(body)).digest('base64');
  const sdkVerify = (rec, s = secret) => sdkTry(async () => {
    const r = await app(s).webhooks.validate({ rawBody: recordBody(rec).toString('utf8'),
      rawRequest: { headers: headerObject(rec), method: rec.method, url: rec.target }, rawResponse: {} });
    if (!r.valid) throw new Error(`validate() returned ${JSON.stringify(r)}`);
    return true;
  }, 'webhooks.validate() returned valid');
  const classic = (h) => [['Content-Type', 'application/json'], ['User-Agent', 'Shopify-Captain-Hook'], ['X-Shopify-Topic', 'orders/create'],
    ['X-Shopify-Shop-Domain', 'crosscheck.myshopify.com'], ['X-Shopify-API-Version', '2026-01'], ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
    ['X-Shopify-Triggered-At', '2026-01-01T12:00:00.000000000Z'], ['X-Shopify-Event-Id', '98880550-7158-44d4-b7cd-2c97c8a091b5'],
    ['X-Shopify-Hmac-Sha256', h]];
  const events = (h) => [['Content-Type', 'application/json'], ['shopify-topic', 'orders/create'], ['shopify-shop-domain', 'crosscheck.myshopify.com'],
    ['shopify-api-version', '2026-01'], ['shopify-webhook-id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'], ['shopify-event-id', '98880550-7158-44d4-b7cd-2c97c8a091b5'],
    ['shopify-handle', 'orders-create'], ['shopify-action', 'create'], ['shopify-hmac-sha256', h]];
  const order = { id: 820982911946154500, email: 'jon@example.com', note: UNICODE, total_price: '199.65', currency: 'EUR',
                  customer: { first_name: 'Zoë', last_name: 'Ñúñez' }, line_items: [{ title: 'Café ☕ mug', quantity: 1 }] };
  const cases = { 'json-unicode': [JSON.stringify(order), classic], 'pretty-trailing-newline': [prettyJson(order) + '\n', classic],
                  'events-style-headers': [JSON.stringify(order), events] };
  let first = true;
  for (const [name, [body, hf]] of Object.entries(cases)) {
    const rec = makeRecord({ target: '/hooks/shopify/orders', headers: hf(hmac(body)), body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(rec) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [secret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldSecret) });
      const a = await sdkVerify(rec, oldSecret), b = await sdkVerify(rec, secret);
      checkVerify(P, 'rotation several --secret valid', { rec, secrets: [oldSecret, secret], now: NOW, expect: VALID,
        sdk: { accepts: a.accepts || b.accepts, detail: `validate() with each secret: old ${a.accepts ? 'accepts' : 'rejects'}, current ${b.accepts ? 'accepts' : 'rejects'}` } });
      checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [secret], now: NOW, family: ['shopify'] });
      first = false;
    }
  }
  for (const [name, hf] of [['classic-headers', classic], ['events-style-headers', events]]) {
    const body = JSON.stringify(order);
    const unsigned = makeRecord({ target: '/hooks/shopify/orders', headers: hf('x').slice(0, -1), body, at: NOW });
    const hname = hf('x').at(-1)[0];
    await checkSign(P, name, { rec: unsigned, secret, now: NOW, signatureHeaders: [hname], sdkVerify: (o) => sdkVerify(o) });
  }
}

// ----- Twilio ---------------------------------------------------------------------------------------------------
async function twilioChecks() {
  const P = 'twilio';
  const twilio = loadCjs('twilio');
  const formParams = (rec) => querystring.parse(recordBody(rec).toString('utf8'));
  const algorithmOf = (rec) => twilio.getSignatureAlgorithm(header(rec, 'X-Twilio-Webhooks-Signature-Settings'));
  const sdkForm = (rec, token, url) => sdkTry(() => twilio.validateRequest(token, header(rec, 'X-Twilio-Signature') || '', url, formParams(rec), algorithmOf(rec)),
                                            'validateRequest() returned true');
  const sdkBody = (rec, token, url) => sdkTry(() => twilio.validateRequestWithBody(token, header(rec, 'X-Twilio-Signature') || '', url,
                                                                                  recordBody(rec).toString('utf8'), algorithmOf(rec)),
                                            'validateRequestWithBody() returned true');
  const form = (params) => new URLSearchParams(params).toString();
  const headersFor = (sig, ct = 'application/x-www-form-urlencoded') => [['Content-Type', ct], ['User-Agent', 'TwilioProxy/1.1'],
    ['Accept', '*/*'], ['I-Twilio-Idempotency-Token', '7d5dcd5b-0c8c-4e65-9d8f-8a6c1b3a0e41'], ['X-Home-Region', 'us1'], ['X-Twilio-Signature', sig]];
  const split = (url) => { const u = new URL(url); return { host: u.host, target: u.pathname + u.search }; };

  // The SDK's own vector (spec/validation.spec.js).
  {
    const token = '12345', url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    const sig = twilio.getExpectedTwilioSignature(token, url, params);
    if (sig !== 'RSOYDt4T1cUTdK1PDd93/VVr8B8=') fail(P, 'sdk-vector sign', [`getExpectedTwilioSignature gave ${sig}`]);
    const rec = makeRecord({ ...split(url), headers: headersFor(sig), body: form(params), at: T });
    checkVerify(P, 'sdk-vector form valid', { rec, secrets: [token], now: NOW, url, expect: VALID, sdk: await sdkForm(rec, token, url) });
    checkAuto(P, 'sdk-vector form', { rec, secrets: [token], now: NOW, url, family: ['twilio'] });
    const jbody = '{"property": "value", "boolean": true}';
    const jurl = `${url}&bodySHA256=${crypto.createHash('sha256').update(jbody).digest('hex')}`;
    const jsig = twilio.getExpectedTwilioSignature(token, jurl, {});
    if (jsig !== 'a9nBmqA0ju/hNViExpshrM61xv4=') fail(P, 'sdk-vector bodySHA256 sign', [`getExpectedTwilioSignature gave ${jsig}`]);
    const jrec = makeRecord({ ...split(jurl), headers: headersFor(jsig, 'application/json'), body: jbody, at: T });
    checkVerify(P, 'sdk-vector json-bodySHA256 valid', { rec: jrec, secrets: [token], now: NOW, url: jurl, expect: VALID, sdk: await sdkBody(jrec, token, jurl) });
    const jbad = withBody(jrec, tamper(jbody));
    checkVerify(P, 'sdk-vector json-bodySHA256 tampered-body invalid', { rec: jbad, secrets: [token], now: NOW, url: jurl, expect: BAD_SIGNATURE,
                                                                       sdk: await sdkBody(jbad, token, jurl) });
  }
  const token = '9f2c1b7e4d3a8c6b5e0f1a2d3c4b5a69';
  const oldToken = '00112233445566778899aabbccddeeff';
  const url = `https://${HOST}/twilio/sms?tenant=acme&lang=de`;
  const sms = { ToCountry: 'DE', ToState: '', SmsMessageSid: 'SM1f0e3c5b7a9d2e4f6a8b0c1d3e5f7a9b', NumMedia: '0', ToCity: '', FromZip: '',
                SmsSid: 'SM1f0e3c5b7a9d2e4f6a8b0c1d3e5f7a9b', FromState: '', SmsStatus: 'received', FromCity: 'Köln', Body: `Hallo! ${UNICODE} & a+b=c 100%`,
                FromCountry: 'DE', To: '+4915112345678', ToZip: '', NumSegments: '2', MessageSid: 'SM1f0e3c5b7a9d2e4f6a8b0c1d3e5f7a9b',
                AccountSid: 'AC0123456789abcdef0123456789abcdef', From: '+4922112345678', ApiVersion: '2010-04-01' };
  {
    const body = form(sms);
    const sig = twilio.getExpectedTwilioSignature(token, url, querystring.parse(body));
    const rec = makeRecord({ ...split(url), headers: headersFor(sig), body, at: T });
    checkVerify(P, 'sdk-signed sms-form-unicode valid', { rec, secrets: [token], now: NOW, url, expect: VALID, sdk: await sdkForm(rec, token, url) });
    const bad = withBody(rec, form({ ...sms, Body: sms.Body.replace('Hallo', 'Hullo') }));
    checkVerify(P, 'sdk-signed sms-form changed-param invalid', { rec: bad, secrets: [token], now: NOW, url, expect: BAD_SIGNATURE, sdk: await sdkForm(bad, token, url) });
    const origin = new URL(url).origin;
    checkVerify(P, 'sdk-signed sms-form --url origin-only valid', { rec, secrets: [token], now: NOW, url: origin, expect: VALID,
      sdk: await sdkForm(rec, token, url), note: `hookscope completes ${origin} with the request target; validateRequest() given the full URL accepts` });
    const httpUrl = url.replace('https://', 'http://');
    checkVerify(P, 'sdk-signed sms-form http-instead-of-https invalid', { rec, secrets: [token], now: NOW, url: httpUrl, expect: BAD_SIGNATURE,
                                                                       sdk: await sdkForm(rec, token, httpUrl) });
    checkVerify(P, 'sdk-signed sms-form wrong-token invalid', { rec, secrets: [oldToken], now: NOW, url, expect: BAD_SIGNATURE, sdk: await sdkForm(rec, oldToken, url) });
    const a = await sdkForm(rec, oldToken, url), b = await sdkForm(rec, token, url);
    checkVerify(P, 'rotation several --secret valid', { rec, secrets: [oldToken, token], now: NOW, url, expect: VALID,
      sdk: { accepts: a.accepts || b.accepts, detail: `validateRequest with each token: old ${a.accepts ? 'accepts' : 'rejects'}, current ${b.accepts ? 'accepts' : 'rejects'}` } });
    // Same parameters, percent-encoded differently (%20 instead of +): the signature covers decoded values.
    const pct = withBody(rec, body.replace(/\+/g, '%20'));
    checkVerify(P, 'sdk-signed sms-form %20-instead-of-plus valid', { rec: pct, secrets: [token], now: NOW, url, expect: VALID, sdk: await sdkForm(pct, token, url) });
  }
  // Repeated parameter names.
  {
    const body = 'MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx&MessagingBinding.Type=sms&Identity=z%C3%B6e';
    const sig = twilio.getExpectedTwilioSignature(token, url, querystring.parse(body));
    const rec = makeRecord({ ...split(url), headers: headersFor(sig), body, at: T });
    checkVerify(P, 'sdk-signed repeated-params valid', { rec, secrets: [token], now: NOW, url, expect: VALID, sdk: await sdkForm(rec, token, url) });
  }
  // JSON body with bodySHA256.
  const jsonBody = prettyJson({ event: 'com.twilio.messaging.inbound-message.received', data: { body: UNICODE } }) + '\n';
  const jsonUrl = `https://${HOST}/twilio/events?bodySHA256=${crypto.createHash('sha256').update(jsonBody).digest('hex')}`;
  {
    const sig = twilio.getExpectedTwilioSignature(token, jsonUrl, {});
    const rec = makeRecord({ ...split(jsonUrl), headers: headersFor(sig, 'application/json'), body: jsonBody, at: T });
    checkVerify(P, 'sdk-signed json-bodySHA256 valid', { rec, secrets: [token], now: NOW, url: jsonUrl, expect: VALID, sdk: await sdkBody(rec, token, jsonUrl) });
    const bad = withBody(rec, tamper(jsonBody));
    checkVerify(P, 'sdk-signed json-bodySHA256 tampered-body invalid', { rec: bad, secrets: [token], now: NOW, url: jsonUrl, expect: BAD_SIGNATURE,
                                                                       sdk: await sdkBody(bad, token, jsonUrl) });
  }
  // SharedKey webhooks: HMAC-SHA256, announced by X-Twilio-Webhooks-Signature-Settings (twilio-node >= 6.3).
  const settings = 'key=webhooks_sharedkey_0123456789abcdef,algorithm=HMAC_SHA256';
  {
    const body = form(sms);
    const sig = twilio.getExpectedTwilioSignature(token, url, querystring.parse(body), 'HMAC_SHA256');
    const rec = makeRecord({ ...split(url), headers: [...headersFor(sig), ['X-Twilio-Webhooks-Signature-Settings', settings]], body, at: T });
    checkVerify(P, 'sdk-signed sharedkey-hmac-sha256 valid', { rec, secrets: [token], now: NOW, url, expect: VALID, sdk: await sdkForm(rec, token, url) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, 'sdk-signed sharedkey-hmac-sha256 tampered-body invalid', { rec: bad, secrets: [token], now: NOW, url, expect: BAD_SIGNATURE,
                                                                             sdk: await sdkForm(bad, token, url) });
  }
  // (b)
  {
    const unsigned = makeRecord({ ...split(url), headers: headersFor('x').slice(0, -1), body: form(sms), at: NOW });
    await checkSign(P, 'sms-form', { rec: unsigned, secret: token, now: NOW, url, signatureHeaders: ['X-Twilio-Signature'],
                                     sdkVerify: (o) => sdkForm(o, token, url) });
    const junsigned = makeRecord({ ...split(jsonUrl), headers: headersFor('x', 'application/json').slice(0, -1), body: jsonBody, at: NOW });
    await checkSign(P, 'json-bodySHA256', { rec: junsigned, secret: token, now: NOW, url: jsonUrl, signatureHeaders: ['X-Twilio-Signature'],
                                            sdkVerify: (o) => sdkBody(o, token, jsonUrl) });
    const sk = makeRecord({ ...split(url), headers: [...headersFor('stale').slice(0, -1), ['X-Twilio-Webhooks-Signature-Settings', settings], ['X-Twilio-Signature', 'c3RhbGU=']],
                            body: form(sms), at: NOW });
    await checkSign(P, 'sharedkey-settings-header', { rec: sk, secret: token, now: NOW, url, signatureHeaders: ['X-Twilio-Signature'],
                                                      sdkVerify: (o) => sdkForm(o, token, url) });
  }
}

// ----- Square ---------------------------------------------------------------------------------------------------
async function squareChecks() {
  const P = 'square';
  const { WebhooksHelper } = loadCjs('square');
  const sdkVerify = (rec, key, url) => sdkTry(() => WebhooksHelper.verifySignature({ requestBody: recordBody(rec).toString('utf8'),
    signatureHeader: header(rec, 'x-square-hmacsha256-signature') || '', signatureKey: key, notificationUrl: url }), 'WebhooksHelper.verifySignature() returned true');
  const headersFor = (sig) => [['Content-Type', 'application/json'], ['User-Agent', 'Square Connect v2'], ['Square-Environment', 'Production'],
    ['Square-Initial-Delivery-Timestamp', '2026-01-01T12:00:00.123456789Z'], ['Square-Retry-Number', '0'], ['x-square-hmacsha256-signature', sig]];
  const split = (url) => { const u = new URL(url); return { host: u.host, target: u.pathname + u.search }; };
  // The SDK's vector (tests/integration/webhooks.test.ts).
  {
    const key = 'Ibxx_5AKakO-3qeNVR61Dw', url = 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9';
    const body = '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}';
    const rec = makeRecord({ ...split(url), headers: headersFor('GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4='), body, at: T });
    checkVerify(P, 'sdk-vector valid', { rec, secrets: [key], now: NOW, url, expect: VALID, sdk: await sdkVerify(rec, key, url) });
    const other = 'https://webhook.site/webhooks';
    checkVerify(P, 'sdk-vector other-url invalid', { rec, secrets: [key], now: NOW, url: other, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, key, other) });
    checkAuto(P, 'sdk-vector', { rec, secrets: [key], now: NOW, url, family: ['square'] });
  }
  const key = 'sq0wbk-Xy8_Vb2mQr7LpZ1a9N3cD5e';
  const oldKey = 'sq0wbk-old_signature_key_1234';
  const url = `https://${HOST}/square/webhooks?env=prod`;
  // createHmacOverride in the SDK: createHmac('sha256', key).update(url + body, 'utf8').digest('base64')
  const sign = (body, k = key, u = url) => crypto.createHmac('sha256', k).update(Buffer.concat([Buffer.from(u), bytes(body)])).digest('base64');
  const payment = { merchant_id: '6SSW7HV8K2ST5', type: 'payment.updated', event_id: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc', created_at: '2026-01-01T12:00:00.000Z',
                    data: { type: 'payment', id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY', object: { payment: { note: UNICODE, amount_money: { amount: 1999, currency: 'EUR' } } } } };
  const bodies = { 'json-unicode': JSON.stringify(payment), 'escaped-chars': '{"data":{"type":"webhooks","id":">id< \\u00e9 & \\"q\\""}}',
                   'pretty-trailing-newline': prettyJson(payment) + '\n' };
  let first = true;
  for (const [name, body] of Object.entries(bodies)) {
    const rec = makeRecord({ ...split(url), headers: headersFor(sign(body)), body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [key], now: NOW, url, expect: VALID, sdk: await sdkVerify(rec, key, url) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [key], now: NOW, url, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad, key, url) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-key invalid`, { rec, secrets: [oldKey], now: NOW, url, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldKey, url) });
      const a = await sdkVerify(rec, oldKey, url), b = await sdkVerify(rec, key, url);
      checkVerify(P, 'rotation several --secret valid', { rec, secrets: [oldKey, key], now: NOW, url, expect: VALID,
        sdk: { accepts: a.accepts || b.accepts, detail: `verifySignature with each key: old ${a.accepts ? 'accepts' : 'rejects'}, current ${b.accepts ? 'accepts' : 'rejects'}` } });
      const noQuery = url.replace(/\?.*$/, '');
      checkVerify(P, `sdk-signed ${name} url-without-query invalid`, { rec, secrets: [key], now: NOW, url: noQuery, expect: BAD_SIGNATURE,
                                                                      sdk: await sdkVerify(rec, key, noQuery) });
      first = false;
    }
  }
  const unsigned = makeRecord({ ...split(url), headers: headersFor('x').slice(0, -1), body: bodies['json-unicode'], at: NOW });
  await checkSign(P, 'new-header', { rec: unsigned, secret: key, now: NOW, url, signatureHeaders: ['x-square-hmacsha256-signature'],
                                     sdkVerify: (o) => sdkVerify(o, key, url) });
}

// ----- Discord --------------------------------------------------------------------------------------------------
async function discordChecks() {
  const P = 'discord';
  const { verifyKey } = loadCjs('discord-interactions');
  // RFC 8032 section 7.1 TEST 1.
  const seedHex = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const priv = ed25519FromSeed(Buffer.from(seedHex, 'hex'));
  const pub = ed25519RawPublic(priv).toString('hex');
  if (pub !== 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') fail(P, 'rfc8032 key', [`public key ${pub}`]);
  const otherPub = ed25519RawPublic(ed25519FromSeed(Buffer.alloc(32, 7))).toString('hex');
  const sign = (ts, body) => crypto.sign(null, Buffer.concat([Buffer.from(String(ts)), bytes(body)]), priv).toString('hex');
  const sdkVerify = (rec, key = pub) => sdkTry(() => verifyKey(recordBody(rec), header(rec, 'X-Signature-Ed25519') || '', header(rec, 'X-Signature-Timestamp') || '', key),
                                              'verifyKey() returned true');
  const headersFor = (sig, ts) => [['User-Agent', 'Discord-Interactions/1.0 (+https://discord.com)'], ['Content-Type', 'application/json'],
                                   ['X-Signature-Ed25519', sig], ['X-Signature-Timestamp', String(ts)]];
  const bodies = {
    ping: '{"application_id":"1234567890123456789","id":"1250000000000000001","token":"aW50ZXJhY3Rpb246MTI1MDAwMDAwMDAwMDAwMDAwMQ","type":1,"user":{"id":"53908232506183680","username":"mason"},"version":1}',
    'command-unicode': JSON.stringify({ type: 2, id: '1250000000000000002', data: { name: 'greet', options: [{ name: 'text', type: 3, value: UNICODE }] },
                                        member: { user: { global_name: 'Zoë 🎮' } }, version: 1 }),
  };
  let first = true;
  for (const [name, body] of Object.entries(bodies)) {
    const rec = makeRecord({ target: '/interactions', headers: headersFor(sign(T, body), T), body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [pub], now: NOW, expect: VALID, sdk: await sdkVerify(rec) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [pub], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad) });
    if (first) {
      const swapped = withHeader(rec, 'X-Signature-Timestamp', String(T + 1));
      checkVerify(P, `sdk-signed ${name} other-timestamp invalid`, { rec: swapped, secrets: [pub], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(swapped) });
      checkVerify(P, `sdk-signed ${name} wrong-public-key invalid`, { rec, secrets: [otherPub], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, otherPub) });
      checkVerify(P, 'several public keys valid', { rec, secrets: [otherPub, pub], now: NOW, expect: VALID, sdk: await sdkVerify(rec) });
      checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [pub], now: NOW, family: ['discord'] });
      first = false;
    }
  }
  const unsigned = makeRecord({ target: '/interactions', headers: headersFor('x', 0).slice(0, 2), body: bodies['command-unicode'], at: NOW });
  await checkSign(P, 'seed-hex', { rec: unsigned, secret: seedHex, now: NOW, signatureHeaders: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
                                   sdkVerify: (o) => sdkVerify(o), verifySecrets: [pub] });
}

// ----- SendGrid -------------------------------------------------------------------------------------------------
async function sendgridChecks() {
  const P = 'sendgrid';
  const { EventWebhook, EventWebhookHeader } = loadCjs('@sendgrid/eventwebhook');
  const ew = new EventWebhook();
  const SIG = EventWebhookHeader.SIGNATURE(), TS = EventWebhookHeader.TIMESTAMP();
  const sdkVerify = (rec, key) => sdkTry(() => ew.verifySignature(ew.convertPublicKeyToECDSA(key), recordBody(rec), header(rec, SIG) || '', header(rec, TS) || ''),
                                         'EventWebhook.verifySignature() returned true');
  const headersFor = (sig, ts) => [['Content-Type', 'application/json'], ['User-Agent', 'SendGrid Event API'], [SIG, sig], [TS, String(ts)]];
  // The SDK's vector (eventwebhook.spec.js).
  {
    const key = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==';
    const sig = 'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=';
    const body = '[{"email":"hello@world.com","event":"dropped","reason":"Bounced Address","sg_event_id":"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA","sg_message_id":"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0","smtp-id":"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>","timestamp":1600112492}]\r\n';
    const rec = makeRecord({ target: '/hooks/sendgrid', headers: headersFor(sig, 1600112502), body, at: T });
    checkVerify(P, 'sdk-vector valid', { rec, secrets: [key], now: NOW, expect: VALID, sdk: await sdkVerify(rec, key) });
    const stripped = withBody(rec, body.trimEnd());
    checkVerify(P, 'sdk-vector crlf-stripped invalid', { rec: stripped, secrets: [key], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(stripped, key) });
  }
  // A key of our own; signed with node:crypto (ECDSA P-256, SHA-256, DER) — the SDK has no signer.
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const other = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const sign = (ts, body) => crypto.sign('sha256', Buffer.concat([Buffer.from(String(ts)), bytes(body)]), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  const evts = [{ email: 'zoë@example.com', timestamp: T - 5, event: 'processed', 'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>', sg_event_id: 'sg_event_id_1', category: ['café ☕'] },
                { email: 'zoë@example.com', timestamp: T - 3, event: 'bounce', reason: UNICODE, status: '5.0.0', sg_event_id: 'sg_event_id_2' }];
  const body = JSON.stringify(evts).split('},{').join('},\r\n{') + '\r\n';
  const rec = makeRecord({ target: '/hooks/sendgrid', headers: headersFor(sign(T, body), T), body, at: T });
  checkVerify(P, 'sdk-keyed multi-event-crlf-unicode valid', { rec, secrets: [pub], now: NOW, expect: VALID, sdk: await sdkVerify(rec, pub) });
  const bad = withBody(rec, tamper(body));
  checkVerify(P, 'sdk-keyed tampered-body invalid', { rec: bad, secrets: [pub], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad, pub) });
  const ts2 = withHeader(rec, TS, String(T + 1));
  checkVerify(P, 'sdk-keyed other-timestamp invalid', { rec: ts2, secrets: [pub], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(ts2, pub) });
  checkVerify(P, 'sdk-keyed wrong-key invalid', { rec, secrets: [other], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, other) });
  checkVerify(P, 'several keys valid', { rec, secrets: [other, pub], now: NOW, expect: VALID, sdk: await sdkVerify(rec, pub) });
  checkAuto(P, 'sdk-keyed multi-event', { rec, secrets: [pub], now: NOW, family: ['sendgrid'] });
  // (b): the contract names no private-key format for sendgrid signing; try PKCS#8 (base64 DER, then PEM).
  const unsigned = makeRecord({ target: '/hooks/sendgrid', headers: headersFor('x', 0).slice(0, 2), body, at: NOW });
  const file = writeRecord(unsigned, 'sendgrid-probe-unsigned');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  let secret = null, probe;
  for (const candidate of [der, pem]) {
    probe = hsSign({ provider: P, secret: candidate, now: NOW, file });
    if (probe.status === 0) { secret = candidate; break; }
  }
  if (!secret) {
    skip(P, 'hookscope-signed', `hookscope-cli sign --provider sendgrid refused a P-256 private key both as base64 PKCS#8 and as PEM ` +
         `(exit ${probe.status}: ${probe.stderr.trim().split('\n')[0] || probe.stdout.trim().split('\n')[0]}); ` +
         'the CLI contract defines signing keys only for discord and standard-webhooks v1a');
    return;
  }
  await checkSign(P, secret === der ? 'pkcs8-der-base64' : 'pkcs8-pem', { rec: unsigned, secret, now: NOW, signatureHeaders: [SIG, TS],
                                                                          sdkVerify: (o) => sdkVerify(o, pub), verifySecrets: [pub] });
}

// ----- Paddle ---------------------------------------------------------------------------------------------------
async function paddleChecks() {
  const P = 'paddle';
  const { Paddle } = await import('@paddle/paddle-node-sdk');
  const paddle = new Paddle('pdl_sdbx_apikey_crosscheck_not_a_real_key');
  const secret = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9ixt5jBDmaOCV7PFjw3nTS';
  const oldSecret = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_oldOldOldOldOldOldOldOldOldOld';
  // The SDK has no signer; its tests use createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex').
  const h1 = (ts, body, s = secret) => crypto.createHmac('sha256', s).update(Buffer.concat([Buffer.from(`${ts}:`), bytes(body)])).digest('hex');
  // The SDK checks the timestamp against the real clock (5 s window), so these requests are signed "now".
  const sdkVerify = (rec, s = secret) => sdkTry(() => paddle.webhooks.isSignatureValid(recordBody(rec).toString('utf8'), s, header(rec, 'Paddle-Signature') || ''),
                                              'webhooks.isSignatureValid() returned true');
  const sdkUnmarshal = (rec, s = secret) => sdkTry(async () => (await paddle.webhooks.unmarshal(recordBody(rec).toString('utf8'), s, header(rec, 'Paddle-Signature') || '')).eventType,
                                                  'webhooks.unmarshal() returned the event');
  const headersFor = (sig) => [['Content-Type', 'application/json'], ['User-Agent', 'Paddle'], ['Paddle-Version', '1'], ['Paddle-Signature', sig]];
  // The SDK's vector (webhooks-validator.node.test.ts); the SDK itself can only check it at its own time.
  {
    const body = '{"data": ["1", "2"]}', sig = 'ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9';
    const rec = makeRecord({ target: '/hooks/paddle', headers: headersFor(sig), body, at: 1698796800 });
    const same = h1(1698796800, body, 'VALID_SECRET') === sig.split('h1=')[1];
    checkVerify(P, 'sdk-vector at-ts+5 valid', { rec, secrets: ['VALID_SECRET'], now: 1698796805, expect: VALID,
      sdk: same ? accept('the SDK test vector, reproduced with node:crypto') : reject('node:crypto does not reproduce the SDK vector') });
    checkVerify(P, 'sdk-vector at-ts+6 too-old invalid', { rec, secrets: ['VALID_SECRET'], now: 1698796806, expect: TOO_OLD,
      sdk: reject('the SDK test expects "invalid" 6 s after ts (MAX_VALID_TIME_DIFFERENCE = 5)') });
    const ws = withBody(rec, '{ "data": [ "1", "2" ]}');
    checkVerify(P, 'sdk-vector whitespace-changed invalid', { rec: ws, secrets: ['VALID_SECRET'], now: 1698796800, expect: BAD_SIGNATURE,
      sdk: reject('the SDK test expects "invalid" for the reformatted body') });
  }
  const event = { event_id: 'evt_01hv8x2acma2gz3he5mnkq2kx8', event_type: 'address.created', occurred_at: '2026-01-01T12:00:00.000000Z',
                  notification_id: 'ntf_01hv8x2af2ds6aq3jdr2x4ww4d',
                  data: { id: 'add_01hv8gq3318ktkfengj2r75gfx', status: 'active', first_line: 'Straße 1 — Wien ✓', city: 'Wien', country_code: 'AT',
                          customer_id: 'ctm_01hv6y1jedq4p1n0yqn5ba3ky4', created_at: '2026-01-01T12:00:00.000Z', updated_at: '2026-01-01T12:00:00.000Z',
                          custom_data: { note: UNICODE }, description: 'Head office', second_line: null, postal_code: '1010', region: null, import_meta: null } };
  const bodies = { compact: JSON.stringify(event), 'pretty-trailing-newline': prettyJson(event) + '\n' };
  let first = true;
  for (const [name, body] of Object.entries(bodies)) {
    const ts = Math.floor(Date.now() / 1000);
    const rec = makeRecord({ target: '/hooks/paddle', headers: headersFor(`ts=${ts};h1=${h1(ts, body)}`), body, at: ts });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: ts + 1, expect: VALID, sdk: await sdkUnmarshal(rec) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [secret], now: ts + 1, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: ts + 1, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldSecret) });
      checkAuto(P, `sdk-signed ${name}`, { rec, secrets: [secret], now: ts + 1, family: ['paddle'] });
      // Two h1 (rotation). paddle-node-sdk keeps only the last h1, so it agrees only for the secret of the last one.
      const ts2 = Math.floor(Date.now() / 1000);
      const two = makeRecord({ target: '/hooks/paddle', headers: headersFor(`ts=${ts2};h1=${h1(ts2, body, oldSecret)};h1=${h1(ts2, body)}`), body, at: ts2 });
      checkVerify(P, 'rotation two-h1 last-secret valid', { rec: two, secrets: [secret], now: ts2 + 1, expect: VALID, sdk: await sdkVerify(two) });
      const firstOnly = await sdkVerify(two, oldSecret);
      checkVerify(P, 'rotation two-h1 first-secret valid (docs)', { rec: two, secrets: [oldSecret], now: ts2 + 1, expect: VALID,
        note: `not an SDK comparison: Paddle's docs say accept any h1; paddle-node-sdk 3.10.0 ${firstOnly.accepts ? 'accepts too' : 'rejects (known SDK deviation: it keeps only the last h1)'}` });
      // Stale: the SDK allows 5 s.
      const tOld = Math.floor(Date.now() / 1000) - 60;
      const old = makeRecord({ target: '/hooks/paddle', headers: headersFor(`ts=${tOld};h1=${h1(tOld, body)}`), body, at: tOld });
      checkVerify(P, 'signed-60s-ago too-old invalid', { rec: old, secrets: [secret], now: tOld + 60, expect: TOO_OLD, sdk: await sdkVerify(old) });
      // The SDK rejects only old timestamps: one ahead of the clock passes.
      const tNew = Math.floor(Date.now() / 1000) + 3600;
      const ahead = makeRecord({ target: '/hooks/paddle', headers: headersFor(`ts=${tNew};h1=${h1(tNew, body)}`), body, at: tNew - 3600 });
      checkVerify(P, 'signed-1h-ahead valid (the SDK checks only the past)', { rec: ahead, secrets: [secret], now: tNew - 3600, expect: VALID, sdk: await sdkVerify(ahead) });
      first = false;
    }
  }
  const unsigned = makeRecord({ target: '/hooks/paddle', headers: headersFor('x').slice(0, -1), body: bodies.compact, at: NOW });
  const signNow = () => Math.floor(Date.now() / 1000);
  await checkSign(P, 'new-header', { rec: unsigned, secret, now: signNow(), signatureHeaders: ['Paddle-Signature'], sdkVerify: (o) => sdkUnmarshal(o) });
  const stale = makeRecord({ target: '/hooks/paddle', headers: headersFor('ts=1698796800;h1=' + 'ab'.repeat(32)), body: bodies['pretty-trailing-newline'], at: NOW });
  await checkSign(P, 'replace-stale-header', { rec: stale, secret, now: signNow(), signatureHeaders: ['Paddle-Signature'], sdkVerify: (o) => sdkVerify(o) });
}

// ----- Slack ----------------------------------------------------------------------------------------------------
async function slackChecks() {
  const P = 'slack';
  const { verifySlackRequest } = loadCjs('@slack/bolt');
  const sdkVerify = (rec, secret, now) => sdkTry(() => verifySlackRequest({ signingSecret: secret, body: recordBody(rec).toString('utf8'),
    headers: { 'x-slack-signature': header(rec, 'X-Slack-Signature') || '', 'x-slack-request-timestamp': Number(header(rec, 'X-Slack-Request-Timestamp')) },
    nowMilliseconds: now * 1000 }), 'verifySlackRequest() passed');
  // bolt has no signer; its tests use createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex').
  const sign = (secret, ts, body) => 'v0=' + crypto.createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`v0:${ts}:`), bytes(body)])).digest('hex');
  const headersFor = (sig, ts, ct = 'application/json') => [['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'], ['Accept', '*/*'],
    ['Content-Type', ct], ['X-Slack-Signature', sig], ['X-Slack-Request-Timestamp', String(ts)]];
  // The docs vector.
  {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5', ts = 1531420618;
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const sig = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    const rec = makeRecord({ target: '/slack/commands', headers: headersFor(sig, ts, 'application/x-www-form-urlencoded'), body, at: ts });
    checkVerify(P, 'docs-vector valid', { rec, secrets: [secret], now: ts + 5, expect: VALID, sdk: await sdkVerify(rec, secret, ts + 5) });
    checkVerify(P, 'docs-vector stale too-old invalid', { rec, secrets: [secret], now: ts + 3600, expect: TOO_OLD, sdk: await sdkVerify(rec, secret, ts + 3600) });
    checkAuto(P, 'docs-vector', { rec, secrets: [secret], now: ts + 5, family: ['slack'] });
  }
  const secret = 'b2c3d4e5f60718293a4b5c6d7e8f9012';
  const oldSecret = '0123456789abcdef0123456789abcdef';
  const bodies = {
    'events-api-unicode': [JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', team_id: 'T061EG9R6', api_app_id: 'A0PNCHHK2', type: 'event_callback',
      event: { type: 'message', channel: 'C024BE91L', user: 'U2147483697', text: UNICODE, ts: '1355517523.000005' }, event_id: 'Ev0PV52K25', event_time: T }), 'application/json'],
    'interactivity-form': ['payload=' + encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { name: 'zoë' }, actions: [{ value: 'café ☕' }] })).replace(/%20/g, '+'),
                           'application/x-www-form-urlencoded'],
  };
  let first = true;
  for (const [name, [body, ct]] of Object.entries(bodies)) {
    const rec = makeRecord({ target: '/slack/events', headers: headersFor(sign(secret, T, body), T, ct), body, at: T });
    checkVerify(P, `sdk-signed ${name} valid`, { rec, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(rec, secret, NOW) });
    const bad = withBody(rec, tamper(body));
    checkVerify(P, `sdk-signed ${name} tampered-body invalid`, { rec: bad, secrets: [secret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(bad, secret, NOW) });
    if (first) {
      checkVerify(P, `sdk-signed ${name} wrong-secret invalid`, { rec, secrets: [oldSecret], now: NOW, expect: BAD_SIGNATURE, sdk: await sdkVerify(rec, oldSecret, NOW) });
      const a = await sdkVerify(rec, oldSecret, NOW), b = await sdkVerify(rec, secret, NOW);
      checkVerify(P, 'rotation several --secret valid', { rec, secrets: [oldSecret, secret], now: NOW, expect: VALID,
        sdk: { accepts: a.accepts || b.accepts, detail: `verifySlackRequest with each secret: old ${a.accepts ? 'passes' : 'fails'}, current ${b.accepts ? 'passes' : 'fails'}` } });
      const tOld = NOW - 600;
      const old = makeRecord({ target: '/slack/events', headers: headersFor(sign(secret, tOld, body), tOld, ct), body, at: tOld });
      checkVerify(P, 'signed-10min-ago too-old invalid', { rec: old, secrets: [secret], now: NOW, expect: TOO_OLD, sdk: await sdkVerify(old, secret, NOW) });
      // bolt rejects only stale timestamps: one ahead of the clock passes.
      const tNew = NOW + 3600;
      const ahead = makeRecord({ target: '/slack/events', headers: headersFor(sign(secret, tNew, body), tNew, ct), body, at: NOW });
      checkVerify(P, 'signed-1h-ahead valid (bolt checks only the past)', { rec: ahead, secrets: [secret], now: NOW, expect: VALID, sdk: await sdkVerify(ahead, secret, NOW) });
      first = false;
    }
  }
  const [body, ct] = bodies['events-api-unicode'];
  const unsigned = makeRecord({ target: '/slack/events', headers: headersFor('x', 0, ct).slice(0, 3), body, at: NOW });
  await checkSign(P, 'new-headers', { rec: unsigned, secret, now: NOW, signatureHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
                                      sdkVerify: (o) => sdkVerify(o, secret, NOW) });
  const stale = makeRecord({ target: '/slack/events', headers: headersFor(sign(secret, NOW - 3600, body), NOW - 3600, ct), body, at: NOW - 3600 });
  await checkSign(P, 'replace-stale-headers', { rec: stale, secret, now: NOW, signatureHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
                                                sdkVerify: (o) => sdkVerify(o, secret, NOW) });
}

// ---------------------------------------------------------------------------------------------------------------
// Main

const suites = [
  ['stripe', stripeChecks], ['github', githubChecks], ['standard-webhooks', standardWebhooksChecks],
  ['svix', svixFamilyChecks, ['svix', 'clerk', 'resend', 'gitlab']], ['shopify', shopifyChecks], ['twilio', twilioChecks],
  ['square', squareChecks], ['discord', discordChecks], ['sendgrid', sendgridChecks], ['paddle', paddleChecks], ['slack', slackChecks],
];

// The CLI must have the commands at all; say so once instead of failing every check.
{
  const missing = ['verify', 'sign'].filter((c) => runCli([c, '--help']).status !== 0);
  if (missing.length) {
    console.log(`FAIL setup: ${CLI} does not support: ${missing.map((c) => `${c} (\`hookscope-cli ${c} --help\` exits non-zero)`).join(', ')}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

for (const [name, fn, covers] of suites) {
  if (opts.only && !(covers || [name]).some((p) => opts.only.includes(p))) continue;
  try {
    await fn();
  } catch (e) {
    fail(name, 'suite', [`the check itself crashed: ${e && e.stack}`]);
  }
}

console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
if (counts.failed || opts.keep) console.log(`record files kept in ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
process.exit(counts.failed ? 1 : 0);
