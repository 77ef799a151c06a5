"""Issue 16: never lose an answer. A write the history cannot take (a disk full for a moment, a
lock held too long) is kept in memory and in a crash-safe journal, tried again, and written by the
next start when it is still missing; the summary says what is not saved and where it is."""

from __future__ import annotations

import json
import sqlite3

import pytest

from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.history import connect, journal
from mockint.core.history import store as storage
from mockint.core.history.store import Store
from mockint.core.interview import Interview
from mockint.tui.recorder import Recorder

IDS = ["sales-experience", "why-sales", "hit-quota"]
ANSWER = ("At Nordlys I sold scheduling software to 40 logistics firms; I asked each operations manager "
          "what a missed shift cost them, and I closed EUR 300,000 in my first year, 120 % of quota.")


def interview() -> Interview:
    bank = loader.bank("en")
    return Interview([bank.get(i) for i in IDS], loader.scorer("en"), bank, "en")


def answer(iv: Interview, text: str = ANSWER) -> None:
    iv.submit(text)
    while iv.awaiting_follow_up:
        iv.submit("We kept the client for three years and grew the account by a third.")


class Full:
    """A store whose writes fail as a full disk does, while ``on`` is set."""

    def __init__(self, store: Store, monkeypatch):
        self.on = False
        self.mp = monkeypatch = pytest.MonkeyPatch()      # its own: undo() leaves MOCKINT_HOME alone
        for name in ("save_answer", "finish_session", "start_session", "save_draft"):
            real = getattr(Store, name)

            def failing(self_, *a, _real=real, **kw):
                if self.on:
                    return connect._guarded(lambda s: (_ for _ in ()).throw(
                        sqlite3.OperationalError("database or disk is full")))(self_)
                return _real(self_, *a, **kw)
            monkeypatch.setattr(Store, name, failing)


@pytest.fixture
def store():
    s = Store.open()
    yield s
    s.close()


@pytest.fixture
def full(store):
    f = Full(store, None)
    yield f
    f.mp.undo()


def test_a_full_disk_for_a_moment_loses_nothing(store, monkeypatch):
    """The reported case: the disk fills during an interview, then space is back: every answer
    (the one that failed and the later ones) ends in the history, and the history stays on."""
    full = Full(store, monkeypatch)
    problems, notices = [], []
    rec = Recorder(store, on_problem=problems.append, on_notice=notices.append)
    iv = interview()
    rec.begin("en", {"count": 3}, {}, IDS)
    answer(iv)
    rec.record(iv)
    assert store.count() == 1
    full.on = True
    answer(iv)
    rec.record(iv)
    assert rec.unsaved == 1 and rec.problem is None          # not "history off"
    assert problems == [f"the disk holding the history file {store.path} is full: free some space; nothing "
                        f"was written; your answers are kept and saved when the history can take them"]
    kept = journal.read(rec.journal_path)
    assert [e["kind"] for e in kept] == ["begin", "answer"] and kept[1]["index"] == 1
    full.on = False                                          # room again
    answer(iv)
    rec.record(iv)
    assert rec.unsaved == 0 and not rec.waiting
    assert [a.index for a in store.session(store.sessions()[0].id).answers] == [0, 1, 2]
    assert notices == ["the history is saving again; every answer is in it"]
    assert not journal.folder(paths.home()).exists() or not list(journal.folder(paths.home()).iterdir())


def test_what_the_disk_never_took_is_written_by_the_next_start(store, monkeypatch):
    """Full until the end (and mockint closed): the journal is left on disk; the next Store.open
    writes every answer and the summary, says so, and removes the journal."""
    full = Full(store, monkeypatch)
    rec = Recorder(store)
    iv = interview()
    rec.begin("en", {"count": 3}, {}, IDS)
    answer(iv)
    rec.record(iv)
    sid = store.sessions()[0].id
    full.on = True
    answer(iv)
    answer(iv)
    rec.record(iv)
    rec.finish({"score": 70})
    assert rec.unsaved == 2 and rec.waiting
    where = rec.journal_path
    rec.retry(iv)                                            # still full: still kept
    assert rec.unsaved == 2
    rec.close()
    assert where.exists()
    full.mp.undo()
    with Store.open() as again:
        assert again.notices == [f"2 answers kept in {where} while the history could not be written are now "
                                 f"saved in it"]
        rec2 = again.session(sid)
        assert [a.index for a in rec2.answers] == [0, 1, 2] and rec2.finished
    assert not where.exists()


def test_a_history_that_cannot_open_still_keeps_the_answers(monkeypatch):
    """The history cannot be opened at all: the answers go to the journal, the next start takes
    them into a new session."""
    def refuse():
        raise storage.MockintError("cannot open the history file x: Permission denied")

    problems = []
    rec = Recorder(opener=refuse, on_problem=problems.append)
    iv = interview()
    rec.begin("en", {"count": 3}, {"slept": True}, IDS)
    answer(iv)
    rec.record(iv)
    rec.finish({"score": 60})
    assert problems == ["cannot open the history file x: Permission denied"]
    assert rec.unsaved == 1 and rec.journal_path is not None
    rec.close()
    with Store.open() as s:
        [row] = s.sessions()
        got = s.session(row.id)
        assert [a.answer for a in got.answers] == [ANSWER] and got.finished
        assert got.readiness == {"slept": True}


def test_a_journal_held_by_a_running_mockint_is_left_alone(store, full):
    rec = Recorder(store)
    iv = interview()
    rec.begin("en", {}, {}, IDS)
    full.on = True
    answer(iv)
    rec.record(iv)
    full.mp.undo()
    with Store.open() as other:                              # another process starts meanwhile
        assert other.sessions() == [] and other.notices == []
    assert rec.journal_path.exists()
    rec.retry(iv)                                            # the first one writes it itself
    assert store.count() == 1 and rec.journal_path is None


def test_a_torn_or_damaged_journal_line_is_skipped_and_the_rest_kept(store):
    folder = journal.folder(paths.home())
    folder.mkdir(parents=True)
    iv = interview()
    answer(iv)
    r = iv.turns[0].result
    lines = [{"kind": "begin", "session": None, "lang": "en", "settings": {}, "readiness": {}, "question_ids": IDS},
             {"kind": "answer", "session": None, "index": 0, "question_id": IDS[0], "question_text": "Q?",
              "answer": "kept", "elapsed": None, "result": r.to_dict(), "rubric_version": 1, "follow_up": None},
             {"kind": "answer", "session": None, "index": 1, "question_id": IDS[1], "question_text": "Q?",
              "answer": "bad result", "elapsed": None, "result": {"score": "x"}, "rubric_version": 1,
              "follow_up": None}]
    text = "\n".join(json.dumps(x) for x in lines) + '\n{"kind": "answer", "sess'
    (folder / "x.jsonl").write_text(text)
    assert store.replay_journals() == 1
    [row] = store.sessions()
    assert [a.answer for a in store.session(row.id).answers] == ["kept"]
    assert not (folder / "x.jsonl").exists()


@pytest.mark.tui
def test_the_summary_says_what_is_not_saved_and_where(store, full):
    """In the TUI: the disk fills before the last answer; the summary says how many answers are
    not in the history and where they are kept; space back, the 10 s retry writes them."""
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app
    from tests.tui_helpers import answer_until_summary, run

    app = create_app(Settings(lang="en", count=2, timer=False), question_ids=["why-sales"], blink=False,
                     store=store)

    async def scenario():
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("ctrl+s")                      # past the readiness checklist
            await pilot.pause()
            full.on = True
            await answer_until_summary(pilot, ANSWER)
            [line] = app.screen.query("#summary-unsaved")
            path = app.recorder.journal_path
            assert str(line.render()) == (f"Not in the history yet: 1 answer(s) and this summary could not be "
                                          f"written (see the warning). They are kept in {path} and saved the "
                                          f"next time mockint starts.")
            full.on = False
            app.retry_history()
            assert store.count() == 1 and store.sessions()[0].finished and not path.exists()

    run(scenario)


@pytest.mark.tui
def test_answers_that_cannot_be_kept_on_disk_either_are_said_to_be_in_memory(store, full, monkeypatch):
    """The journal cannot be written either (the same full disk): the summary says the answers are
    only in memory and tried again every 10 s."""
    from mockint.core.interview import Settings
    from mockint.tui.app import create_app
    from tests.tui_helpers import answer_until_summary, run

    monkeypatch.setattr(journal.Journal, "add", lambda self, entry: False)
    app = create_app(Settings(lang="en", count=2, timer=False), question_ids=["why-sales"], blink=False,
                     store=store)

    async def scenario():
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
            full.on = True
            await answer_until_summary(pilot, ANSWER)
            [line] = app.screen.query("#summary-unsaved")
            assert str(line.render()) == ("Not in the history yet: 1 answer(s) and this summary could not be "
                                          "written, nor kept on disk. They are tried again every 10 seconds "
                                          "while mockint is open.")
    run(scenario)


def test_a_journal_the_history_still_cannot_take_is_kept_and_said(store, full):
    """At start, a journal whose answers still cannot be written (the disk still full) stays on
    disk for next time, and the notice says so."""
    rec = Recorder(store)
    iv = interview()
    rec.begin("en", {}, {}, IDS)
    full.on = True
    answer(iv)
    rec.record(iv)
    where = rec.journal_path
    rec.close()
    with Store.open() as again:                  # the store methods still fail: the disk is full
        [notice] = again.notices
    assert notice.startswith(f"answers kept in {where} could not be saved in the history yet (the disk holding")
    assert notice.endswith("; they are tried again the next time mockint opens it") and where.exists()
