#!/usr/bin/env python3
"""The reference for the inventory export benchmark: load an inventory JSON with json.load and
write the columns thaw-cli inventory export --csv writes (ArchiveId, ArchiveDescription,
DecodedPath, CreationDate, Size, SHA256TreeHash) with the csv module. Python has no description
decoder, so DecodedPath repeats the description (less work than Thaw does).

    inventory-python-export.py IN.json OUT.csv
"""
import csv
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    inventory = json.load(f)
with open(sys.argv[2], 'w', encoding='utf-8', newline='') as out:
    writer = csv.writer(out)
    writer.writerow(['ArchiveId', 'ArchiveDescription', 'DecodedPath', 'CreationDate', 'Size',
                     'SHA256TreeHash'])
    for a in inventory['ArchiveList']:
        writer.writerow([a['ArchiveId'], a['ArchiveDescription'], a['ArchiveDescription'],
                         a['CreationDate'], a['Size'], a['SHA256TreeHash']])
