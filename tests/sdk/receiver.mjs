#!/usr/bin/env node
// A webhook receiver that verifies with the providers' official Node SDKs, for checking what `hookscope-cli resend`
// delivers (resend-check.mjs). Routes:
//
//   POST /github    @octokit/webhooks-methods verify(secret, body, X-Hub-Signature-256)
//   POST /stripe    stripe.webhooks.constructEvent(body, Stripe-Signature, secret)   (default tolerance: 300 s)
//   POST /standard  standardwebhooks new Webhook(secret).verify(body, headers)       (its default tolerance)
//
// Each answers 200 "accepted" when the SDK accepts the request and 400 with the SDK's error otherwise; any other
// route gets 404. Every verdict is recorded ({ route, accepted, detail, headers, body }) in arrival order.
//
// As a module:   const receiver = await startReceiver({ github, stripe, standard });  // the secrets
//                receiver.port, receiver.verdicts, await receiver.close()
// Standalone:    node receiver.mjs --github S --stripe whsec_... --standard whsec_...
//                prints "listening on http://127.0.0.1:PORT/", then one line per verdict.

import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function loadCjs(name) {
  const m = require(name);
  return m && m.default && Object.keys(m).length === 1 ? m.default : m;
}

function headerValue(headers, name) {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

export async function startReceiver(secrets) {
  const { verify: githubVerify } = await import('@octokit/webhooks-methods');
  const StripeCtor = loadCjs('stripe');
  const stripe = new (StripeCtor.default || StripeCtor)('sk_test_receiver_not_a_real_key');
  const { Webhook } = loadCjs('standardwebhooks');

  const checks = {
    '/github': async (body, headers) => {
      const signature = headerValue(headers, 'X-Hub-Signature-256');
      if (!signature) throw new Error('no X-Hub-Signature-256 header');
      if (!(await githubVerify(secrets.github, body.toString('utf8'), signature)))
        throw new Error('@octokit/webhooks-methods verify() returned false');
      return 'verify() returned true';
    },
    '/stripe': async (body, headers) => {
      const event = stripe.webhooks.constructEvent(body, headerValue(headers, 'Stripe-Signature') ?? '', secrets.stripe);
      return `constructEvent() returned ${event.id ?? 'the event'}`;
    },
    '/standard': async (body, headers) => {
      new Webhook(secrets.standard).verify(body, {
        'webhook-id': headerValue(headers, 'webhook-id') ?? '',
        'webhook-timestamp': headerValue(headers, 'webhook-timestamp') ?? '',
        'webhook-signature': headerValue(headers, 'webhook-signature') ?? '',
      });
      return 'Webhook.verify() returned the payload';
    },
  };

  const verdicts = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const route = new URL(req.url, 'http://receiver').pathname;
      const check = checks[route];
      if (!check || req.method !== 'POST') {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end(`no route ${req.method} ${route}\n`);
        return;
      }
      let verdict;
      try {
        verdict = { route, accepted: true, detail: await check(body, req.headers) };
      } catch (e) {
        verdict = { route, accepted: false, detail: `${e && e.constructor && e.constructor.name}: ${e && e.message}` };
      }
      verdict.headers = req.rawHeaders;
      verdict.body = body;
      verdicts.push(verdict);
      if (receiver.onVerdict) receiver.onVerdict(verdict);
      res.writeHead(verdict.accepted ? 200 : 400, { 'Content-Type': 'text/plain' });
      res.end(verdict.accepted ? 'accepted\n' : `${verdict.detail}\n`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const receiver = {
    port: server.address().port,
    verdicts,
    onVerdict: null,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
  return receiver;
}

// Standalone use.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const secrets = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!['github', 'stripe', 'standard'].includes(name) || i + 1 >= argv.length) {
      console.error('usage: node receiver.mjs --github SECRET --stripe whsec_... --standard whsec_...');
      process.exit(2);
    }
    secrets[name] = argv[++i];
  }
  const receiver = await startReceiver(secrets);
  receiver.onVerdict = (v) => console.log(`${v.accepted ? 'accepted' : 'rejected'} ${v.route}: ${v.detail}`);
  console.log(`listening on http://127.0.0.1:${receiver.port}/`);
}
