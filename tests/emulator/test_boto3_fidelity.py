#!/usr/bin/python3
"""thaw-emulator driven by boto3, an independent Glacier client: what botocore sends must be
accepted (signature, tree hash, headers) and what the emulator answers must parse as AWS's.

Usage: test_boto3_fidelity.py --emulator PATH. Exits 77 (CTest SKIP_RETURN_CODE) without boto3.
"""
import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.request

try:
    import boto3
    import botocore.utils
    from botocore.config import Config
except ImportError:
    print("SKIP: boto3 is not installed for", sys.executable)
    sys.exit(77)

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
MIB = 1024 * 1024
EMULATOR = None


def tree_hash(data):
    return botocore.utils.calculate_tree_hash(io.BytesIO(data))


def parse_amazon_csv(text):
    """Amazon's inventory CSV: a field with a comma or double quote is enclosed in double quotes,
    a double quote inside is escaped with a backslash, a backslash is not escaped."""
    rows, row, field, i, quoted = [], [], "", 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text) and text[i + 1] == '"':
                field += '"'
                i += 2
                continue
            if c == '"':
                quoted = False
            else:
                field += c
        elif c == '"' and field == "":
            quoted = True
        elif c == ",":
            row.append(field)
            field = ""
        elif c == "\n":
            row.append(field)
            rows.append(row)
            row, field = [], ""
        else:
            field += c
        i += 1
    if field or row:
        row.append(field)
        rows.append(row)
    return rows


class Boto3Fidelity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        seed = os.path.join(cls.tmp.name, "seed.bin")
        cls.seed_data = os.urandom(5 * MIB + 12345)
        with open(seed, "wb") as f:
            f.write(cls.seed_data)
        cls.hostile = 'a,b "quoted" back\\slash\\" new\nline caf\u00e9'
        cls.proc = subprocess.Popen(
            [EMULATOR, "--port", "0", "--data", os.path.join(cls.tmp.name, "data"),
             "--seed-archive", "seeded:" + seed + ":" + cls.hostile],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = cls.proc.stdout.readline().decode().strip()
        assert line.startswith("LISTENING "), line
        cls.base = "http://127.0.0.1:%s" % line.split()[1]
        cls.glacier = boto3.client(
            "glacier", endpoint_url=cls.base, region_name=REGION,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(retries={"total_max_attempts": 1}))

    @classmethod
    def tearDownClass(cls):
        cls.proc.kill()
        cls.proc.wait()
        cls.tmp.cleanup()

    def control(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data,
                                     method="GET" if body is None else "POST")
        with urllib.request.urlopen(req) as r:
            return json.load(r)

    def test_vaults_and_pagination(self):
        for name in ["v-a", "v-b", "v-c"]:
            r = self.glacier.create_vault(vaultName=name)
            self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 201)
            self.assertTrue(r["location"].endswith("/vaults/" + name))
        names, marker = [], None
        while True:
            kw = {"limit": "2"}
            if marker:
                kw["marker"] = marker
            r = self.glacier.list_vaults(**kw)
            self.assertLessEqual(len(r["VaultList"]), 2)
            names += [v["VaultName"] for v in r["VaultList"]]
            marker = r.get("Marker")
            if not marker:
                break
        self.assertEqual(names, sorted(names))
        self.assertTrue({"v-a", "v-b", "v-c", "seeded"} <= set(names))
        d = self.glacier.describe_vault(vaultName="seeded")
        self.assertEqual(d["NumberOfArchives"], 1)
        self.assertEqual(d["SizeInBytes"], len(self.seed_data))
        with self.assertRaises(self.glacier.exceptions.ResourceNotFoundException):
            self.glacier.describe_vault(vaultName="nope")

    def test_upload_and_archive_jobs(self):
        self.glacier.create_vault(vaultName="up")
        data = os.urandom(3 * MIB + 7)
        r = self.glacier.upload_archive(vaultName="up", body=data,
                                        archiveDescription="my archive,1\"2")
        self.assertEqual(r["checksum"], tree_hash(data))
        archive_id = r["archiveId"]
        whole = self.glacier.initiate_job(vaultName="up", jobParameters={
            "Type": "archive-retrieval", "ArchiveId": archive_id, "Tier": "Bulk"})
        self.assertEqual(whole["ResponseMetadata"]["HTTPStatusCode"], 202)
        ranged = self.glacier.initiate_job(vaultName="up", jobParameters={
            "Type": "archive-retrieval", "ArchiveId": archive_id,
            "RetrievalByteRange": "%d-%d" % (0, 2 * MIB - 1)})
        unaligned = self.glacier.initiate_job(vaultName="up", jobParameters={
            "Type": "archive-retrieval", "ArchiveId": archive_id,
            "RetrievalByteRange": "%d-%d" % (MIB, len(data) - 1)})
        with self.assertRaises(self.glacier.exceptions.InvalidParameterValueException):
            self.glacier.initiate_job(vaultName="up", jobParameters={
                "Type": "archive-retrieval", "ArchiveId": archive_id,
                "RetrievalByteRange": "1-100"})

        d = self.glacier.describe_job(vaultName="up", jobId=whole["jobId"])
        self.assertEqual(d["StatusCode"], "Succeeded")
        self.assertTrue(d["Completed"])
        self.assertEqual(d["RetrievalByteRange"], "0-%d" % (len(data) - 1))
        self.assertEqual(d["SHA256TreeHash"], tree_hash(data))
        self.assertEqual(d["ArchiveSHA256TreeHash"], tree_hash(data))
        self.assertEqual(d["Tier"], "Bulk")
        d = self.glacier.describe_job(vaultName="up", jobId=ranged["jobId"])
        self.assertEqual(d["SHA256TreeHash"], tree_hash(data[:2 * MIB]))
        d = self.glacier.describe_job(vaultName="up", jobId=unaligned["jobId"])
        self.assertIsNone(d.get("SHA256TreeHash"))

        out = self.glacier.get_job_output(vaultName="up", jobId=whole["jobId"])
        self.assertEqual(out["status"], 200)
        self.assertEqual(out["body"].read(), data)
        self.assertEqual(out["checksum"], tree_hash(data))
        self.assertEqual(out["archiveDescription"], "my archive,1\"2")
        self.assertEqual(out["contentType"], "application/octet-stream")
        self.assertEqual(out["acceptRanges"], "bytes")
        # Aligned 1 MiB range: checksum; unaligned: none.
        out = self.glacier.get_job_output(vaultName="up", jobId=whole["jobId"],
                                          range="bytes=%d-%d" % (2 * MIB, 3 * MIB - 1))
        self.assertEqual(out["status"], 206)
        self.assertEqual(out["contentRange"], "bytes %d-%d/%d" % (2 * MIB, 3 * MIB - 1, len(data)))
        self.assertEqual(out["body"].read(), data[2 * MIB:3 * MIB])
        self.assertEqual(out["checksum"], tree_hash(data[2 * MIB:3 * MIB]))
        out = self.glacier.get_job_output(vaultName="up", jobId=whole["jobId"],
                                          range="bytes=%d-%d" % (2 * MIB, len(data) - 1))
        self.assertEqual(out["body"].read(), data[2 * MIB:])
        self.assertEqual(out["checksum"], tree_hash(data[2 * MIB:]))
        out = self.glacier.get_job_output(vaultName="up", jobId=whole["jobId"],
                                          range="bytes=10-99")
        self.assertEqual(out["body"].read(), data[10:100])
        self.assertIsNone(out.get("checksum"))
        # Ranges are relative to the job's output.
        out = self.glacier.get_job_output(vaultName="up", jobId=ranged["jobId"],
                                          range="bytes=%d-%d" % (MIB, 2 * MIB - 1))
        self.assertEqual(out["body"].read(), data[MIB:2 * MIB])
        self.assertEqual(out["checksum"], tree_hash(data[MIB:2 * MIB]))
        out = self.glacier.get_job_output(vaultName="up", jobId=unaligned["jobId"])
        self.assertEqual(out["body"].read(), data[MIB:])
        self.assertIsNone(out.get("checksum"))

        # List Jobs with filters and pagination (Marker: the job to continue from).
        seen, marker = [], None
        while True:
            kw = {"vaultName": "up", "limit": "1", "completed": "true"}
            if marker:
                kw["marker"] = marker
            r = self.glacier.list_jobs(**kw)
            seen += [j["JobId"] for j in r["JobList"]]
            marker = r.get("Marker")
            if not marker:
                break
        self.assertEqual(seen, [whole["jobId"], ranged["jobId"], unaligned["jobId"]])
        r = self.glacier.list_jobs(vaultName="up", statuscode="InProgress")
        self.assertEqual(r["JobList"], [])
        with self.assertRaises(self.glacier.exceptions.InvalidParameterValueException):
            self.glacier.list_jobs(vaultName="up", statuscode="finished")

    def inventory(self, fmt):
        job = self.glacier.initiate_job(vaultName="seeded", jobParameters={
            "Type": "inventory-retrieval", "Format": fmt})
        d = self.glacier.describe_job(vaultName="seeded", jobId=job["jobId"])
        self.assertEqual(d["Action"], "InventoryRetrieval")
        self.assertEqual(d["InventoryRetrievalParameters"]["Format"], fmt)
        out = self.glacier.get_job_output(vaultName="seeded", jobId=job["jobId"])
        body = out["body"].read()
        self.assertEqual(len(body), d["InventorySizeInBytes"])
        self.assertIsNone(out.get("checksum"))
        return out, body

    def test_inventory_json(self):
        out, body = self.inventory("JSON")
        self.assertEqual(out["contentType"], "application/json")
        inv = json.loads(body)
        self.assertTrue(inv["VaultARN"].endswith(":vaults/seeded"))
        [a] = inv["ArchiveList"]
        self.assertEqual(a["ArchiveDescription"], self.hostile)
        self.assertEqual(a["Size"], len(self.seed_data))
        self.assertEqual(a["SHA256TreeHash"], tree_hash(self.seed_data))

    def test_inventory_csv(self):
        out, body = self.inventory("CSV")
        self.assertEqual(out["contentType"], "text/csv")
        rows = parse_amazon_csv(body.decode("utf-8"))
        self.assertEqual(rows[0], ["ArchiveId", "ArchiveDescription", "CreationDate", "Size",
                                   "SHA256TreeHash"])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][1], self.hostile)
        self.assertEqual(int(rows[1][3]), len(self.seed_data))
        self.assertEqual(rows[1][4], tree_hash(self.seed_data))

    def test_throttling_fault_and_counters(self):
        self.control("/_thaw/counters/reset", {})
        self.control("/_thaw/faults", {"throttle": 1})
        with self.assertRaises(self.glacier.exceptions.ClientError) as ctx:
            self.glacier.describe_vault(vaultName="seeded")
        self.assertEqual(ctx.exception.response["Error"]["Code"], "ThrottlingException")
        self.glacier.describe_vault(vaultName="seeded")
        counters = self.control("/_thaw/counters")
        self.assertEqual(counters["requests"]["DescribeVault"], 2)

    def test_bad_secret_rejected(self):
        bad = boto3.client("glacier", endpoint_url=self.base, region_name=REGION,
                           aws_access_key_id=ACCESS_KEY, aws_secret_access_key="wrong",
                           config=Config(retries={"total_max_attempts": 1}))
        with self.assertRaises(bad.exceptions.ClientError) as ctx:
            bad.list_vaults()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--emulator", required=True)
    args, rest = parser.parse_known_args()
    EMULATOR = args.emulator
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
