"""The question of the day: a bank written for habits, and the choice of one question
per couple and day. Both partners get the same question (the couple's key is made of
both names, sorted), and a question comes back only after every other one has had
its day: the bank is walked in one fixed order per couple, so a question repeats
every len(BANK) days, never sooner."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import date

# Written for this program: small, concrete questions about the two of you, your days
# and the habits you keep together. Each should be answerable in a sentence or two.
BANK: tuple[str, ...] = (
    "What was the best six seconds of your day?",
    "When did you last catch yourself smiling about me when I wasn't around?",
    "Which of our evening walks do you still think about, and why that one?",
    "What is one small thing I did this week that made your day easier?",
    "If we had a free hour together tonight, how would you want to spend it?",
    "What part of your day would you like to tell me more about than you did?",
    "Which place that we used to go to on dates do you miss the most?",
    "What did you eat today that you would happily eat with me again?",
    "What is a chore you secretly don't mind doing for the two of us?",
    "Which of our habits feels most like 'us' right now?",
    "What is something I say that always makes you feel looked after?",
    "What was the last thing that made you laugh out loud today?",
    "Where would you take me for a date if money and time didn't matter this once?",
    "Which of your friends would you like me to get to know better?",
    "What is one thing you are looking forward to this week?",
    "When today did you feel most like yourself?",
    "What would make tomorrow morning a little gentler for you?",
    "What song would you put on if we were cooking dinner together tonight?",
    "Which old photo of us would you frame first?",
    "What is a small ritual of ours you would never want to lose?",
    "What did you notice about me today that I might not know you noticed?",
    "What would you like us to stop doing for a week, just to see how it feels?",
    "What is something you learned today, however tiny?",
    "If we had a whole Sunday with no plans, what would you want the first hour to be?",
    "Which of my habits do you find quietly endearing?",
    "What is a worry from today that you'd like to set down here instead of carrying it?",
    "When did you last feel really proud of us as a team?",
    "What would you like me to ask you about more often?",
    "Which meal from our early days would you like to cook again?",
    "What is one thing you did today purely for yourself?",
    "How would you like us to say goodnight tonight?",
    "What made today different from yesterday, even a little?",
    "Where in our home do you feel most relaxed, and what would make it better?",
    "Which of our weekly dates would you like to repeat exactly as it was?",
    "What did you want to tell me today but didn't get the chance to?",
    "What is something about your work or day that you wish I understood better?",
    "What kindness from a stranger or colleague stayed with you today?",
    "What would you like us to try for the first time this month?",
    "What is a sound, smell or taste that reminds you of me?",
    "Which evening this week felt most like a real evening together?",
    "What do you think we are getting better at, lately?",
    "What is one thing I could do tomorrow that would make you feel appreciated?",
    "When did you feel most connected to me today, even briefly?",
    "What is a little adventure we could have without leaving town?",
    "Which habit of ours has been hardest to keep lately, and what would help?",
    "What did you daydream about today?",
    "What is a memory of us on an ordinary day that you love?",
    "Who did you think of today, other than me, and why?",
    "What is something you'd like to forgive yourself for this week?",
    "If you could replay one moment from this week, which would it be?",
    "What is a place you'd like us to go back to, just to see how it has changed?",
    "What would you want to hear from me when you've had a long day?",
    "Which of your own interests would you like more room for this week?",
    "What is a question you've been meaning to ask me?",
    "What did your body need today, and did it get it?",
    "What was the nicest message you got today?",
    "What tiny thing around the house did I fix, tidy or remember that you noticed?",
    "What would our perfect lazy breakfast look like?",
    "What is something from your childhood you'd like to share with me?",
    "Which of our inside jokes still makes you grin?",
    "What would you like us to celebrate, even if it's small?",
    "Where were you when you first thought of me today?",
    "What's one way I could make our next date feel new?",
    "What are you grateful to your past self for, today?",
    "What is a plan of ours you'd like to turn into a date on the calendar?",
    "What did you find beautiful today?",
    "What would you like to leave behind from today before we sleep?",
    "Which kiss of ours do you remember best, and where were we?",
)


def couple_key(people: Sequence[str]) -> bytes:
    """The same key for both partners: a digest of the names, sorted."""
    names = sorted({p for p in people if p})
    return hashlib.sha256("\n".join(names).encode("utf-8")).digest()


def order_for(people: Sequence[str]) -> list[int]:
    """The couple's fixed walk through the bank (indices into BANK)."""
    order = list(range(len(BANK)))
    random.Random(couple_key(people)).shuffle(order)
    return order


def question_index(people: Sequence[str], day: date) -> int:
    """Which question of BANK is the couple's question on `day`."""
    order = order_for(people)
    return order[day.toordinal() % len(order)]


def question_for(people: Sequence[str], day: date) -> str:
    return BANK[question_index(people, day)]
