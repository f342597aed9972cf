#!/usr/bin/env node
// Checks `hookscope-cli resend` against receivers that verify with the providers' official Node SDKs
// (receiver.mjs: @octokit/webhooks-methods, stripe, standardwebhooks).
//
//   node tests/sdk/resend-check.mjs --cli build/dev/src/cli/hookscope-cli   [--keep]
//   HOOKSCOPE_CLI=build/dev/src/cli/hookscope-cli node tests/sdk/resend-check.mjs
//
// 1. Requests signed with the SDKs (timestamp: now) are captured by `hookscope-cli serve`, then resent with
//    `hookscope-cli resend ID --to http://127.0.0.1:PORT`: the receiver accepts each one (exit 0) and gets the body
//    byte for byte.
// 2. Stripe and Standard Webhooks requests signed an hour ago: resent as they are, the receiver rejects them (the
//    SDKs' freshness window, exit 3); with --resign --secret S, and with --resign and the data directory's
//    secrets.json, it accepts them (exit 0).
// Every check prints one line: "ok CASE" or "FAIL CASE" with details. The last line is "N passed, N failed"; the
// exit status is 1 when any check failed.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { startReceiver } from './receiver.mjs';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Arguments, environment

const opts = { cli: process.env.HOOKSCOPE_CLI || '', keep: false };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--cli') opts.cli = process.argv[++i] || '';
  else if (a === '--keep') opts.keep = true;
  else if (!a.startsWith('-') && !opts.cliFromArg) { opts.cli = a; opts.cliFromArg = true; }
  else { console.error(`resend-check: unknown argument ${a}`); process.exit(2); }
}
if (!opts.cli) {
  console.error('FAIL setup: no hookscope-cli given; pass its path with --cli PATH or in HOOKSCOPE_CLI');
  process.exit(2);
}
const CLI = path.resolve(opts.cli);
if (!fs.existsSync(CLI)) {
  console.error(`FAIL setup: hookscope-cli not found at ${CLI}`);
  process.exit(1);
}
const here = path.dirname(fileURLToPath(import.meta.url));
for (const name of ['@octokit/webhooks-methods', 'stripe', 'standardwebhooks']) {
  if (!fs.existsSync(path.join(here, 'node_modules', name, 'package.json'))) {
    console.error(`FAIL setup: ${name} is not installed in tests/sdk/node_modules; run: npm ci --prefix tests/sdk`);
    process.exit(1);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-resend-check-'));
const home = path.join(tmp, 'home');
fs.mkdirSync(home);
const dataDir = path.join(tmp, 'data');
const cliEnv = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'),
                 XDG_CACHE_HOME: path.join(home, 'cache'), QT_QPA_PLATFORM: 'offscreen' };

// ---------------------------------------------------------------------------------------------------------------
// Results

const counts = { passed: 0, failed: 0 };
function check(name, problems, note) {
  if (problems.length === 0) {
    counts.passed++;
    console.log(`ok ${name}${note ? `  (${note})` : ''}`);
  } else {
    counts.failed++;
    console.log(`FAIL ${name}`);
    for (const line of problems.flatMap((l) => String(l).split('\n'))) console.log(`    ${line}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

// Runs the CLI without blocking the event loop (the receiver lives in this process).
function runCli(args, timeoutMs = 60000) {
  return new Promise((resolve) => {
    const child = spawn(CLI, args, { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ args, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
function describeRun(run) {
  return [`hookscope-cli ${run.args.join(' ')}`, `exit ${run.status}${run.signal ? ` (signal ${run.signal})` : ''}`,
          `stdout: ${run.stdout.trimEnd()}`, `stderr: ${run.stderr.trimEnd()}`];
}

function waitFor(condition, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      const value = condition();
      if (value) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

// `hookscope-cli serve` on 127.0.0.1:0: its URL and the summary lines it prints.
async function startServe() {
  const child = spawn(CLI, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const serve = { child, lines: [], stderr: '', exited: false };
  let buffer = '';
  child.stdout.on('data', (c) => {
    buffer += c.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop();
    serve.lines.push(...parts);
  });
  child.stderr.on('data', (c) => { serve.stderr += c.toString('utf8'); });
  child.on('exit', () => { serve.exited = true; });
  const first = await waitFor(() => serve.lines[0] || (serve.exited && 'exited'), 20000, 'serve to print its listening line');
  const m = /^listening on (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(first);
  if (!m) throw new Error(`serve did not start: ${first}; stderr: ${serve.stderr}`);
  serve.url = m[1];
  return serve;
}

// POSTs to serve and returns the id serve gave the request.
async function capture(serve, route, headers, body) {
  const before = serve.lines.length;
  const res = await fetch(new URL(route.replace(/^\//, ''), serve.url), { method: 'POST', headers, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`serve answered ${res.status} to POST ${route}`);
  const line = await waitFor(() => serve.lines.slice(before).find((l) => l.includes(`  POST ${route}  `)), 10000,
                             `serve's line for POST ${route}`);
  const id = /  #(\d+)  /.exec(line);
  if (!id) throw new Error(`no id in serve's line: ${line}`);
  return id[1];
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

const secrets = {
  github: 'resend-check github secret: Ünïcödé & spaces',
  stripe: 'whsec_' + crypto.createHash('sha256').update('resend-check stripe').digest('hex').slice(0, 32),
  standard: 'whsec_' + Buffer.from('resend-check standard webhooks!!').toString('base64'),
};
const wrongStripeSecret = 'whsec_' + crypto.createHash('sha256').update('not the stripe secret').digest('hex').slice(0, 32);

const { sign: githubSign } = await import('@octokit/webhooks-methods');
const StripeCtor = require('stripe');
const stripe = new (StripeCtor.default || StripeCtor)('sk_test_resend_check_not_a_real_key');
const { Webhook } = require('standardwebhooks');

const now = () => Math.floor(Date.now() / 1000);
const UNICODE = 'Grüße, 世界 — ✓ "quoted" \\ backslash';

function githubRequest() {
  const body = JSON.stringify({ action: 'opened', number: 7, repository: { full_name: 'octo/repo' }, note: UNICODE });
  return {
    route: '/github', body,
    headers: async () => ({ 'User-Agent': 'GitHub-Hookshot/resend-check', 'X-GitHub-Event': 'pull_request',
                            'X-GitHub-Delivery': crypto.randomUUID(), 'Content-Type': 'application/json',
                            'X-Hub-Signature-256': await githubSign(secrets.github, body) }),
  };
}
function stripeRequest(ts) {
  const body = JSON.stringify({ id: `evt_resend_${ts}`, object: 'event', type: 'payment_intent.succeeded', created: ts,
                                data: { object: { id: 'pi_resend', amount: 4200, currency: 'eur', description: UNICODE } } }, null, 2) + '\n';
  return {
    route: '/stripe', body,
    headers: async () => ({ 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'Content-Type': 'application/json; charset=utf-8',
                            'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: secrets.stripe, timestamp: ts }) }),
  };
}
function standardRequest(ts) {
  const body = JSON.stringify({ type: 'invoice.paid', timestamp: new Date(ts * 1000).toISOString(), data: { id: 'inv_1', customer: UNICODE } });
  const id = `msg_resend_${ts}_${crypto.randomBytes(4).toString('hex')}`;
  return {
    route: '/standard', body,
    headers: async () => ({ 'User-Agent': 'Svix-Webhooks/1.60.0', 'Content-Type': 'application/json', 'webhook-id': id,
                            'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(secrets.standard).sign(id, new Date(ts * 1000), body) }),
  };
}

const receiver = await startReceiver(secrets);
const receiverOrigin = `http://127.0.0.1:${receiver.port}`;
let serve;
try {
  serve = await startServe();

  // Resends `id` with extra arguments and checks the exit status, the printed line and the receiver's verdict.
  async function resendCase(name, { id, route, body, extra = [], exit, accepted }) {
    const before = receiver.verdicts.length;
    const run = await runCli(['resend', id, '--to', receiverOrigin, '--data-dir', dataDir, ...extra]);
    const problems = [];
    const verdict = receiver.verdicts[before];
    if (run.status !== exit) problems.push(`exit ${run.status}, expected ${exit}`);
    const status = accepted ? 200 : 400;
    const expectedLine = new RegExp(`^#${id} POST ${receiverOrigin}${route} -> ${status} (OK|Bad Request)  \\(connect [\\d.]+ ms, first byte [\\d.]+ ms, total [\\d.]+ ms\\)\\n$`);
    if (!expectedLine.test(run.stdout)) problems.push(`unexpected output line, expected ${expectedLine}`);
    if (run.stderr) problems.push('unexpected stderr');
    if (receiver.verdicts.length !== before + 1) problems.push(`the receiver got ${receiver.verdicts.length - before} requests, expected 1`);
    else {
      if (verdict.route !== route) problems.push(`the receiver got ${verdict.route}, expected ${route}`);
      if (verdict.accepted !== accepted) problems.push(`the SDK ${verdict.accepted ? 'accepted' : 'rejected'} it: ${verdict.detail}`);
      if (!extra.includes('--resign') && !verdict.body.equals(Buffer.from(body, 'utf8'))) problems.push('the body changed on the way');
    }
    if (problems.length) problems.push(...describeRun(run));
    check(name, problems, verdict ? `${verdict.accepted ? 'accepted' : 'rejected'}: ${verdict.detail}` : '');
  }

  // 1. Fresh signatures: resent as they are, accepted.
  const fresh = {};
  for (const [name, make] of [['github', () => githubRequest()], ['stripe', () => stripeRequest(now())], ['standard-webhooks', () => standardRequest(now())]]) {
    const req = make();
    const id = await capture(serve, req.route, await req.headers(), req.body);
    fresh[name] = { ...req, id };
    await resendCase(`${name} signed now, resent as is: accepted`, { id, route: req.route, body: req.body, exit: 0, accepted: true });
  }

  // 2. Signed an hour ago: rejected as they are; accepted when re-signed with --secret and with secrets.json.
  fs.writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({
    version: 1,
    entries: [
      { provider: 'stripe', path_prefix: '/', secrets: [secrets.stripe] },
      { provider: 'standard-webhooks', path_prefix: '/', secrets: [secrets.standard] },
    ],
  }, null, 2), { mode: 0o600 });
  const old = {};
  for (const [name, make, secret] of [['stripe', () => stripeRequest(now() - 3600), secrets.stripe],
                                      ['standard-webhooks', () => standardRequest(now() - 3600), secrets.standard]]) {
    const req = make();
    const id = await capture(serve, req.route, await req.headers(), req.body);
    old[name] = { ...req, id };
    await resendCase(`${name} signed 1h ago, resent as is: rejected (exit 3)`, { id, route: req.route, body: req.body, exit: 3, accepted: false });
    await resendCase(`${name} signed 1h ago, --resign --secret: accepted`,
                     { id, route: req.route, body: req.body, extra: ['--resign', '--secret', secret], exit: 0, accepted: true });
    await resendCase(`${name} signed 1h ago, --resign with secrets.json: accepted`,
                     { id, route: req.route, body: req.body, extra: ['--resign'], exit: 0, accepted: true });
    await resendCase(`${name} signed 1h ago, --resign --provider ${name} --secret: accepted`,
                     { id, route: req.route, body: req.body, extra: ['--resign', '--provider', name, '--secret', secret], exit: 0, accepted: true });
  }

  // --resign without a secret for the provider: nothing is sent, exit 4, one line on stderr.
  {
    const before = receiver.verdicts.length;
    const run = await runCli(['resend', fresh.github.id, '--to', receiverOrigin, '--data-dir', dataDir, '--resign']);
    const problems = [];
    if (run.status !== 4) problems.push(`exit ${run.status}, expected 4`);
    if (!/^hookscope-cli: #\d+: no secret for github: give --secret\n$/.test(run.stderr)) problems.push('expected one stderr line naming the missing secret');
    if (receiver.verdicts.length !== before) problems.push('something was sent');
    if (problems.length) problems.push(...describeRun(run));
    check('github --resign without a github secret: not sent (exit 4)', problems);
  }

  // Two stripe entries: `verify` uses the one with the longest matching path prefix; --resign must pick the same.
  {
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({
      version: 1,
      entries: [
        { provider: 'stripe', path_prefix: '/stripe', secrets: [secrets.stripe] },
        { provider: 'stripe', path_prefix: '/', secrets: [wrongStripeSecret] },
      ],
    }, null, 2), { mode: 0o600 });
    const verify = await runCli(['verify', '--request', fresh.stripe.id, '--data-dir', dataDir]);
    check('stripe verify --request with two secrets.json entries picks the longest prefix (/stripe)',
          verify.status === 0 ? [] : [`exit ${verify.status}, expected 0`, ...describeRun(verify)]);
    await resendCase('stripe signed 1h ago, --resign with two secrets.json entries: the longest prefix (/stripe) is used',
                     { id: old.stripe.id, route: '/stripe', body: old.stripe.body, extra: ['--resign'], exit: 0, accepted: true });
  }

  // Every resend attempt was recorded by the CLI: the receiver saw as many requests as were resent.
  check('the receiver saw only the requests resent', receiver.verdicts.length === 3 + 2 * 4 + 1 ? [] :
        [`the receiver saw ${receiver.verdicts.length} requests, expected ${3 + 2 * 4 + 1}`]);
} catch (e) {
  check('setup', [`the check itself crashed: ${e && e.stack}`]);
} finally {
  if (serve && !serve.exited) {
    serve.child.kill('SIGTERM');
    await waitFor(() => serve.exited, 20000, 'serve to exit').catch(() => serve.child.kill('SIGKILL'));
  }
  await receiver.close();
}

console.log(`${counts.passed} passed, ${counts.failed} failed`);
if (counts.failed || opts.keep) console.log(`data directory kept in ${dataDir}`);
else fs.rmSync(tmp, { recursive: true, force: true });
process.exit(counts.failed ? 1 : 0);
