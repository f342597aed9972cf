#!/usr/bin/env python3
"""Writes fuzz seeds for fuzz_signature from tests/data/signature-vectors.json (and a few extra cases).

    python3 tests/fuzz/make_corpus.py OUT_DIR

Each vector becomes inputs in the format described at the top of fuzz_signature.cpp: once verified with its own
scheme, once with "auto", and once without secrets. The extra cases cover generic-hmac settings and a gzip
Content-Encoding. Seeds are written to OUT_DIR (a scratch folder: the committed corpus/ is the minimized result of a
fuzzing run over them, see README.md).
"""
import gzip
import hashlib
import hmac
import json
import os
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, '..', 'data', 'signature-vectors.json')

# Verify::schemes() order (schemes.cpp addBasicSchemes, standardwebhooks.cpp, urlschemes.cpp, publickeyschemes.cpp).
SCHEMES = ['github', 'stripe', 'slack', 'shopify', 'gitlab', 'paddle', 'twitch', 'zoom', 'mailgun', 'linear',
           'typeform', 'intercom', 'bitbucket', 'vercel', 'jira', 'generic-hmac',
           'standard-webhooks', 'svix', 'clerk', 'resend',
           'twilio', 'square', 'mailchimp-transactional',
           'discord', 'sendgrid']
AUTO = len(SCHEMES)


def encode(scheme, flags, method, target, headers, secrets, public_url, now, generic, body):
    def b(x):
        return x if isinstance(x, bytes) else x.encode('utf-8')
    header_block = b'\n'.join(b(k) + b': ' + b(v) for k, v in headers)
    fields = [b(method), b(target), header_block, b'\x01'.join(b(s) for s in secrets), b(public_url),
              str(now).encode(), b(generic)]
    for f in fields:
        assert b'\0' not in f
    return bytes([scheme, flags]) + b'\0'.join(fields) + b'\0' + b(body)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    written = 0

    def write(name, data):
        nonlocal written
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)
        written += 1

    with open(VECTORS, encoding='utf-8') as f:
        vectors = json.load(f)
    for v in vectors:
        url = urlsplit(v['url'])
        target = (url.path or '/') + ('?' + url.query if url.query else '')
        headers = [('Host', url.hostname)] + list(v['headers'].items())
        secret = v['secret_or_public_key']
        secrets = secret if isinstance(secret, list) else [secret]
        index = SCHEMES.index(v['provider'])
        common = dict(method=v['method'], target=target, headers=headers, public_url=v['url'], now=v['now_unix'],
                      generic='', body=v['body'])
        write(v['id'] + '.own', encode(index, 0, secrets=secrets, **common))
        write(v['id'] + '.auto', encode(AUTO, 2, secrets=secrets, **common))
        write(v['id'] + '.nosecret', encode(index, 1, secrets=[], **dict(common, public_url=''))
              )

    # generic-hmac: a few settings, each with a matching signature.
    body = b'{"event":"order.created","id":42}'
    now = 1767268800
    cases = [
        ('sha256-hex', 'algorithm=sha256;encoding=hex;header=X-Signature;prefix=sha256=', b'sha256=',
         hashlib.sha256, lambda: body, 'hex'),
        ('sha1-base64-ts', 'algorithm=sha1;encoding=base64;header=X-Signature;template={timestamp}.{body};'
         'timestamp-header=X-Timestamp;tolerance=300', b'', hashlib.sha1,
         lambda: str(now).encode() + b'.' + body, 'base64'),
        ('sha512-id-url', 'algorithm=SHA512; encoding=hex; header=X-Signature; template={id}:{url}:{body}; '
         'id-header=X-Id', b'', hashlib.sha512,
         lambda: b'evt_1:https://hooks.example.test/in?x=1:' + body, 'hex'),
    ]
    import base64
    for name, settings, prefix, digest, content, enc in cases:
        mac = hmac.new(b'generic-secret', content(), digest).digest()
        sig = prefix + (mac.hex().encode() if enc == 'hex' else base64.b64encode(mac))
        headers = [('Host', 'hooks.example.test'), ('Content-Type', 'application/json'), ('X-Signature', sig),
                   ('X-Timestamp', str(now)), ('X-Id', 'evt_1')]
        write('generic-' + name, encode(SCHEMES.index('generic-hmac'), 0, 'POST', '/in?x=1', headers,
                                         ['generic-secret'], 'https://hooks.example.test', now, settings, body))
    # Settings that the parser must reject.
    for i, settings in enumerate(['algorithm=md5', 'encoding=hex;bogus=1', 'template={timestamp}', '=x;;',
                                  'tolerance=-1', 'header= ', 'template={id}{body}{url}{body}']):
        write('generic-bad-%d' % i, encode(SCHEMES.index('generic-hmac'), 0, 'POST', '/', [('X-Signature', 'ab')],
                                           ['s'], '', now, settings, body))

    # A gzip body signed before compression (GitHub), and the same with a broken stream.
    plain = b'{"zen":"Keep it logically awesome.","hook_id":1}'
    mac = hmac.new(b'gz-secret', plain, hashlib.sha256).hexdigest()
    packed = gzip.compress(plain, mtime=0)
    for name, data in [('gzip', packed), ('gzip-truncated', packed[:-6])]:
        headers = [('Host', 'localhost:7780'), ('Content-Type', 'application/json'), ('Content-Encoding', 'gzip'),
                   ('X-GitHub-Event', 'ping'), ('X-Hub-Signature-256', 'sha256=' + mac)]
        write('github-' + name, encode(0, 0, 'POST', '/hooks', headers, ['gz-secret'], '', now, '', data))
    print('wrote %d seeds to %s' % (written, out))


if __name__ == '__main__':
    main()
