"""When reminders are due, and what to do about each one.

Pure: habits, zones, times and "now" are passed in; nothing reads the clock or
the store. Instants are aware datetimes (results in UTC); days are habit-days.

- A reminder "HH:MM" of habit-day D fires at the first instant whose local wall
  time on D's calendar date reaches HH:MM (a time before `day_starts_at` lies on
  the next calendar date, still inside habit-day D). In a spring-forward gap that
  is the end of the gap; in the repeated fall-back hour, the first occurrence.
- One decision per habit per tick: the latest pending occurrence is acted on,
  older ones are "missed" (a laptop waking up gets no burst of stale nudges).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from habits.core.cadence import period_noun, period_of, this_period
from habits.core.habit import Habit
from habits.core.periods import WEEKDAYS, day_start_instant, local_day
from habits.core.risk import may_be_at_risk

AT_RISK = "at-risk"
SNOOZE_PREFIX = "snooze:"
KIND_RANK = {"reminder": 0, "snooze": 1, "at-risk": 2}  # on a tie, the most specific wins


@dataclass(frozen=True)
class Occurrence:
    slug: str
    day: date  # the habit-day it belongs to
    slot: str  # "07:45", "at-risk" or "snooze:<UTC instant>"
    due: datetime  # aware, UTC
    kind: str = "reminder"  # "reminder" | "at-risk" | "snooze"

    @property
    def key(self) -> tuple[str, date, str]:
        return (self.slug, self.day, self.slot)


@dataclass(frozen=True)
class HabitState:
    """What the daemon needs to know about a habit for the relevant person, as of today."""

    done: bool = False
    done_by: tuple[str, ...] = ()
    excused: str | None = None  # why the period is excused, or None
    streak: int = 0
    at_risk: bool = False
    total: int = 0  # a measured habit's total this period (thousandths), of the relevant person(s)


@dataclass(frozen=True)
class Decision:
    occurrence: Occurrence
    status: str  # "send" | "suppressed" | "deferred" | "missed"
    reason: str = ""
    until: datetime | None = None  # for "deferred": when to try again (UTC)


def wall_instant(calendar_day: date, at: time, tz: tzinfo) -> datetime:
    """The first instant (UTC) whose local wall time on calendar_day reaches `at`."""
    return day_start_instant(calendar_day, tz, at).astimezone(timezone.utc)


def slot_instant(day: date, at: time, tz: tzinfo, day_starts_at: time = time(0)) -> datetime:
    """When wall time `at` of habit-day `day` happens (UTC)."""
    calendar_day = day if at >= day_starts_at else day + timedelta(days=1)
    return wall_instant(calendar_day, at, tz)


def _hhmm(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def occurrences(
    habits: Iterable[Habit],
    since: datetime,
    until: datetime,
    *,
    tz: tzinfo,
    day_starts_at: time = time(0),
    at_risk_time: time = time(21),
    week_start: int = 0,
) -> list[Occurrence]:
    """Every reminder and at-risk check due in the window (since, until], in time order.

    Reminders honour the habit's weekdays; the at-risk check does not (daily habits
    every day, weekly ones on the last days of the week where it may be at risk: the
    last for once a week, the last two for twice...), and only habits with reminders
    get one.
    """
    active = [h for h in habits if not h.archived and h.reminders]
    first = local_day(since, tz, day_starts_at) - timedelta(days=1)
    last = local_day(until, tz, day_starts_at) + timedelta(days=1)
    out: list[Occurrence] = []
    day = first
    while day <= last:
        weekday = WEEKDAYS[day.weekday()]
        for habit in active:
            if not habit.days or weekday in habit.days:
                for text in habit.reminders:
                    due = slot_instant(day, _hhmm(text), tz, day_starts_at)
                    if since < due <= until:
                        out.append(Occurrence(habit.slug, day, text, due))
            if habit.measure_kind == "at_most":
                continue  # a limit is never at risk: its period is judged once it is over
            left = (period_of(habit, day, week_start)[1] - day).days + 1
            if may_be_at_risk(left, 1 if habit.measured else habit.target):
                due = slot_instant(day, at_risk_time, tz, day_starts_at)
                if since < due <= until:
                    out.append(Occurrence(habit.slug, day, AT_RISK, due, AT_RISK))
        day += timedelta(days=1)
    return sorted(out, key=lambda o: (o.due, o.slug, KIND_RANK[o.kind], o.slot))


def snooze_occurrence(slug: str, due: datetime, tz: tzinfo, day_starts_at: time = time(0)) -> Occurrence:
    """A snooze is a reminder time of its own (so "never twice" still holds for it)."""
    due = due.astimezone(timezone.utc).replace(microsecond=0)
    slot = SNOOZE_PREFIX + due.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Occurrence(slug, local_day(due, tz, day_starts_at), slot, due, "snooze")


@dataclass(frozen=True)
class SnoozePlan:
    """When a snoozed nudge will really come (UTC), or None with why it will not."""

    when: datetime | None
    why: str = ""  # why it will not come, or why it comes later than asked


def snooze_delivery(
    habit: Habit,
    state: HabitState,
    *,
    now: datetime,
    delay: timedelta,
    tz: tzinfo,
    day_starts_at: time,
    week_start: int,
    quiet: tuple[time, time],
) -> SnoozePlan:
    """When a snooze asked for at `now` would really nudge: after `delay`, pushed past
    quiet hours, and only while the habit's current period (day or week) lasts and it
    is neither done nor excused; otherwise no nudge at all."""
    period = this_period(habit)
    if state.done:
        return SnoozePlan(None, f"it is done {period} already")
    if state.excused:
        return SnoozePlan(None, f"it is {state.excused.replace('excused: ', 'excused ')} {period}")
    asked = (now + delay).astimezone(timezone.utc).replace(microsecond=0)
    when = quiet_until(asked, tz, quiet) or asked
    last = period_of(habit, local_day(now, tz, day_starts_at), week_start)[1]
    if local_day(when, tz, day_starts_at) > last:
        ends = day_start_instant(last + timedelta(days=1), tz, day_starts_at).astimezone(tz)
        what = f"the {period_noun(habit)}"
        boundary = f"{ends:%H:%M}" if habit.cadence == "daily" else f"{ends:%a %H:%M}"
        if when != asked:
            return SnoozePlan(
                None, f"quiet hours last until {when.astimezone(tz):%a %H:%M}, after {what} ends ({boundary})"
            )
        return SnoozePlan(None, f"{what} ends ({boundary}) before {asked.astimezone(tz):%a %H:%M}")
    return SnoozePlan(when, "after quiet hours" if when != asked else "")


def quiet_until(now: datetime, tz: tzinfo, quiet: tuple[time, time]) -> datetime | None:
    """The end of the quiet hours `now` falls in (UTC), or None outside them.
    Equal start and end mean no quiet hours; start > end wraps past midnight."""
    start, end = quiet
    if start == end:
        return None
    local = now.astimezone(tz)
    wall = local.time().replace(tzinfo=None)
    if start < end:
        inside = start <= wall < end
        end_day = local.date()
    else:
        inside = wall >= start or wall < end
        end_day = local.date() + timedelta(days=1) if wall >= start else local.date()
    return wall_instant(end_day, end, tz) if inside else None


def decide(
    pending: Sequence[Occurrence],
    states: Mapping[str, HabitState],
    habits: Mapping[str, Habit],
    *,
    now: datetime,
    tz: tzinfo,
    day_starts_at: time,
    week_start: int,
    quiet: tuple[time, time],
) -> list[Decision]:
    """What to do with the pending occurrences (due and not yet acted on)."""
    today = local_day(now, tz, day_starts_at)
    groups: dict[str, list[Occurrence]] = {}
    for occ in pending:
        groups.setdefault(occ.slug, []).append(occ)
    out: list[Decision] = []
    for slug, group in groups.items():
        group.sort(key=lambda o: (o.due, KIND_RANK[o.kind]))
        latest = group[-1]
        for older in group[:-1]:
            if older.due == latest.due:
                out.append(
                    Decision(
                        older, "suppressed", f"merged into the {_label(latest)} nudge due at the same time"
                    )
                )
            else:
                when = older.due.astimezone(tz).strftime("%a %H:%M")
                out.append(
                    Decision(
                        older,
                        "missed",
                        f"not sent at {when} (daemon not running or asleep); only the latest is caught up",
                    )
                )
        habit = habits.get(slug)
        if habit is None:  # deleted or archived since
            out.append(Decision(latest, "suppressed", "the habit is archived or deleted"))
            continue
        out.append(
            _decide_one(latest, habit, states.get(slug, HabitState()), now, today, tz, week_start, quiet)
        )
    return sorted(out, key=lambda d: (d.occurrence.due, d.occurrence.slug, d.occurrence.slot))


def _decide_one(
    occ: Occurrence,
    habit: Habit,
    state: HabitState,
    now: datetime,
    today: date,
    tz: tzinfo,
    week_start: int,
    quiet: tuple[time, time],
) -> Decision:
    if today > period_of(habit, occ.day, week_start)[1]:
        return Decision(occ, "missed", f"its {period_noun(habit)} was over before it could be sent")
    if state.done:
        who = ", ".join(state.done_by) or "you"
        return Decision(occ, "suppressed", f"already done by {who}")
    if state.excused:
        return Decision(occ, "suppressed", state.excused)
    if occ.kind == AT_RISK and not state.at_risk:
        return Decision(occ, "suppressed", "no streak to lose" if state.streak < 1 else "not at risk yet")
    end = quiet_until(now, tz, quiet)
    if end is not None:
        return Decision(occ, "deferred", f"quiet hours until {end.astimezone(tz):%H:%M}", until=end)
    return Decision(occ, "send")


def _label(occ: Occurrence) -> str:
    return {"reminder": f"{occ.slot} reminder", "snooze": "snoozed", AT_RISK: "at-risk"}[occ.kind]


def boundary_text(day_starts_at: time) -> str:
    return "midnight" if day_starts_at == time(0) else f"{day_starts_at:%H:%M}"


def nudge_body(
    habit: Habit,
    occ: Occurrence,
    state: HabitState,
    day_starts_at: time = time(0),
    suggestion: str | None = None,
) -> str:
    """A short nudge with the streak, then the suggestion if any (the weekly date's
    haunt); every third day (by day ordinal) the why line too."""
    unit = period_noun(habit)
    if occ.kind == AT_RISK:
        return f"Your {state.streak}-{unit} streak ends at {boundary_text(day_starts_at)}."
    period = this_period(habit)
    if habit.measured:
        from habits.core.cadence import total_text

        so_far = total_text(habit, state.total)
        text = (
            f"Keep your {state.streak}-{unit} streak going: {so_far}." if state.streak >= 1 else f"{so_far}."
        )
        text = text[0].upper() + text[1:]
    elif state.streak >= 1:
        text = f"Keep your {state.streak}-{unit} streak going: not done yet {period}."
    else:
        text = f"Not done yet {period}."
    if suggestion:
        text += "\n" + suggestion
    if habit.why and occ.day.toordinal() % 3 == 0:
        text += "\n" + habit.why
    return text
