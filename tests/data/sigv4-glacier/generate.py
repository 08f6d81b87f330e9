#!/usr/bin/python3
"""Writes expected.json: Glacier requests signed by botocore's SigV4Auth, an implementation
independent of Thaw's, for tests/aws/tst_sigv4botocore.cpp to reproduce with signRequest().

Run from anywhere with Debian's python3-botocore installed (1.29.27 on bookworm; use
/usr/bin/python3, not a virtualenv's python, so that it is the Debian copy):
    /usr/bin/python3 tests/data/sigv4-glacier/generate.py
The output is deterministic: the clock is frozen by patching botocore.auth.datetime, as
botocore's own tests do (and get_current_datetime, which newer botocore reads instead), and
the credentials are AWS's documented example keys.

How botocore treats the path: SigV4Auth.canonical_request() takes urlsplit(url).path, i.e. the
path as it goes on the wire, already percent-encoded, and quotes it again
(quote(normalize_url_path(path), safe='/~')). For every service but S3 a '%20' on the wire is
therefore '%2520' in the canonical request. AWS's servers do the same, so Thaw signs the wire
path and encodes it once more; the 'double-encoding-probe' vector pins that down.
The query is used as it is on the wire (split at '&' and '=', sorted), not re-encoded.
"""

import contextlib
import datetime
import json
import os
from unittest import mock

import botocore
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE'
SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
SESSION_TOKEN = 'FQoGZXIvYXdzEXAMPLE//////////wEaDExampleSessionToken+/=='
NOW = datetime.datetime(2026, 1, 15, 9, 30, 5)
ENDPOINT = 'https://glacier.eu-west-1.amazonaws.com'
REGION = 'eu-west-1'
VERSION = {'x-amz-glacier-version': '2012-06-01'}

CASES = [
    # name, method, path+query (as on the wire), extra headers, body, session token
    ('list-vaults', 'GET', '/-/vaults', {}, b'', None),
    ('list-vaults-paged', 'GET', '/-/vaults?limit=10&marker=examplevault', {}, b'', None),
    ('describe-job', 'GET',
     '/-/vaults/examplevault/jobs/'
     'HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVh7vEXAMPLEjobID',
     {}, b'', None),
    ('get-job-output-range', 'GET',
     '/-/vaults/examplevault/jobs/'
     'HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVh7vEXAMPLEjobID'
     '/output',
     {'Range': 'bytes=0-1048575'}, b'', None),
    ('list-jobs-filtered', 'GET',
     '/-/vaults/examplevault/jobs?completed=true&statuscode=Succeeded', {}, b'', None),
    ('initiate-job-post-json', 'POST', '/-/vaults/examplevault/jobs',
     {'Content-Type': 'application/json'},
     b'{"Type":"archive-retrieval","ArchiveId":"NkbByEejwEggmBz2fTHgJrg0XBoDfjP4q6iu87-TjhqG6eGoOY'
     b'9Z8i1_AUyUsuhPAdTqLHy8pTl5nfCFJmDl2yEZONi5L26Omw12vcs01MNGntHEQL8MBfGlqrEXAMPLEArchiveId",'
     b'"Tier":"Bulk","Description":"My archive description"}',
     None),
    ('session-token', 'GET', '/-/vaults/examplevault', {}, b'', SESSION_TOKEN),
    ('double-encoding-probe', 'GET', '/-/vaults/example%20vault', {}, b'', None),
]


def sign(method, path, headers, body, token):
    request = AWSRequest(method=method, url=ENDPOINT + path, data=body,
                         headers={**VERSION, **headers})
    auth = SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, token), 'glacier', REGION)
    with contextlib.ExitStack() as stack:
        frozen = stack.enter_context(mock.patch('botocore.auth.datetime'))
        frozen.datetime.utcnow.return_value = NOW
        frozen.datetime.now.return_value = NOW
        frozen.datetime.strptime = datetime.datetime.strptime
        if hasattr(botocore.auth, 'get_current_datetime'):
            stack.enter_context(
                mock.patch('botocore.auth.get_current_datetime', return_value=NOW))
        auth.add_auth(request)
        authorization = request.headers['Authorization']
        # Recompute the intermediate texts for the C++ test's failure messages, without the
        # Authorization header add_auth() just set (it is never signed).
        del request.headers['Authorization']
        canonical_request = auth.canonical_request(request)
        string_to_sign = auth.string_to_sign(request, canonical_request)
    if request.headers['X-Amz-Date'] != NOW.strftime('%Y%m%dT%H%M%SZ'):
        raise SystemExit('the clock was not frozen')
    if auth.signature(string_to_sign, request) not in authorization:
        raise SystemExit('recomputed string to sign does not match the signature')
    return {
        'canonicalRequest': canonical_request,
        'stringToSign': string_to_sign,
        'authorization': authorization,
    }


def main():
    vectors = []
    for name, method, path, headers, body, token in CASES:
        signed = sign(method, path, headers, body, token)
        vectors.append({
            'name': name,
            'method': method,
            'url': ENDPOINT + path,
            # Headers the caller passes to signRequest(); botocore adds Host and X-Amz-Date.
            'headers': {**VERSION, **headers},
            'body': body.decode('utf-8'),
            'sessionToken': token or '',
            **signed,
        })
    document = {
        'generator': 'tests/data/sigv4-glacier/generate.py',
        'botocore': 'botocore.auth.SigV4Auth ' + botocore.__version__,
        'accessKeyId': ACCESS_KEY,
        'secretAccessKey': SECRET_KEY,
        'region': REGION,
        'service': 'glacier',
        'date': NOW.strftime('%Y%m%dT%H%M%SZ'),
        'vectors': vectors,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
