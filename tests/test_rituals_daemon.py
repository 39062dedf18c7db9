"""The daemon's ritual nudges, against a private dbus-daemon and the fake notification
server (tests/fakenotify.py), two configs on one store: the weekly check-in on the
review day, the question of the day, and "Sam answered — answer yours to see it";
each once (across a restart too), not when already answered, deferred in quiet hours,
never an old one after a first start, and never the partner's words."""

import json
from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("jeepney", reason="the dbus backend (and jeepney) is for Linux")

from couplerig import ALEX, NOTIFY, CoupleRig, couple_rig

UTC = timezone.utc
SUNDAY = datetime(2026, 3, 15, 11, 0, tzinfo=UTC)  # 12:00 in Berlin, a Sunday
REVIEW = datetime(2026, 3, 15, 18, 0, 30, tzinfo=UTC)  # 19:00:30 in Berlin
QUESTION = datetime(2026, 3, 15, 19, 0, 30, tzinfo=UTC)  # 20:00:30 in Berlin
CHECKIN = (
    "checkin",
    "--appreciate",
    "the soup",
    "--went-well",
    "walks",
    "--work-on",
    "phones",
    "--connected",
    "4",
)
CHECKIN_TITLE = "Time for your weekly check-in"


class Rig(CoupleRig):
    def answer(self, person, text):
        self.ok("answer", text, person=person)

    def checkin(self, person):
        args = ("--appreciate", "the soup", "--went-well", "our walks", "--work-on", "phones at dinner")
        self.ok("checkin", *args, "--connected", "4", person=person)

    def titles(self):
        return [s.summary for s in self.server.shown.values()]


@pytest.fixture
def rig(habits, tmp_path):
    with couple_rig(habits, tmp_path, SUNDAY, rig=Rig) as r:  # only the rituals nudge here
        yield r


def test_the_review_day_brings_the_check_in_nudge_once_and_not_to_who_has_done_it(rig):
    sam = rig.daemon("Sam")
    rig.checkin("Sam")  # Sam did it at noon
    rig.at(REVIEW - timedelta(minutes=1), rig.alex)
    assert CHECKIN_TITLE not in rig.titles()  # not before its time
    rig.at(REVIEW, rig.alex, sam)
    rig.at(REVIEW + timedelta(minutes=1), rig.alex, sam)
    rig.alex = rig.daemon("Alex")  # a restart: the mark is in the store
    rig.at(REVIEW + timedelta(minutes=2), rig.alex)
    assert rig.titles().count(CHECKIN_TITLE) == 1  # Alex's, never twice; none for Sam
    shown = [s for s in rig.server.shown.values() if s.summary == CHECKIN_TITLE]
    assert shown[0].actions == []  # no buttons that could not work
    log = rig.ok("reminders", "--log").stdout
    assert "2026-03-15 19:00  Weekly check-in [checkin] sent for Alex" in log, log
    entries = json.loads(rig.ok("reminders", "--log", "--json").stdout)
    assert [(e["habit"], e["day"], e["person"], e["status"]) for e in entries] == [
        ("checkin", "2026-03-09", "Alex", "sent")
    ]


def test_no_check_in_nudge_on_another_day(rig):
    rig.at(REVIEW - timedelta(days=1), rig.alex)
    rig.at(REVIEW - timedelta(days=1) + timedelta(minutes=5), rig.alex)
    assert CHECKIN_TITLE not in rig.titles()


def test_the_question_of_the_day_comes_at_its_time_unless_answered(rig):
    sam = rig.daemon("Sam")
    rig.at(QUESTION - timedelta(minutes=30))
    rig.answer("Sam", "The walk by the river")
    rig.checkin("Alex")
    rig.checkin("Sam")
    rig.at(QUESTION - timedelta(minutes=30), rig.alex, sam)  # Sam's answer: Alex hears of it
    assert rig.titles() == ["Sam answered today's question — answer yours to see it"]
    rig.at(QUESTION, rig.alex, sam)
    rig.at(QUESTION + timedelta(minutes=1), rig.alex, sam)
    assert rig.titles() == ["Sam answered today's question — answer yours to see it", "Today's question"]
    question = rig.ok("question").stdout
    for shown in rig.server.shown.values():
        first, hint = shown.body.splitlines()
        assert first in question  # today's question, the same as `habits question` shows
        assert hint == "`habits answer TEXT` answers it."
        assert "river" not in shown.body and shown.actions == []  # Sam's answer stays sealed
    rig.answer("Alex", "Our first dinner at the harbour")
    rig.at(QUESTION + timedelta(minutes=2), rig.alex, sam)
    assert len(rig.titles()) == 2  # both answered: Sam is not told of Alex's answer


def test_quiet_hours_defer_a_ritual_nudge_to_their_end(rig):
    rig.h.write_config(ALEX + NOTIFY + '[reminders]\nquiet_hours = ["19:30", "21:00"]\n')
    rig.alex = rig.daemon("Alex")
    for minutes in range(0, 60, 10):
        rig.at(QUESTION + timedelta(minutes=minutes), rig.alex)
    assert rig.titles() == []
    rig.at(QUESTION + timedelta(hours=1), rig.alex)  # 21:00:30: the quiet hours are over
    assert rig.titles() == ["Today's question"]


def test_a_first_start_long_after_brings_no_old_ritual_nudge(rig):
    rig.h.write_config(ALEX + NOTIFY + '[reminders]\nquiet_hours = ["00:00", "00:00"]\n')
    rig.alex = rig.daemon("Alex")
    rig.at(QUESTION - timedelta(hours=2))
    rig.answer("Sam", "The walk by the river")
    rig.at(QUESTION + timedelta(hours=2, minutes=30), rig.alex)  # 22:30: past catch_up (2 h)
    assert rig.titles() == []


def test_rituals_follow_reminders_enabled_false(rig):
    rig.h.write_config(ALEX + NOTIFY + "[reminders]\nenabled = false\n")
    rig.alex = rig.daemon("Alex")
    rig.at(REVIEW, rig.alex)
    rig.at(QUESTION, rig.alex)
    assert rig.titles() == []


def test_the_ritual_times_are_checked_with_one_sentence(habits):
    habits.write_config('[rituals]\nreview_day = "someday"\n')
    result = habits("config", "check")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "rituals.review_day" in result.stderr and "someday" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    habits.write_config('[rituals]\nreview_day = "Sat"\nreview_time = "18:30"\nquestion_time = "21:15"\n')
    assert habits("config", "check").exit_code == 0


def test_sams_check_in_tells_alex_once_and_never_its_words(rig):
    sam = rig.daemon("Sam")
    rig.at(SUNDAY, rig.alex, sam)
    rig.checkin("Sam")
    rig.at(SUNDAY + timedelta(minutes=1), rig.alex, sam)
    rig.alex = rig.daemon("Alex")
    rig.at(SUNDAY + timedelta(minutes=2), rig.alex, sam)
    assert rig.titles() == ["Sam did this week's check-in — do yours to see it"]
    assert all("soup" not in s.body for s in rig.server.shown.values())
    rig.checkin("Alex")
    rig.at(SUNDAY + timedelta(minutes=3), rig.alex, sam)
    assert len(rig.titles()) == 1  # Sam had checked in already: nothing to tell Sam
