"""The partner's check-in arrives while my daemon's store connection is down (the
PostgreSQL server restarted): the tick is retried, and I am told once after the
store is back."""

from datetime import datetime, timedelta, timezone

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.daemon.scheduler import Daemon
from habits.notify.base import Delivery

UTC = timezone.utc
T0 = datetime(2026, 3, 11, 9, 0, 30, tzinfo=UTC)  # 10:00:30 in Berlin


class Recorder:
    name = "recorder"

    def __init__(self):
        self.sent = []

    def send(self, title, message, timeout):
        self.sent.append(title)
        return Delivery(True, "recorded")


def test_a_checkin_while_the_store_is_down_is_told_once_after_it_is_back(
    habits_sqlite, tmp_path, private_pg, monkeypatch
):
    server, habits = private_pg, habits_sqlite  # the store is the private server
    monkeypatch.setenv("HABITS_DB", server.url)
    common = '[time]\ntimezone = "Europe/Berlin"\n[couple]\n'
    habits.write_config(common + 'me = "Alex"\npartner = "Sam"\n')
    sam = tmp_path / "sam.toml"
    sam.write_text(common + 'me = "Sam"\npartner = "Alex"\n', encoding="utf-8")
    habits.clock.instant = T0
    assert habits("add", "stretch", "--title", "Stretch", "--daily", "--each").exit_code == 0
    app = AppContext(clock=habits.clock)
    notifier = Recorder()
    daemon = Daemon(Reminders(app.store, app.config, "Alex", notifier), habits.clock)
    try:
        assert daemon.run_tick() is None
        habits.clock.instant = T0 + timedelta(seconds=20)
        assert habits("done", "stretch", env={"HABITS_CONFIG": str(sam)}).exit_code == 0
        server.stop()  # the check-in is in; my daemon's next look fails
        habits.clock.instant = T0 + timedelta(seconds=60)
        assert daemon.run_tick() is not None  # retried later, nothing sent
        assert daemon.run_tick() is not None
        assert notifier.sent == []
        server.start()
        server.wait_ready()
        habits.clock.instant = T0 + timedelta(seconds=90)
        for _ in range(20):  # the pool's dead connections are dropped on the first tries
            if daemon.run_tick() is None:
                break
        habits.clock.instant = T0 + timedelta(seconds=150)
        assert daemon.run_tick() is None
        assert notifier.sent == ["Sam: Stretch ✓"]
    finally:
        app.close()
