#!/usr/bin/env python3
"""Writes a Glacier inventory (JSON, as api-job-output-get.md shows it) of N archives for the
inventory benchmark. Descriptions cycle through every format of
tests/data/descriptions/samples.json (FastGlacier v3/v4, CrushFTP, mt-aws-glacier v1/v2,
CloudBerry, plain, unknown, empty) and unique plain paths in a folder tree, so the importer
decodes every kind. Deterministic: the same N gives the same bytes.

    inventory-generate.py OUT.json [N]        (N defaults to 1000000)
"""
import json
import os
import random
import sys


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    here = os.path.dirname(os.path.abspath(__file__))
    samples_path = os.path.join(here, '..', 'data', 'descriptions', 'samples.json')
    with open(samples_path, encoding='utf-8') as f:
        samples = [s['raw'] for s in json.load(f)]
    rng = random.Random(20240501)
    alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    folders = ['photos/%d/%02d' % (y, m) for y in range(2010, 2025) for m in range(1, 13)]
    folders += ['backup/server%02d/var/lib/data' % i for i in range(40)]
    dumps = json.dumps
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('{"VaultARN":"arn:aws:glacier:us-east-1:012345678901:vaults/bench",'
                '"InventoryDate":"2024-05-01T12:00:00Z","ArchiveList":[\n')
        chunk = []
        for i in range(count):
            archive_id = ''.join(rng.choice(alphabet) for _ in range(138)) \
                if i < 1000 else '%06d' % i + ''.join(alphabet[(i * 7 + k) % 64] for k in range(132))
            if i % 2 == 0:
                description = samples[(i // 2) % len(samples)]
            else:
                description = '%s/IMG_%07d.jpg' % (folders[i % len(folders)], i)
            size = (i * 2654435761) % (4 << 30)
            second = i % 86400
            date = '20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ' % (
                10 + i % 14, 1 + i % 12, 1 + i % 28, second // 3600, second // 60 % 60,
                second % 60, i % 1000)
            tree_hash = '%064x' % (i * 0x9E3779B97F4A7C15 % (1 << 256))
            chunk.append('%s{"ArchiveId":%s,"ArchiveDescription":%s,"CreationDate":"%s",'
                         '"Size":%d,"SHA256TreeHash":"%s"}' % (
                             ',\n' if i else '', dumps(archive_id), dumps(description), date,
                             size, tree_hash))
            if len(chunk) >= 10000:
                f.write(''.join(chunk))
                chunk = []
        f.write(''.join(chunk))
        f.write('\n]}\n')


if __name__ == '__main__':
    main()
