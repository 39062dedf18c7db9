"""Commands about the habits themselves: list, show, add, edit, archive, delete, catalog."""

from __future__ import annotations

from typing import Any

import click

from habits.cli.context import AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo, emit_json, schedule, style
from habits.core.periods import unit_of
from habits.errors import BadValue, UsageError


@click.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include archived habits.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, show_all: bool, as_json: bool) -> None:
    """Habits and their schedules."""
    from habits.store import own_times, queries

    with app.read() as conn:
        habits = queries.habits(conn, include_archived=show_all)
        overrides = own_times.load(conn) if as_json else {}
    if as_json:  # reminders_for: only the people with times of their own
        emit_json(
            [
                {
                    **h.as_json(),
                    "reminders_for": {p: list(t) for p, t in overrides.get(h.id or 0, {}).items()},
                }
                for h in habits
            ]
        )
        return
    if not habits:
        echo("No habits. Add one with `habits add` or pick from `habits catalog`.")
        return
    width = max(len(h.slug) for h in habits)
    for h in habits:
        flag = style(" (archived)", dim=True) if h.archived else ""
        echo(f"{h.slug:<{width}}  {clean(h.title)} — {schedule(h)}, {h.who}{flag}")


@click.command("show")
@habit_argument()
@pass_app
def show(app: AppContext, habit: str) -> None:
    """One habit: schedule, why, streaks."""
    from habits.reports import load_checkpoints, reports
    from habits.store import own_times
    from habits.store.excuses import skip_log

    with app.read() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        (report,) = reports(
            conn,
            [h],
            as_of=app.today(),
            week_start=app.config.week_starts_on,
            people=app.people,
            checkpoints=load_checkpoints(conn, [h]),
        )
        skips = skip_log(conn, habit_id=h.id, newest=RECENT_SKIPS)
        own = own_times.load(conn, [h.id or 0]).get(h.id or 0, {})
    s = report.stats
    unit = unit_of(h.cadence)
    from habits.core.cadence import period_noun

    echo(style(clean(h.title), bold=True) + f"  ({h.slug}{', archived' if h.archived else ''})")
    echo(f"  schedule: {schedule(h)}")
    if h.measured:
        from habits.core.cadence import measure_text, total_text

        echo(
            f"  measure:  {clean(measure_text(h))} per {period_noun(h)} ({clean(total_text(h, report.total))})"
        )
    for person, times in own.items():  # their own reminder times, in place of the habit's
        echo(f"  {clean(person)}'s reminders: {' '.join(times)}")
    echo(f"  who:      {h.who}" + (" (each of you does it)" if h.who == "each" else " (one shared act)"))
    echo(f"  since:    {h.created_on.isoformat() if h.created_on else '?'}")
    echo(f"  streak:   {s.current} {unit} (longest {s.longest}), strength {s.strength:.0%}")
    if h.why:
        echo(f"  why:      {clean(h.why)}")
    for n, skip in enumerate(reversed(skips)):  # the latest first
        who = f" ({clean(skip['person'])})" if skip["person"] else ""
        reason = f" — {clean(skip['reason'])}" if skip["reason"] else ""
        echo(f"  {'skipped:' if n == 0 else '':<9} {skip['day'].isoformat()}{who}{reason}")


RECENT_SKIPS = 5  # how many of a habit's latest skips `show` lists


def habit_options(for_edit: bool):
    """The options `add` and `edit` share."""

    def decorate(f):
        opts = [
            click.option("--title", help="What you call it."),
            click.option("--daily", "cadence", flag_value="daily", help="Once (or --times N) a day."),
            click.option("--weekly", "cadence", flag_value="weekly", help="Once (or --times N) a week."),
            click.option(
                "--monthly", "cadence", flag_value="monthly", help="Once (or --times N) a calendar month."
            ),
            click.option(
                "--every",
                type=int,
                metavar="N",
                help="Once (or --times K) in every block of N days, counted from the habit's first day.",
            ),
            click.option(
                "--times", type=int, metavar="N", help="Check-ins needed per period (yes/no habits)."
            ),
            click.option(
                "--measure",
                metavar="UNIT",
                help="Log amounts in UNIT (minutes, pages...) with --at-least X or --at-most X per period.",
            ),
            click.option(
                "--at-least", "at_least", metavar="X", help="A measured habit's amount to reach per period."
            ),
            click.option("--at-most", "at_most", metavar="X", help="A measured habit's limit per period."),
            click.option(
                "--remind", multiple=True, metavar="HH:MM", help="A reminder time (repeat for more)."
            ),
            click.option("--days", metavar="mon,thu", help="Weekdays the reminders fire on (default: all)."),
            click.option("--each", "who", flag_value="each", help="Each of you does it."),
            click.option("--together", "who", flag_value="together", help="One shared act (default)."),
            click.option("--why", metavar="TEXT", help="Why it matters (shown in nudges)."),
        ]
        if for_edit:
            opts += [
                click.option("--slug", "new_slug", metavar="SLUG", help="Rename the habit's slug."),
                click.option(
                    "--no-measure",
                    is_flag=True,
                    help="Make a measured habit a yes/no one (only while it has no history).",
                ),
                click.option("--no-remind", is_flag=True, help="Remove all reminder times."),
                click.option(
                    "--for",
                    "for_person",
                    metavar="NAME",
                    help="With --remind or --no-remind: that person's own times (`me` = you); "
                    "--no-remind --for NAME goes back to the habit's.",
                ),
            ]
        for opt in reversed(opts):
            f = opt(f)
        return f

    return decorate


@click.command("add")
@click.argument("slug", required=False)
@habit_options(for_edit=False)
@click.option(
    "--from-catalog", "catalog_key", metavar="KEY", help="Start from a template (see `habits catalog`)."
)
@pass_app
def add(app: AppContext, slug: str | None, catalog_key: str | None, **options: Any) -> None:
    """Create a habit: SLUG --title TEXT (--daily | --weekly) [...]."""
    from habits.core.catalog import CATALOG
    from habits.core.habit import check_slug
    from habits.store import queries

    base: dict[str, Any] = {"who": "together", "target": 1, "reminders": (), "days": (), "why": ""}
    if catalog_key:
        template = CATALOG.get(catalog_key.strip().lower())
        if template is None:
            raise BadValue(
                f"No catalog entry {catalog_key!r}; choose one of {', '.join(sorted(CATALOG))} "
                "(see `habits catalog`)."
            )
        base.update(dict(template))
        slug = slug or catalog_key.strip().lower()
    if not slug:
        raise UsageError(
            "Give the new habit a SLUG, e.g. `habits add evening-walk --title 'Evening walk' --daily`."
        )
    base["slug"] = check_slug(slug)
    if not catalog_key:
        if not options.get("title"):
            raise UsageError(f"Give {slug!r} a title with --title TEXT.")
        if not options.get("cadence") and options.get("every") is None:
            raise UsageError(f"Say how often {slug!r} is due: --daily, --weekly, --monthly or --every N.")
    from habits.cli.habit_spec import build_spec

    spec = build_spec(base, **options)
    with app.write() as conn:
        if queries.habit_by_slug(conn, spec["slug"]) is not None:
            raise BadValue(
                f"A habit called {spec['slug']!r} already exists; choose another slug or `habits edit` it."
            )
        queries.insert_habit(conn, spec, now=app.now(), today=app.today())
    from habits.core.cadence import cadence_text
    from habits.core.habit import Habit

    shown = cadence_text(Habit(**{k: v for k, v in spec.items() if k in Habit._fields}))
    echo(f"Added {clean(spec['title'])} ({spec['slug']}): {clean(shown)}, {spec['who']}.")


@click.command("edit")
@habit_argument()
@habit_options(for_edit=True)
@pass_app
def edit(app: AppContext, habit: str, **options: Any) -> None:
    """Change a habit's title, schedule or reminders."""
    from habits.store import queries

    if all(v is None or v is False or v == () for v in options.values()):
        raise UsageError("Nothing to change; give at least one option (see `habits edit --help`).")
    for_person = options.pop("for_person")
    if for_person is not None:
        from habits.cli.own_times import edit_own_times

        edit_own_times(app, habit, for_person, options)
        return
    with app.write() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        fields = ("slug", "title", "cadence", "target", "who", "reminders", "days", "why", "every")
        base = {k: getattr(h, k) for k in (*fields, "measure", "measure_kind", "measure_target")}
        from habits.cli.habit_spec import build_spec, check_switch

        spec = build_spec(base, **options)
        if spec["slug"] != h.slug and queries.habit_by_slug(conn, spec["slug"]) is not None:
            raise BadValue(f"A habit called {spec['slug']!r} already exists; choose another slug.")
        assert h.id is not None
        if bool(spec["measure"]) != h.measured:
            check_switch(h, queries.checkin_count(conn, h.id))
        queries.update_habit(conn, h.id, spec)
    echo(f"Updated {clean(spec['title'])} ({spec['slug']}).")


def _set_archived(app: AppContext, habit: str, archived: bool) -> None:
    from habits.store import queries

    with app.write() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        assert h.id is not None
        if h.archived == archived:
            state = "archived" if archived else "active"
            echo(f"{clean(h.title)} is already {state}; nothing changed.")
            return
        queries.update_habit(conn, h.id, {"archived": archived})
    if archived:
        echo(f"Archived {clean(h.title)}; its history is kept (`habits unarchive {h.slug}` brings it back).")
    else:
        echo(f"{clean(h.title)} is active again.")


@click.command("archive")
@habit_argument()
@pass_app
def archive(app: AppContext, habit: str) -> None:
    """Hide a habit from the board and reminders, keeping its history."""
    _set_archived(app, habit, True)


@click.command("unarchive")
@habit_argument()
@pass_app
def unarchive(app: AppContext, habit: str) -> None:
    """Bring an archived habit back."""
    _set_archived(app, habit, False)


@click.command("delete")
@habit_argument()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def delete(app: AppContext, habit: str, yes: bool) -> None:
    """Delete a habit and all its check-ins (asks first unless --yes)."""
    from habits.store import queries

    with app.read() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        n = queries.checkin_count(conn, h.id or 0)
    if not yes:
        click.confirm(f"Delete {h.title} ({h.slug}) and its {n} check-ins for good?", abort=True, err=True)
    with app.write() as conn:
        current = queries.habit_by_slug(conn, h.slug)
        if current is not None and current.id is not None:
            queries.delete_habit(conn, current.id)
    echo(f"Deleted {clean(h.title)} and {n} check-ins.")


@click.command("catalog")
def catalog() -> None:
    """The article's other tips, as templates for `habits add --from-catalog KEY`."""
    from habits.core.catalog import CATALOG

    for key, tpl in CATALOG.items():
        echo(style(key, bold=True) + f"  {tpl['title']} ({tpl['cadence']}, {tpl['who']})")
        echo(f"    {tpl['why']}")
    echo("Add one with: habits add --from-catalog KEY [SLUG]")
