#!/usr/bin/env python3
"""Writes samples.json: archive descriptions built the way each tool builds them.

Each encoder below follows the tool's published format, independently of Thaw's decoder:
  - FastGlacier v3/v4: https://fastglacier.com/fastglacier-metadata-format.aspx
  - CrushFTP: https://www.crushftp.com/crush11wiki/Wiki.jsp?page=Glacier%20Integration
    (`<m><v>4</v><p>base64 path</p><lm>date</lm></m>`, no <ce>)
  - mt-aws-glacier mt2/mt1: App::MtAws::MetaData (lib/App/MtAws/MetaData.pm)
  - CloudBerry: JSON {"Path": UTF-7 path, "UTCDateModified": "yyyyMMddTHHmmssZ", "Flags": n}
    as described by CloudBerry on Stack Overflow; UTF-7 as .NET's UTF7Encoding writes it
    (RFC 2152 Set D and SP/TAB/CR/LF direct, everything else in modified base64).
Run from anywhere: python3 generate_samples.py  (rewrites samples.json next to this script)
"""
import base64
import json
import os
from datetime import datetime, timezone

FMT = "%Y%m%dT%H%M%SZ"


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ") if dt else None


def fast_glacier_v4(path, dt, size, md5="4340ebcf79712dc5e3ef7d50bab98ba5", comp=0, enc=0):
    p = base64.b64encode(path.encode("utf-8")).decode("ascii")
    return f"<m><v>4</v><p>{p}</p><lm>{dt.strftime(FMT)}</lm><ce>{comp}:{enc}:{md5}:{size}</ce></m>"


def fast_glacier_v3(path, dt, md5="9e107d9d372bb6826bd81d3542a419d6", comp=0, enc=0):
    p = base64.b64encode(path.encode("utf-8")).decode("ascii")
    return f"<m><v>3</v><p>{p}</p><lm>{dt.strftime(FMT)}</lm><ce>{comp}:{enc}:{md5}</ce></m>"


def crushftp(path, dt):
    p = base64.b64encode(path.encode("utf-8")).decode("ascii")
    return f"<m><v>4</v><p>{p}</p><lm>{dt.strftime(FMT)}</lm></m>"


def b64url(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def mt_json(path, dt, mtime_first):
    # JSON::XS->new->utf8: compact, non-ASCII left unescaped, key order unspecified.
    d = {"mtime": dt.strftime(FMT), "filename": path} if mtime_first else \
        {"filename": path, "mtime": dt.strftime(FMT)}
    return json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def mt2(path, dt, mtime_first=False):
    return "mt2 " + b64url(mt_json(path, dt, mtime_first))


def mt1(path, dt, mtime_first=False):
    # The historical bug: the UTF-8 JSON bytes read as Latin-1 and encoded to UTF-8 again.
    return "mt1 " + b64url(mt_json(path, dt, mtime_first).decode("latin-1").encode("utf-8"))


SET_D = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:?")
DIRECT = SET_D | set(" \t\r\n")
B64_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def utf7_dotnet(text):
    out, run = [], []

    def flush(next_char):
        if not run:
            return
        units = "".join(run).encode("utf-16-be")
        out.append("+" + base64.b64encode(units).decode("ascii").rstrip("="))
        # The '-' is only needed when the next character could be read as base64 or is '-'.
        if next_char is None or next_char in B64_CHARS or next_char == "-":
            out.append("-")
        run.clear()

    for i, ch in enumerate(text):
        if ch == "+" and not run:
            out.append("+-")
        elif ch in DIRECT:
            flush(ch)
            out.append(ch)
        else:
            run.append(ch)
    flush(None)
    return "".join(out)


def cloudberry(path, dt, flags=0):
    return json.dumps({"Path": utf7_dotnet(path), "UTCDateModified": dt.strftime(FMT),
                       "Flags": flags}, separators=(",", ":"))


def d(*a):
    return datetime(*a, tzinfo=timezone.utc)


def sample(raw, fmt, path, dt=None, size=None):
    return {"raw": raw, "format": fmt, "path": path, "modified": iso(dt), "size": size}


def main():
    s = []
    # Empty
    s.append(sample("", "empty", ""))
    # Plain paths (AWS CLI --archive-description, SAGU, scripts)
    for p in ["photos/2019/a.jpg", "backup-2021-03-01.tar.gz", "Documents/Taxes/2018 return.pdf",
              "/home/alice/archive/mail.mbox", "写真/東京/夜景.jpg"]:
        s.append(sample(p, "plain", p))
    # FastGlacier v4
    s.append(sample(fast_glacier_v4("glacier-dg.pdf", d(2012, 8, 21, 17, 8, 24), 54687,
                                    comp=1, enc=1),
                    "fastglacier-v4", "glacier-dg.pdf", d(2012, 8, 21, 17, 8, 24), 54687))
    s.append(sample(fast_glacier_v4("Photos/2019/Familie/Geburtstag Jürgen.jpg",
                                    d(2019, 7, 4, 12, 30, 0), 4823112),
                    "fastglacier-v4", "Photos/2019/Familie/Geburtstag Jürgen.jpg",
                    d(2019, 7, 4, 12, 30, 0), 4823112))
    s.append(sample(fast_glacier_v4("音楽/坂本龍一/戦場のメリークリスマス.flac",
                                    d(2016, 2, 29, 23, 59, 59), 31457280),
                    "fastglacier-v4", "音楽/坂本龍一/戦場のメリークリスマス.flac",
                    d(2016, 2, 29, 23, 59, 59), 31457280))
    s.append(sample(fast_glacier_v4("Backups/vm-disk.vhdx", d(2021, 1, 1, 0, 0, 0),
                                    5497558138880),
                    "fastglacier-v4", "Backups/vm-disk.vhdx", d(2021, 1, 1, 0, 0, 0),
                    5497558138880))
    # FastGlacier v3
    s.append(sample(fast_glacier_v3("glacier-dg.pdf", d(2012, 8, 21, 17, 8, 24), comp=1, enc=1),
                    "fastglacier-v3", "glacier-dg.pdf", d(2012, 8, 21, 17, 8, 24)))
    s.append(sample(fast_glacier_v3("Projects/thesis/chapter 3 – results.docx",
                                    d(2013, 5, 17, 8, 5, 3)),
                    "fastglacier-v3", "Projects/thesis/chapter 3 – results.docx",
                    d(2013, 5, 17, 8, 5, 3)))
    s.append(sample(fast_glacier_v3("Vacances/été 2012/plage 🏖️.png", d(2012, 9, 2, 14, 0, 0)),
                    "fastglacier-v3", "Vacances/été 2012/plage 🏖️.png", d(2012, 9, 2, 14, 0, 0)))
    # CrushFTP
    s.append(sample(crushftp("/uploads/clients/acme/invoice-0042.pdf", d(2022, 11, 3, 9, 15, 42)),
                    "crushftp", "/uploads/clients/acme/invoice-0042.pdf",
                    d(2022, 11, 3, 9, 15, 42)))
    s.append(sample(crushftp("/ftp/用户/报告.xlsx", d(2023, 6, 30, 18, 0, 1)),
                    "crushftp", "/ftp/用户/报告.xlsx", d(2023, 6, 30, 18, 0, 1)))
    s.append(sample(crushftp("/data/Ñandú/café.txt", d(2020, 12, 31, 23, 59, 59)),
                    "crushftp", "/data/Ñandú/café.txt", d(2020, 12, 31, 23, 59, 59)))
    # mt-aws-glacier mt2
    s.append(sample(mt2("photos/2012/img_0001.jpg", d(2012, 12, 25, 10, 0, 0)),
                    "mt-aws-glacier-v2", "photos/2012/img_0001.jpg", d(2012, 12, 25, 10, 0, 0)))
    s.append(sample(mt2("документы/отчёт за 2013.odt", d(2013, 3, 8, 6, 7, 8), mtime_first=True),
                    "mt-aws-glacier-v2", "документы/отчёт за 2013.odt", d(2013, 3, 8, 6, 7, 8)))
    s.append(sample(mt2("music/Beyoncé/Halo 🎵.mp3", d(1999, 12, 31, 23, 59, 59)),
                    "mt-aws-glacier-v2", "music/Beyoncé/Halo 🎵.mp3", d(1999, 12, 31, 23, 59, 59)))
    s.append(sample(mt2("old/scan.tif", d(1969, 7, 20, 20, 17, 40)),
                    "mt-aws-glacier-v2", "old/scan.tif", d(1969, 7, 20, 20, 17, 40)))
    # mt-aws-glacier mt1 (double-encoded, versions 0.80beta–0.84beta)
    s.append(sample(mt1("home/victor/file.txt", d(2013, 1, 5, 12, 0, 0)),
                    "mt-aws-glacier-v1", "home/victor/file.txt", d(2013, 1, 5, 12, 0, 0)))
    s.append(sample(mt1("Фото/Новый год.jpg", d(2013, 1, 1, 0, 0, 1), mtime_first=True),
                    "mt-aws-glacier-v1", "Фото/Новый год.jpg", d(2013, 1, 1, 0, 0, 1)))
    s.append(sample(mt1("日本/ファイル.txt", d(2012, 12, 28, 4, 5, 6)),
                    "mt-aws-glacier-v1", "日本/ファイル.txt", d(2012, 12, 28, 4, 5, 6)))
    # CloudBerry
    s.append(sample(cloudberry("C:\\Users\\bob\\Documents\\budget_2014.xlsx",
                               d(2014, 4, 1, 16, 20, 0)),
                    "cloudberry", "C:\\Users\\bob\\Documents\\budget_2014.xlsx",
                    d(2014, 4, 1, 16, 20, 0)))
    s.append(sample(cloudberry("mybucket/myfolder/my file+1.txt", d(2015, 10, 21, 7, 28, 0),
                               flags=1),
                    "cloudberry", "mybucket/myfolder/my file+1.txt", d(2015, 10, 21, 7, 28, 0)))
    s.append(sample(cloudberry("D:\\写真\\2015\\富士山.jpg", d(2015, 8, 1, 5, 0, 0), flags=3),
                    "cloudberry", "D:\\写真\\2015\\富士山.jpg", d(2015, 8, 1, 5, 0, 0)))
    s.append(sample(cloudberry("E:\\Music\\Sigur Ro\u0301s\\Ágætis byrjun 😀.flac",
                               d(2016, 1, 2, 3, 4, 5), flags=2),
                    "cloudberry", "E:\\Music\\Sigur Ro\u0301s\\Ágætis byrjun 😀.flac",
                    d(2016, 1, 2, 3, 4, 5)))
    # Unknown: malformed or not a name at all
    for raw in ["<m><v>4</v><p>!!!notbase64</p><lm>20120821T170824Z</lm></m>",
                "<m><v>4</v><p>Z2xhY2llci1kZy5wZGY=</p><lm>2012082",
                "mt2 %%%%",
                "{\"Path\":\"C:+AFw-x\",\"UTCDateModified\":\"not a date\",\"Flags\":0}",
                "line one\nline two"]:
        s.append(sample(raw, "unknown", raw))

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "samples.json"), "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
