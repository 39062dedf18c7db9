"""A shared check for refused input: one clear sentence on stderr, the exit code, the store unchanged."""

from __future__ import annotations


def fails(habits, *args, code=1, contains=(), input=None):  # type: ignore[no-untyped-def]
    before = habits.dump()
    result = habits(*args, input=input)
    assert result.exit_code == code, (args, result.output)
    assert "Traceback" not in result.output
    err = result.stderr.strip()
    if code == 1:
        last = err.splitlines()[-1]
        assert last.startswith("habits: "), err
        assert input is not None or "\n" not in err, err
    for text in contains:
        assert text in err, err
    assert habits.dump() == before
    return err
