#!/usr/bin/env python3
"""Writes pathways/data/bank-holidays.json: England and Wales bank holidays 2018-2027 in the
gov.uk format (https://www.gov.uk/bank-holidays.json). Rules plus the one-off proclamations;
run from the repository root and commit the JSON. Check against gov.uk when extending."""
import datetime as dt
import json
import sys

D = dt.date
NYD = "New Year\u2019s Day"


def easter(y):  # anonymous Gregorian algorithm (Meeus/Jones/Butcher)
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)


def first_monday(y, m):
    d = D(y, m, 1)
    return d + dt.timedelta(days=(0 - d.weekday()) % 7)


def last_monday(y, m):
    d = (D(y, m + 1, 1) if m < 12 else D(y + 1, 1, 1)) - dt.timedelta(days=1)
    return d - dt.timedelta(days=d.weekday())


def year_events(y):
    ev = []
    ny = D(y, 1, 1)
    if ny.weekday() == 5:
        ev.append((D(y, 1, 3), NYD, "Substitute day"))
    elif ny.weekday() == 6:
        ev.append((D(y, 1, 2), NYD, "Substitute day"))
    else:
        ev.append((ny, NYD, ""))
    e = easter(y)
    ev.append((e - dt.timedelta(days=2), "Good Friday", ""))
    ev.append((e + dt.timedelta(days=1), "Easter Monday", ""))
    if y == 2020:
        ev.append((D(2020, 5, 8), "Early May bank holiday (VE day)", ""))
    else:
        ev.append((first_monday(y, 5), "Early May bank holiday", ""))
    if y == 2023:
        ev.append((D(2023, 5, 8), "Bank holiday for the coronation of King Charles III", ""))
    if y == 2022:
        ev.append((D(2022, 6, 2), "Spring bank holiday", ""))
        ev.append((D(2022, 6, 3), "Platinum Jubilee bank holiday", ""))
        ev.append((D(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II", ""))
    else:
        ev.append((last_monday(y, 5), "Spring bank holiday", ""))
    ev.append((last_monday(y, 8), "Summer bank holiday", ""))
    xmas = D(y, 12, 25)
    wd = xmas.weekday()
    if wd == 5:  # Saturday: both move to Monday and Tuesday
        ev.append((D(y, 12, 27), "Christmas Day", "Substitute day"))
        ev.append((D(y, 12, 28), "Boxing Day", "Substitute day"))
    elif wd == 6:  # Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday
        ev.append((D(y, 12, 26), "Boxing Day", ""))
        ev.append((D(y, 12, 27), "Christmas Day", "Substitute day"))
    elif wd == 4:  # Friday: Boxing Day falls on Saturday, moves to Monday
        ev.append((xmas, "Christmas Day", ""))
        ev.append((D(y, 12, 28), "Boxing Day", "Substitute day"))
    else:
        ev.append((xmas, "Christmas Day", ""))
        ev.append((D(y, 12, 26), "Boxing Day", ""))
    return ev


EXPECTED_EASTER = {2018: D(2018, 4, 1), 2019: D(2019, 4, 21), 2020: D(2020, 4, 12), 2021: D(2021, 4, 4),
                   2022: D(2022, 4, 17), 2023: D(2023, 4, 9), 2024: D(2024, 3, 31), 2025: D(2025, 4, 20),
                   2026: D(2026, 4, 5), 2027: D(2027, 3, 28)}


def main():
    for y, e in EXPECTED_EASTER.items():
        assert easter(y) == e, (y, easter(y))
    events = []
    for y in range(2018, 2028):
        for date, title, notes in sorted(year_events(y)):
            assert date.weekday() < 5, (date, title)
            events.append({"title": title, "date": date.isoformat(), "notes": notes,
                           # gov.uk flies no bunting for Good Friday or the state funeral
                           "bunting": title != "Good Friday" and "Funeral" not in title})
    doc = {"england-and-wales": {"division": "england-and-wales", "events": events}}
    out = sys.argv[1] if len(sys.argv) > 1 else "pathways/data/bank-holidays.json"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(events)} events written to {out}")


if __name__ == "__main__":
    main()
