"""Per-person reminder times: `habits edit HABIT --remind HH:MM --for NAME` moves one
person's reminders only (two configs on one store, SQLite and PostgreSQL); `list
--json` and `show` tell them; each daemon nudges its person at that person's times."""

import json
from datetime import datetime, timezone

import pytest
from couples import as_couple

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.notify import Delivery

ALEX = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Sam"\npartner = "Alex"\n'


@pytest.fixture
def sam(habits):
    return as_couple(habits, "Europe/Berlin")


def kiss_slots(ok, *config):
    """The kiss reminders that person's daemon has planned for the next 24 hours."""
    upcoming = json.loads(ok(*config, "reminders", "--json").stdout)
    return sorted(u["slot"] for u in upcoming if u["habit"] == "six-second-kiss" and u["kind"] == "reminder")


def listed(ok):
    return {h["slug"]: h for h in json.loads(ok("list", "--json").stdout)}


def test_alex_moving_the_kiss_reminder_leaves_sams_where_it_was(habits, ok, sam):
    assert kiss_slots(ok) == kiss_slots(ok, *sam) == ["07:45", "19:30"]
    result = ok("edit", "kiss", "--remind", "21:30", "--remind", "7:00", "--for", "me")
    assert result.stdout == "Alex is reminded of Six-second kiss at 07:00, 21:30.\n"
    assert kiss_slots(ok) == ["07:00", "21:30"]
    assert kiss_slots(ok, *sam) == ["07:45", "19:30"]
    habits_now = listed(ok)
    assert habits_now["six-second-kiss"]["reminders"] == ["07:45", "19:30"]
    assert habits_now["six-second-kiss"]["reminders_for"] == {"Alex": ["07:00", "21:30"]}
    assert habits_now["ask-about-their-day"]["reminders_for"] == {}
    assert "  Alex's reminders: 07:00 21:30\n" in ok(*sam, "show", "kiss").stdout

    ok(*sam, "edit", "kiss", "--remind", "08:00")  # the habit's times: Sam's, not Alex's
    assert kiss_slots(ok) == ["07:00", "21:30"] and kiss_slots(ok, *sam) == ["08:00"]
    ok(*sam, "edit", "kiss", "--remind", "20:00", "--for", "alex")  # Sam sets them for Alex
    assert kiss_slots(ok) == ["20:00"]

    assert ok("edit", "kiss", "--no-remind", "--for", "Alex").stdout == (
        "Alex is reminded of Six-second kiss at the habit's times again.\n"
    )
    assert kiss_slots(ok) == ["08:00"] and listed(ok)["six-second-kiss"]["reminders_for"] == {}
    assert "nothing changed" in ok("edit", "kiss", "--no-remind", "--for", "me").stdout


@pytest.mark.parametrize(
    ("args", "code", "sentence"),
    [
        (
            ["--remind", "07:00", "--for", "Jo"],
            1,
            "--for 'Jo' is not one of the couple; use 'me' or 'Alex' or 'Sam'.",
        ),
        (["--for", "me"], 2, "--for NAME needs --remind HH:MM"),
        (["--remind", "07:00", "--no-remind", "--for", "me"], 2, "--for NAME needs --remind HH:MM"),
        (
            ["--remind", "07:00", "--title", "Kiss", "--for", "me"],
            2,
            "--for NAME goes only with --remind or --no-remind, not with --title;",
        ),
        (["--remind", "7.00", "--for", "me"], 1, "'7.00'"),
    ],
)
def test_bad_for_is_refused_and_changes_nothing(habits, ok, sam, args, code, sentence):
    ok("list")
    before = habits.dump()
    result = habits("edit", "kiss", *args)
    assert result.exit_code == code, result.output
    assert sentence in result.stderr and "Traceback" not in result.output
    assert habits.dump() == before


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.titles: list[str] = []

    def send(self, title, message, timeout):
        self.titles.append(title)
        return Delivery(True, "shown")


def test_each_daemon_nudges_its_person_at_that_persons_times(habits, ok, sam):
    ok("edit", "kiss", "--remind", "07:00", "--for", "me")
    habits.clock.instant = datetime(2026, 3, 12, 5, 59, tzinfo=timezone.utc)  # 06:59 in Berlin
    engines = {}
    for name, config in (("Alex", ALEX), ("Sam", SAM)):
        habits.write_config(config)
        app = AppContext(clock=habits.clock)
        engines[name] = Reminders(app.store, app.config, name, Recorder(), people=app.people)
        engines[name].tick(habits.clock.now())  # the first look: nothing due yet
    at = datetime(2026, 3, 12, 6, 1, tzinfo=timezone.utc)  # 07:01
    alex, sam_sent = engines["Alex"].tick(at), engines["Sam"].tick(at)
    assert [(o.occurrence.slug, o.occurrence.slot, o.status) for o in alex] == [
        ("six-second-kiss", "07:00", "sent")
    ]
    assert sam_sent == []
    at = datetime(2026, 3, 12, 6, 46, tzinfo=timezone.utc)  # 07:46: the habit's 07:45 is Sam's only
    assert engines["Alex"].tick(at) == []
    assert [(o.occurrence.slot, o.status) for o in engines["Sam"].tick(at)] == [("07:45", "sent")]
