#!/usr/bin/env python3
"""Independent reference table for src/domain/lunar.rs: Tết, Hùng Kings' day and the leap month
of every lunar year 1968-2100 in the Vietnamese calendar (UTC+07:00).

The astronomy comes from PyEphem (libastro: VSOP87 for the Sun, ELP2000-82B for the Moon),
not from the Meeus series the Rust module uses. The calendar rules are applied to event
*dates* (a new moon or a major solar term belongs to the local day on which it happens at
+07:00), while the Rust module tests the Sun's longitude at local midnight; the two
formulations agree only if both are right.

Rules (Hồ Ngọc Đức, "Thuật toán tính âm lịch"; the same rules as the Chinese 1645 reform):
  * a month starts on the local day of a new moon;
  * month 11 is the month containing the December solstice;
  * when 13 months lie between two months 11, the first month after month 11 that contains no
    major solar term (trung khí: the Sun's apparent longitude a multiple of 30°) is leap and
    repeats the number of the month before it.

Run:  pip install ephem==4.2.1 && python3 tests/data/gen_lunar.py > tests/data/lunar-1968-2100.csv
"""

import math
import sys
from datetime import date, datetime, timedelta

import ephem

OFFSET = timedelta(hours=7)
FIRST_YEAR, LAST_YEAR = 1968, 2100


def local_day(instant):
    """The +07:00 calendar day on which an ephem instant (UT) falls."""
    return (ephem.Date(instant).datetime() + OFFSET).date()


def local_midnight(day):
    """The ephem instant (UT) at which a +07:00 calendar day begins."""
    return ephem.Date(datetime(day.year, day.month, day.day) - OFFSET)


def sun_longitude(instant):
    """Apparent geocentric ecliptic longitude of the Sun, equinox of date, in radians."""
    sun = ephem.Sun()
    sun.compute(instant)
    equatorial = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=instant)
    return float(ephem.Ecliptic(equatorial, epoch=instant).lon)


def major_term(target_degrees, guess):
    """Instant near `guess` at which the Sun's longitude is `target_degrees` (Newton's method)."""
    target = math.radians(target_degrees)
    instant = float(guess)
    for _ in range(20):
        error = (sun_longitude(instant) - target + math.pi) % (2 * math.pi) - math.pi
        step = error / (2 * math.pi) * 365.2422
        instant -= step
        if abs(step) < 1e-7:
            return ephem.Date(instant)
    raise RuntimeError(f"no convergence for {target_degrees}° near {ephem.Date(guess)}")


def major_term_days(first_year, last_year):
    """Local days of every major solar term from first_year to last_year."""
    days = set()
    for year in range(first_year, last_year + 1):
        march = ephem.next_equinox(f"{year}/1/1")
        for index in range(12):
            degrees = index * 30
            guess = float(march) + index * 365.2422 / 12
            instant = major_term(degrees, guess)
            if degrees in (90, 270):
                # Cross-check the longitude conversion against PyEphem's own solstices.
                solstice = ephem.next_solstice(ephem.Date(instant - 5))
                assert abs(float(solstice) - float(instant)) < 2 / 1440, (year, degrees)
            days.add(local_day(instant))
    return days


def month_11(year):
    """First day of the lunar month that contains the December solstice of `year`."""
    solstice_day = local_day(ephem.next_solstice(f"{year}/12/1"))
    end_of_day = local_midnight(solstice_day + timedelta(days=1))
    return local_day(ephem.previous_new_moon(end_of_day))


def months_between(start, end):
    """First days of the months from `start` (a month 11) to `end` (the next month 11)."""
    starts = [start]
    instant = local_midnight(start + timedelta(days=1))
    while starts[-1] < end:
        new_moon = ephem.next_new_moon(instant)
        starts.append(local_day(new_moon))
        instant = new_moon
    assert starts[-1] == end, (start, end, starts)
    return starts


def labelled_months(span_year, term_days):
    """(first day, month number, leap) for the months from month 11 of span_year - 1 up to,
    not including, month 11 of span_year; plus that next month-11 start."""
    starts = months_between(month_11(span_year - 1), month_11(span_year))
    count = len(starts) - 1
    assert count in (12, 13), (span_year, count)
    leap_index = None
    if count == 13:
        for index in range(1, 13):
            begin, end = starts[index], starts[index + 1]
            if not any(begin + timedelta(days=d) in term_days for d in range((end - begin).days)):
                leap_index = index
                break
        assert leap_index is not None, span_year
    months = []
    regular = 10  # index 0 is month 11
    for index in range(count):
        leap = index == leap_index
        if not leap:
            regular = regular % 12 + 1
        months.append((starts[index], regular, leap))
    return months


def main():
    term_days = major_term_days(FIRST_YEAR - 2, LAST_YEAR + 2)
    spans = {y: labelled_months(y, term_days) for y in range(FIRST_YEAR, LAST_YEAR + 2)}
    out = sys.stdout
    out.write(f"# Vietnamese lunar calendar at UTC+07:00, computed with PyEphem {ephem.__version__}\n")
    out.write("# by tests/data/gen_lunar.py; see tests/data/README.md. Do not edit by hand.\n")
    out.write("year,tet,hung_kings,leap_month\n")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        # Months 1-10 of lunar year `year` lie in spans[year]; its months 11-12 in spans[year + 1].
        own = [m for m in spans[year] if m[1] <= 10] + [m for m in spans[year + 1] if m[1] >= 11]
        tet = next(start for start, number, leap in own if number == 1 and not leap)
        month_3 = next(start for start, number, leap in own if number == 3 and not leap)
        leaps = [number for _, number, leap in own if leap]
        assert len(leaps) <= 1, (year, leaps)
        hung_kings = month_3 + timedelta(days=9)
        leap_month = str(leaps[0]) if leaps else ""
        out.write(f"{year},{tet.isoformat()},{hung_kings.isoformat()},{leap_month}\n")


if __name__ == "__main__":
    main()
