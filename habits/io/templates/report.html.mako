<%doc>
  The report page. Every expression is HTML-escaped (the lookup's default filter);
  only the charts' SVG, drawn by pygal from fixed words, dates and numbers, the
  calendar's cells (dates and fixed words) and pygal's own style are written as
  they are (| n).
</%doc>
<%!
    from habits.core.cadence import cadence_text, measure_text, period_noun
    from habits.core.habit import format_amount
    from habits.core.periods import unit_of

    TOTAL_WORDS = {"met": "reached", "missed": "missed", "running": "still running"}

    def pct(x):
        return f"{x:.0%}"

    def unit(habit):
        return unit_of(habit.cadence)

    def amount(habit, n):
        """A figure of the habit: check-ins, or a measured habit's amount in its unit."""
        return f"{format_amount(n)} {habit.measure}" if habit.measured else str(n)

    def of_goal(habit, done, goal):
        """ "12 of 20", "25 of at least 20 minutes", "3 of at most 2 takeaways (over)". """
        if not habit.measured:
            return f"{done} of {goal}"
        kind = "at least" if habit.measure_kind == "at_least" else "at most"
        over = " (over)" if habit.measure_kind == "at_most" and done > goal else ""
        return f"{format_amount(done)} of {kind} {format_amount(goal)} {habit.measure}{over}"

    def who_name(panel):
        return panel.who or "both of you"
%>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>
:root { --bg: #fbfaf7; --fg: #222; --muted: #8a8a8a; --card: #fff; --line: #e3e0d8;
  --c1: #c2456b; --c2: #3b7dd8; --c3: #3a9a5b;
  --done: #c2456b; --partly: #eaa3b8; --excused: #cfd8e3; --missed: #ece9e2; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15161a; --fg: #e8e6e1; --muted: #8d8f96; --card: #1f2026; --line: #33353d;
    --c1: #f07aa0; --c2: #7fb0f5; --c3: #79cf95;
    --done: #f07aa0; --partly: #8a4a60; --excused: #3c4a5c; --missed: #2a2c33; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: .5rem 0; }
.muted { color: var(--muted); }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin: 1rem 0; }
.scroll { overflow-x: auto; max-width: 100%; }
a { color: var(--c2); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; overflow-wrap: normal; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th[scope="row"] { min-width: 7em; overflow-wrap: anywhere; font-weight: 600; }
caption { text-align: left; padding-bottom: .25rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 1rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); gap: .5rem; }
figure { margin: 0; min-width: 0; }
figure svg { display: block; width: 100%; height: auto; }
.calendar { display: grid; grid-template-rows: repeat(7, 9px); grid-auto-flow: column; grid-auto-columns: 9px; gap: 2px; padding: .25rem 0; }
.calendar i { display: block; width: 9px; height: 9px; border-radius: 2px; background: var(--missed); }
.calendar i.done { background: var(--done); }
.calendar i.partly { background: var(--partly); }
.calendar i.excused { background: var(--excused); }
.calendar i.pad { background: transparent; }
.legend i { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin: 0 .25em 0 .6em; vertical-align: -.05em; }
.legend .done { background: var(--done); } .legend .partly { background: var(--partly); }
.legend .excused { background: var(--excused); } .legend .missed { background: var(--missed); }
.cells { font-family: ui-monospace, monospace; white-space: pre; }
details { margin-top: .5rem; }
.progress figcaption { text-align: center; font-size: .95rem; margin: .3rem 0 .5rem; }
.progress label { display: block; font-size: .9rem; margin: .2rem .5rem .6rem; }
.progress meter { display: block; width: 100%; height: 1.1rem; }
.totals .axis.y .major.guide.line { stroke: var(--fg); stroke-width: 2; stroke-dasharray: 6 3; opacity: 1; }
.totals .bar rect { fill-opacity: .75; }
.totals figcaption { text-align: center; font-size: .9rem; }
td .period { display: inline-block; white-space: normal; font-size: .85rem; max-width: 9em; }
.progress meter::-webkit-meter-bar { background: var(--missed); border: 0; border-radius: 3px; }
.progress meter::-webkit-meter-optimum-value { background: var(--c1); border-radius: 3px; }
.progress meter::-moz-meter-bar { background: var(--c1); }
@media (max-width: 480px) {
  body { padding: .5rem; } section { padding: .75rem .5rem; } .wide { display: none; }
  table { font-size: .85rem; } th, td { padding: .25rem .3rem; } th[scope="row"] { min-width: 5.5em; }
}
blockquote { margin: .25rem 0 .5rem 1rem; }
${css | n}
</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="muted">${data.window.start.isoformat()} to ${data.window.end.isoformat()}
% if data.people:
· ${" and ".join(data.people)}
% endif
· made ${generated}</p>
</header>

<section id="overview" aria-labelledby="overview-h">
<h2 id="overview-h">At a glance, as of ${data.window.end.isoformat()}</h2>
% if not data.habits:
<p>There are no habits yet: add one with <code>habits add</code>.</p>
% else:
<div class="scroll">
<table>
<caption class="muted">Each habit this week and its streaks (for a habit each of you does: both of you together).</caption>
<thead><tr><th scope="col">Habit</th><th scope="col">Week</th><th scope="col" class="n">Streak</th><th scope="col" class="n wide">Best</th><th scope="col" class="n">Strength</th><th scope="col" class="n wide">30 days</th></tr></thead>
<tbody>
% for r in data.habits:
<tr><th scope="row"><a href="#habit-${r.habit.slug}">${r.habit.title}</a></th>
<td class="n"><span class="cells" aria-hidden="true">${r.week}</span>
% if r.period:
% for line in r.period:
<br><span class="period">${line}</span>
% endfor
% else:
<br>${r.week_done}/${r.week_target}
% endif
</td>
<td class="n">${r.joint.current} ${unit(r.habit)[0]}</td><td class="n wide">${r.joint.longest} ${unit(r.habit)[0]}</td>
<td class="n">${pct(r.joint.strength)}</td><td class="n wide">${pct(r.joint.rate_30)}</td></tr>
% endfor
</tbody>
</table>
</div>
<p class="muted">Week: this week's days (# done, + partly, - excused, . missed; for a measured habit # marks a day with an amount) and how many of what it asks are done, or this period's total against its target. Streaks in days (d), weeks (w), months (m) or periods (p); on a narrow screen the best streak and the last 30 days are in each habit's table.</p>
% endif
</section>

<section id="review" aria-labelledby="review-h">
<h2 id="review-h">Your latest check-ins</h2>
% if data.review is None:
<p>No weekly check-in is revealed yet: once you have both run <code>habits checkin</code> for a week, its answers show here.</p>
% else:
<p class="muted">The week of ${data.review[0].isoformat()}</p>
% for c in data.review[1]:
<h3>${c["person"]}</h3>
% for a in c["appreciations"]:
<blockquote>Appreciates: ${a}</blockquote>
% endfor
% if c["went_well"]:
<blockquote>Went well: ${c["went_well"]}</blockquote>
% endif
% if c["work_on"]:
<blockquote>To work on: ${c["work_on"]}</blockquote>
% endif
% if c["connected"] is not None:
<p>Felt connected: ${c["connected"]}/5</p>
% endif
% endfor
% endif
</section>

% if data.our_year is not None:
<% y = data.our_year %>
<section id="our-year" aria-labelledby="year-h">
<h2 id="year-h">Our ${y.year}</h2>
<p>${len(y.dates)} date${"" if len(y.dates) == 1 else "s"}, ${len(y.haunts)} haunt${"" if len(y.haunts) == 1 else "s"} visited, ${sum(n for _, _, n in y.thanks)} thank-you${"" if sum(n for _, _, n in y.thanks) == 1 else "s"}.</p>
<div class="scroll"><table>
<caption class="muted">Haunts by visits</caption>
<thead><tr><th scope="col">Place</th><th scope="col" class="n">Visits</th></tr></thead>
<tbody>
% for place, n in y.haunts:
<tr><td>${place}</td><td class="n">${n}</td></tr>
% endfor
% if not y.haunts:
<tr><td colspan="2">No haunt named on a date this year.</td></tr>
% endif
</tbody></table></div>
<details><summary>Every date</summary>
<div class="scroll"><table><thead><tr><th scope="col">Day</th><th scope="col">Place</th></tr></thead><tbody>
% for day, place in y.dates:
<tr><td>${day.isoformat()}</td><td>${place}</td></tr>
% endfor
</tbody></table></div></details>
<div class="scroll"><table>
<caption class="muted">The longest joint streaks alive in ${y.year}</caption>
<thead><tr><th scope="col">Habit</th><th scope="col">From</th><th scope="col">To</th><th scope="col" class="n">Length</th></tr></thead>
<tbody>
% for s in y.streaks:
<tr><td>${s.title}</td><td>${s.run.first.isoformat()}</td><td>${s.run.last.isoformat()}</td><td class="n">${s.run.length}</td></tr>
% endfor
% if not y.streaks:
<tr><td colspan="4">No streak this year.</td></tr>
% endif
</tbody></table></div>
<div class="scroll"><table>
<caption class="muted">Thanks exchanged</caption>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col" class="n">Thanks</th></tr></thead>
<tbody>
% for a, b, n in y.thanks:
<tr><td>${a}</td><td>${b}</td><td class="n">${n}</td></tr>
% endfor
% if not y.thanks:
<tr><td colspan="3">No thanks given this year.</td></tr>
% endif
</tbody></table></div>
</section>
% endif

% for r in data.habits:
<section class="habit" id="habit-${r.habit.slug}" aria-labelledby="h-${r.habit.slug}">
<h2 id="h-${r.habit.slug}">${r.habit.title}</h2>
<p class="muted">${cadence_text(r.habit)}, ${"together" if r.habit.who == "together" else "each of you"}</p>
<div class="panels">
% for p in r.panels:
${panel(r, p)}
% endfor
</div>
</section>
% endfor
</body>
</html>

<%def name="panel(r, p)">
<div class="panel">
% if r.habit.who == "each":
<h3>${p.who}</h3>
% endif
% if p.empty:
<p>No check-ins yet.</p>
% endif
<div class="charts">
## A measured habit's totals come first: they are what it is about.
% if p.totals:
<figure class="totals" role="img" aria-label="Totals per period, ${measure_text(r.habit)} each: ${"; ".join(f"{t.first.isoformat()} {format_amount(t.total)} ({TOTAL_WORDS[t.state]})" for t in p.totals)}.">${charts["totals"](p, r.habit) | n}<figcaption class="muted">${r.habit.measure} each ${period_noun(r.habit)} (green: ${"reached" if r.habit.measure_kind == "at_least" else "within the limit"}, grey: still running); the dashed line: ${measure_text(r.habit)}</figcaption></figure>
% endif
<figure role="img" aria-label="Strength by ${p.bucket}: ${pct(p.strength[0][1]) if p.strength else '0%'} at the start, ${pct(p.strength[-1][1]) if p.strength else '0%'} at the end.">${charts["strength"](p) | n}</figure>
<figure role="img" aria-label="Best streaks: ${", ".join(str(b.length) for b in p.best) or "none yet"} ${unit(r.habit)}.">${charts["best"](p, unit(r.habit)) | n}</figure>
<figure role="img" aria-label="${r.habit.measure.capitalize() if r.habit.measured else "Check-ins"} by weekday: ${", ".join(f"{d} {format_amount(n) if r.habit.measured else n}" for d, n in p.weekdays)}.">${charts["weekdays"](p, r.habit) | n}</figure>
<figure class="progress"><figcaption>Towards the target</figcaption>
% for g in p.progress:
<label>${g.label} <span class="muted">${of_goal(r.habit, g.done, g.goal)}</span><meter min="0" max="${g.goal}" value="${min(g.done, g.goal)}">${of_goal(r.habit, g.done, g.goal)}</meter></label>
% endfor
</figure>
</div>
<% states = [s for _, s in p.calendar] %>
<h3>History</h3>
<div class="scroll"><div class="calendar" role="img" aria-label="History calendar, ${len(states)} days: ${states.count("done")} done, ${states.count("partly")} partly, ${states.count("excused")} excused, ${states.count("missed")} missed.">
${charts["calendar"](p, data.week_start) | n}</div></div>
<p class="legend muted"><i class="done"></i>done<i class="partly"></i>partly<i class="excused"></i>excused<i class="missed"></i>missed</p>
<details><summary>The figures as a table</summary>
<div class="scroll"><table>
<caption>${r.habit.title}${(" · " + p.who) if p.who else ""}</caption>
<tbody>
<tr><th scope="row">Current streak</th><td class="n">${p.stats.current} ${unit(r.habit)}</td></tr>
<tr><th scope="row">Longest streak</th><td class="n">${p.stats.longest} ${unit(r.habit)}</td></tr>
<tr><th scope="row">Strength</th><td class="n">${pct(p.stats.strength)}</td></tr>
<tr><th scope="row">Last 30 days</th><td class="n">${pct(p.stats.rate_30)}</td></tr>
<% what = r.habit.measure.capitalize() if r.habit.measured else "Check-ins" %>
% for g in p.progress:
<tr><th scope="row">${what} ${g.label}</th><td class="n">${of_goal(r.habit, g.done, g.goal)}</td></tr>
% endfor
% for t in p.totals:
<tr><th scope="row">Total ${t.first.isoformat()} to ${t.last.isoformat()}</th><td class="n">${amount(r.habit, t.total)} (${TOTAL_WORDS[t.state]})</td></tr>
% endfor
% for d, n in p.weekdays:
<tr><th scope="row">${what} on ${d}</th><td class="n">${amount(r.habit, n)}</td></tr>
% endfor
% for b in p.best:
<tr><th scope="row">Streak ${b.first.isoformat()} to ${b.last.isoformat()}</th><td class="n">${b.length} ${unit(r.habit)}</td></tr>
% endfor
% for d, v in p.strength:
<tr><th scope="row">Strength on ${d.isoformat()}</th><td class="n">${pct(v)}</td></tr>
% endfor
</tbody></table></div></details>
</div>
</%def>
