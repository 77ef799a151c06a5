"""The session history: paths, the SQLite store, durability settings, bad states, export/import."""

from __future__ import annotations

import copy
import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from mockint.core.bank import loader
from mockint.core.data import paths
from mockint.core.data.errors import MockintError
from mockint.core.history import checks as history_checks
from mockint.core.history import connect, records, schema
from mockint.core.history import store as storage
from mockint.core.history.store import Store

STRONG = ("At my last company I sold logistics software to retailers. In 2022 a chain of 40 stores was "
          "about to sign with a competitor, and my goal was to keep the deal. First I asked their director "
          "what mattered, and I found out that late deliveries hurt them more than price. Then I ran a "
          "two-week pilot in three stores. As a result their late deliveries dropped by 18 percent and "
          "they signed a two-year contract worth $240,000. I finished the year at 112% of quota.")
WEAK = "I think maybe I am kind of good at sales, I guess. I am a great communicator, sorry."


def scored(text: str, qid: str = "sales-experience", lang: str = "en", elapsed: float | None = 95.0):
    q = loader.bank(lang).get(qid)
    return q, loader.scorer(lang).score(text, q, elapsed)


def add_session(store: Store, answers: list[tuple[str, str]], lang: str = "en", finish: bool = True,
                readiness: dict | None = None) -> str:
    sid = store.start_session(lang, {"question_set": "full", "count": len(answers)},
                              readiness or {"researched_company": True, "read_job_spec": False},
                              [q for q, _ in answers])
    for i, (qid, text) in enumerate(answers):
        q, r = scored(text, qid, lang)
        store.save_answer(sid, i, q.id, q.text, text, 95.0, r.to_dict(), r.rubric_version)
    if finish:
        store.finish_session(sid, {"score": None})
    return sid


@pytest.fixture
def store():
    with Store.open() as s:
        yield s


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- where files live ---------------------------------------------------------------------------

def test_home_is_mockint_home_created_private(tmp_path, monkeypatch):
    target = tmp_path / "a" / "b"
    monkeypatch.setenv("MOCKINT_HOME", str(target))
    assert paths.home() == target and target.is_dir() and mode(target) == 0o700
    assert paths.db_path() == target / "history.sqlite3"


def test_home_defaults_to_the_user_data_dir(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("MOCKINT_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data" / "mockint"))
    assert paths.home() == tmp_path / "data" / "mockint"


def test_home_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MOCKINT_HOME", str(blocker))
    with pytest.raises(MockintError, match=r"cannot create mockint's folder .*file: a file has that name \(check MOCKINT_HOME\)"):
        paths.home()
    monkeypatch.setenv("MOCKINT_HOME", str(blocker / "sub"))
    with pytest.raises(MockintError, match=r"cannot create mockint's folder .*sub: Not a directory \(check MOCKINT_HOME\)"):
        paths.home()


def test_default_home_that_cannot_be_created(tmp_path, monkeypatch):
    import platformdirs

    (tmp_path / "f").write_text("x")
    monkeypatch.delenv("MOCKINT_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "f" / "mockint"))
    with pytest.raises(MockintError, match=r"^cannot create mockint's folder .*f/mockint: Not a directory$"):
        paths.home()


def test_store_open_default_path_and_explicit_path(tmp_path):
    with Store.open() as s:
        assert s.path == paths.db_path() and s.notices == []
    with Store.open(tmp_path / "new" / "h.sqlite3") as s:
        assert s.path.exists() and mode(s.path.parent) == 0o700


def test_store_on_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(MockintError, match=r"cannot open the history file .*dir.sqlite3: it is a folder"):
        Store.open(tmp_path / "dir.sqlite3")


def test_store_file_that_cannot_be_opened(tmp_path):
    with pytest.raises(MockintError, match=r"^cannot open the history file .*: File name too long$"):
        Store.open(tmp_path / ("h" * 300))


def test_store_in_a_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(MockintError, match=r"cannot create the folder .*f/sub"):
        Store.open(tmp_path / "f" / "sub" / "h.sqlite3")


# -- durability settings ------------------------------------------------------------------------

def test_wal_full_sync_busy_timeout_foreign_keys_and_schema_version(store):
    c = store.conn
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2          # FULL
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    assert c.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_files_are_readable_only_by_their_owner(store):
    add_session(store, [("why-sales", STRONG)], finish=False)
    for suffix in ("", "-wal", "-shm"):
        p = str(store.path) + suffix
        assert os.path.exists(p), suffix
        assert mode(p) == 0o600, suffix


def test_an_existing_loose_file_is_tightened(tmp_path):
    p = tmp_path / "h.sqlite3"
    Store.open(p).close()
    os.chmod(p, 0o644)
    Store.open(p).close()
    assert mode(p) == 0o600


# -- the interview writes -----------------------------------------------------------------------

def test_a_whole_session_is_stored_as_shown(store):
    sid = store.start_session("en", {"count": 2, "feedback": "each"}, {"researched_company": True},
                              ["sales-experience", "why-sales"])
    assert len(sid) == 32 and int(sid, 16) >= 0
    q, r = scored(STRONG)
    store.save_draft(sid, 0, q.id, "At my last")
    store.save_answer(sid, 0, q.id, q.text, STRONG, 95.0, r.to_dict(), r.rubric_version,
                      follow_up={"question": "And then?", "criterion": "real_examples"})
    store.save_draft(sid, 1, "why-sales", "Because")
    rec = store.session(sid)
    assert rec.lang == "en" and rec.settings == {"count": 2, "feedback": "each"}
    assert rec.readiness == {"researched_company": True}
    assert rec.question_ids == ["sales-experience", "why-sales"] and not rec.finished
    a = rec.answers[0]
    assert (a.index, a.question_id, a.question_text, a.answer, a.elapsed) == (0, q.id, q.text, STRONG, 95.0)
    assert a.result == r.to_dict() and a.shown.rubric_version == r.rubric_version and a.shown.shown
    assert a.follow_up == {"question": "And then?", "criterion": "real_examples"}
    assert [(d.index, d.text) for d in rec.drafts] == [(1, "Because")]     # draft 0 cleared by the answer
    assert rec.next_index == 1 and rec.draft(1).question_id == "why-sales" and rec.answer(0) is a
    assert rec.remaining == ["why-sales"]
    assert (rec.n_answers, rec.score) == (1, r.score)
    store.finish_session(sid, {"score": r.score, "readiness": {"researched_company": True, "three_stories": True}})
    rec = store.session(sid)
    assert rec.finished and rec.drafts == [] and rec.summary["score"] == r.score
    assert rec.readiness == {"researched_company": True, "three_stories": True}


def test_save_answer_again_for_the_same_question_replaces_it(store):
    sid = store.start_session("en", {}, {}, ["sales-experience"])
    q, weak = scored(WEAK)
    _, strong = scored(WEAK + "\n\n" + STRONG)
    store.save_answer(sid, 0, q.id, q.text, WEAK, 20.0, weak.to_dict(), 1)
    store.save_answer(sid, 0, q.id, q.text, WEAK + "\n\n" + STRONG, 120.0, strong.to_dict(), 1,
                      follow_up={"question": "Can you give me one specific deal?"})
    rec = store.session(sid)
    assert len(rec.answers) == 1 and len(rec.answers[0].results) == 1
    assert rec.answers[0].result["score"] == strong.score and rec.score == strong.score
    assert store.conn.execute("SELECT count(*) FROM result_criteria").fetchone()[0] == len(strong.criteria)


def test_session_score_is_the_mean_of_the_shown_scores(store):
    sid = add_session(store, [("sales-experience", STRONG), ("why-sales", WEAK)])
    scores = [a.result["score"] for a in store.session(sid).answers]
    assert store.sessions()[0].score == int(sum(scores) / 2 + 0.5)


def test_writes_to_an_unknown_session_are_clear_errors(store):
    msg = r"no session 'f00d' in the history; 'mockint history' lists them"
    q, r = scored(STRONG)
    with pytest.raises(MockintError, match=msg):
        store.save_draft("f00d", 0, q.id, "x")
    with pytest.raises(MockintError, match=msg):
        store.save_answer("f00d", 0, q.id, q.text, STRONG, None, r.to_dict(), 1)
    with pytest.raises(MockintError, match=msg):
        store.finish_session("f00d", {})
    with pytest.raises(MockintError, match=msg):
        store.set_readiness("f00d", {})


def test_unknown_language_and_bad_result_are_refused(store):
    with pytest.raises(MockintError, match=r"unknown language 'fr'; choose one of: en, ro"):
        store.start_session("fr", {}, {}, [])
    sid = store.start_session("en", {}, {}, ["why-sales"])
    with pytest.raises(MockintError, match=r"result: missing the key \"criteria\""):
        store.save_answer(sid, 0, "why-sales", "Why?", "x", None, {"score": 3}, 1)


def test_set_readiness(store):
    sid = store.start_session("en", {}, {}, [])
    store.set_readiness(sid, {"read_job_spec": 1})
    assert store.session(sid).readiness == {"read_job_spec": True}


def test_a_closed_store_says_so():
    s = Store.open()
    s.close()
    s.close()                      # twice is fine
    with pytest.raises(MockintError, match=r"the history is closed"):
        s.sessions()
    with pytest.raises(MockintError, match=r"the history is closed"):
        s.conn


# -- resuming -----------------------------------------------------------------------------------

def test_unfinished_is_the_latest_unfinished_session_with_something_in_it(store):
    assert store.unfinished() is None
    old = add_session(store, [("why-sales", STRONG)], finish=False)
    done = add_session(store, [("why-sales", STRONG)], finish=True)
    empty = store.start_session("en", {}, {}, ["why-sales"])
    rec = store.unfinished()
    assert rec.id == old and rec.answers and done != old
    assert store.unfinished(include_empty=True).id == empty
    store.save_draft(empty, 0, "why-sales", "   ")
    assert store.unfinished().id == old                      # a blank draft is nothing to resume
    store.save_draft(empty, 0, "why-sales", "I chose")
    assert store.unfinished().id == empty and store.unfinished().drafts[0].text == "I chose"
    store.finish_session(empty, {"abandoned": True})
    assert store.unfinished().id == old


# -- listing ------------------------------------------------------------------------------------

def test_sessions_list_order_filter_query_and_limit(store):
    a = add_session(store, [("why-sales", WEAK)])
    b = add_session(store, [("sales-experience", STRONG), ("why-sales", STRONG)])
    c = add_session(store, [("why-sales", STRONG)], lang="ro")
    rows = store.sessions()
    assert [r.id for r in rows] == [c, b, a]
    assert rows[1].n_answers == 2 and rows[1].finished and rows[1].to_dict()["answers"] == 2
    assert [r.id for r in store.sessions(desc=False)] == [a, b, c]
    assert [r.id for r in store.sessions(lang="en")] == [b, a]
    by_score = store.sessions(order="score")
    assert by_score[-1].id == a and by_score[0].score >= by_score[1].score
    assert [r.id for r in store.sessions(order="answers")][0] == b
    assert [r.id for r in store.sessions(query="logistics")] == [c, b]       # answer text
    assert [r.id for r in store.sessions(lang="en", query="logistics")] == [b]
    assert [r.id for r in store.sessions(query="SALES-EXP")] == [b]          # question id, any case
    assert [r.id for r in store.sessions(query=a[:6])] == [a]                # id prefix
    assert store.sessions(query="100%_") == []                                # LIKE wildcards are literal
    assert len(store.sessions(limit=2)) == 2 and store.count() == 3 and store.count("ro") == 1


def test_unknown_order_is_an_error_with_a_suggestion(store):
    with pytest.raises(MockintError, match=r"unknown order 'scor' \(did you mean 'score'\?\); choose one of: "
                                           r"date, score, answers"):
        store.sessions(order="scor")


def test_session_by_unique_prefix_and_clear_errors(store):
    ids = [store.start_session("en", {}, {}, []) for _ in range(3)]
    sid = ids[0]
    assert store.session(sid).id == sid and store.session(sid[:8].upper()).id == sid
    with pytest.raises(MockintError, match=r"'xyz' is not a session id: ids are hexadecimal"):
        store.session("xyz")
    missing = ("0" if sid[0] != "0" else "1") + sid[1:8]
    with pytest.raises(MockintError, match=rf"no session '{missing}' in the history \(did you mean '{sid[:8]}'\?\); "
                                           r"'mockint history' lists them"):
        store.session(missing)
    # force an ambiguous prefix
    store.conn.execute("UPDATE sessions SET id = 'abc' || substr(id, 4) WHERE id IN (?, ?)", ids[1:])
    with pytest.raises(MockintError, match=r"'abc' matches 2 sessions \(abc.{4}, abc.{4}\); give more of the id"):
        store.session("abc")
    more = [store.start_session("en", {}, {}, []) for _ in range(3)]
    store.conn.execute("UPDATE sessions SET id = 'abc' || substr(id, 4) WHERE id IN (?, ?, ?)", more)
    with pytest.raises(MockintError, match=r"'abc' matches more than 3 sessions \(abc.{4}, abc.{4}, abc.{4}, \.\.\.\); "
                                           r"give more of the id"):
        store.session("abc")


def test_latest_session_with_an_answer(store):
    assert store.latest() is None
    sid = add_session(store, [("why-sales", STRONG)])
    store.start_session("en", {}, {}, ["why-sales"])        # newer but empty
    assert store.latest().id == sid
    assert store.latest(answered=False).id != sid


def test_answers_for_question_oldest_first(store):
    s1 = add_session(store, [("why-sales", WEAK)])
    add_session(store, [("sales-experience", STRONG)])
    s3 = add_session(store, [("sales-experience", STRONG), ("why-sales", STRONG)])
    got = store.answers_for_question("why-sales", "en")
    assert [(a.session_id, a.index) for a in got] == [(s1, 0), (s3, 1)]
    assert got[0].result["score"] < got[1].result["score"] and got[0].session_started_at
    assert store.answers_for_question("why-sales", "ro") == []


# -- re-scoring ---------------------------------------------------------------------------------

class _NewRubric:
    """Today's scorer, but pretending to be rubric version 2 with a different score."""

    def __init__(self, lang):
        self.inner = loader.scorer(lang)
        self.bank = self.inner.bank

    def score(self, answer, question, elapsed=None):
        r = self.inner.score(answer, question, elapsed)
        r.rubric_version, r.score = 2, max(0, r.score - 5)
        return r


def test_rescore_adds_results_and_keeps_the_one_shown(store):
    sid = add_session(store, [("sales-experience", STRONG), ("why-sales", WEAK)])
    before = store.session(sid)
    assert store.rescore(sid, loader.scorer) == 0            # same rubric, same result: nothing new
    assert store.rescore(sid[:8], _NewRubric) == 2
    assert store.rescore(sid, _NewRubric) == 0               # idempotent
    after = store.session(sid)
    for a0, a1 in zip(before.answers, after.answers):
        assert len(a1.results) == 2
        assert a1.shown.shown and a1.result == a0.result     # what the report shows is unchanged
        assert a1.latest.rubric_version == 2 and not a1.latest.shown
        assert a1.latest.score == max(0, a0.result["score"] - 5)
    assert after.score == before.score and store.sessions()[0].score == before.score


def test_rescore_of_a_question_not_in_the_bank(store):
    sid = store.start_session("en", {}, {}, [])
    from mockint.core.questions.bank import adhoc_question

    q = adhoc_question("Tell me about a deal you lost.", "en")
    r = loader.scorer("en").score(STRONG, q, None)
    store.save_answer(sid, 0, None, q.text, STRONG, None, r.to_dict(), r.rubric_version)
    assert store.rescore(sid, _NewRubric) == 1
    assert store.session(sid).answers[0].latest.result["question_text"] == q.text


# -- export and import --------------------------------------------------------------------------

def test_export_import_round_trip_is_idempotent(store, tmp_path):
    s1 = add_session(store, [("sales-experience", STRONG), ("why-sales", WEAK)])
    s2 = add_session(store, [("why-sales", STRONG)], lang="ro", finish=False)
    store.save_draft(s2, 1, "sales-experience", "Draft <b>")
    store.rescore(s1, _NewRubric)
    doc = store.export_all()
    assert doc["format"] == "mockint-history" and doc["version"] == 1 and len(doc["sessions"]) == 2
    doc = json.loads(json.dumps(doc))                                      # as through a file
    with Store.open(tmp_path / "other.sqlite3") as other:
        assert other.import_all(doc) == (2, 0)
        assert other.import_all(doc) == (0, 2)                             # twice adds nothing
        again = other.export_all()
        assert again["sessions"] == doc["sessions"]
        assert [r.to_dict() for r in other.sessions()] == [r.to_dict() for r in store.sessions()]
        rec = other.session(s2)
        assert rec.drafts[0].text == "Draft <b>" and not rec.finished and other.unfinished().id == s2
        assert len(other.session(s1).answers[0].results) == 2
    assert store.import_all(doc) == (0, 2)


def _doc(store):
    add_session(store, [("why-sales", STRONG)])
    return store.export_all()


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="other"), r"not a mockint history export \(expected an object with \"format\": "
                                         r"\"mockint-history\", as written by 'mockint export'\)"),
    (lambda d: d.update(version=99), r"this export was made by a newer mockint \(export version 99; this one "
                                     r"reads up to 1\): upgrade mockint to import it"),
    (lambda d: d.update(version="1"), r"version: expected a whole number, got the text \"1\""),
    (lambda d: d.update(sessions={}), r"sessions: expected a list, got an object"),
    (lambda d: d["sessions"].append(3), r"sessions\[1\]: expected an object, got the number 3"),
    (lambda d: d["sessions"][0].update(id="nothex"), r"sessions\[0\]\.id: expected 32 hexadecimal digits"),
    (lambda d: d["sessions"][0].update(lang="fr"), r"sessions\[0\]\.lang: expected one of en, ro, got the text \"fr\""),
    (lambda d: d["sessions"][0].pop("started_at"), r"sessions\[0\]: missing the key \"started_at\""),
    (lambda d: d["sessions"][0].update(started_at="yesterday"),
     r"sessions\[0\]\.started_at: expected a date and time like"),
    (lambda d: d["sessions"][0].update(readiness={"x": "yes"}), r"sessions\[0\]\.readiness\.x: expected true or false"),
    (lambda d: d["sessions"][0]["answers"][0].update(answer=3),
     r"sessions\[0\]\.answers\[0\]\.answer: expected text, got the number 3"),
    (lambda d: d["sessions"][0]["answers"][0].update(elapsed="abc"),
     r"sessions\[0\]\.answers\[0\]\.elapsed: expected a number of 0 or more or null"),
    (lambda d: d["sessions"][0]["answers"].append(copy.deepcopy(d["sessions"][0]["answers"][0])),
     r"sessions\[0\]\.answers\[1\]\.index: answer 0 appears twice in the session"),
    (lambda d: d["sessions"][0]["answers"][0].update(results=[]),
     r"sessions\[0\]\.answers\[0\]\.results: needs at least one result"),
    (lambda d: d["sessions"][0]["answers"][0]["results"][0]["result"].update(score=101),
     r"sessions\[0\]\.answers\[0\]\.results\[0\]\.result\.score: expected a whole number from 0 to 100, got 101"),
    (lambda d: d["sessions"][0]["answers"][0]["results"][0]["result"]["criteria"][0].update(score=2),
     r"results\[0\]\.result\.criteria\[0\]\.score: expected a number from 0 to 1, got the number 2"),
    (lambda d: d["sessions"][0].update(drafts=[{"index": 0, "text": "a"}, {"index": 0, "text": "b"}]),
     r"sessions\[0\]\.drafts\[1\]\.index: draft 0 appears twice in the session"),
    (lambda d: d["sessions"][0].update(summary=[]), r"sessions\[0\]\.summary: expected an object or null, got a list"),
])
def test_import_validates_and_adds_nothing_on_error(store, tmp_path, change, message):
    doc = _doc(store)
    change(doc)
    with Store.open(tmp_path / "other.sqlite3") as other:
        with pytest.raises(MockintError, match=message):
            other.import_all(doc)
        assert other.count() == 0


def test_import_of_a_minimal_hand_written_session(tmp_path):
    q, r = scored(STRONG)
    doc = {"format": "mockint-history", "version": 1, "sessions": [
        {"id": "a" * 32, "lang": "en", "started_at": "2026-01-02T03:04:05", "answers": [
            {"index": 0, "question_text": q.text, "answer": STRONG, "results": [{"result": r.to_dict()}]}]}]}
    with Store.open(tmp_path / "h.sqlite3") as s:
        assert s.import_all(doc) == (1, 0)
        rec = s.session("aaaa")
        assert rec.started_at == "2026-01-02T03:04:05.000+00:00" and rec.answers[0].shown.shown
        assert rec.score == r.score and rec.finished_at is None


# -- bad states ---------------------------------------------------------------------------------

def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path):
    p = paths.db_path()
    p.write_bytes(b"this is not SQLite\n" * 200)
    with Store.open() as s:
        assert len(s.notices) == 1
        notice = s.notices[0]
        assert notice.startswith("the history file was damaged; it was moved to ")
        assert notice.endswith(" and a new one started")
        moved = notice.split("moved to ", 1)[1].split(" and a new", 1)[0]
        assert os.path.basename(moved).startswith("history.corrupt-") and moved.endswith(".sqlite3")
        assert open(moved, "rb").read().startswith(b"this is not SQLite")
        sid = s.start_session("en", {}, {}, [])
        assert s.sessions()[0].id == sid
    with Store.open() as s:                                      # the fresh file is fine
        assert s.notices == [] and s.count() == 1


def test_a_damaged_file_that_cannot_be_moved_is_a_clear_error(monkeypatch):
    paths.db_path().write_bytes(b"garbage" * 1000)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", refuse)
        with pytest.raises(MockintError, match=r"^the history file .*history.sqlite3 is damaged and cannot be moved "
                                               r"aside: Permission denied; move or delete it yourself$"):
            Store.open()
    assert paths.db_path().read_bytes().startswith(b"garbage")


def test_a_second_damaged_file_gets_another_name(tmp_path):
    p = paths.db_path()
    names = set()
    for _ in range(2):
        p.write_bytes(b"garbage" * 1000)
        with Store.open() as s:
            names.add(s.notices[0])
    assert len(names) == 2


def _corrupt_pages(path):
    data = bytearray(path.read_bytes())
    for off in range(4096 * 2, len(data), 4096):
        data[off:off + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_damage_found_by_a_read_is_said_and_nothing_is_moved(tmp_path):
    """Issue 16: a command that can still read a damaged history never moves it aside."""
    with Store.open() as s:
        for _ in range(100):
            s.start_session("en", {"pad": "x" * 300}, {}, ["why-sales"])
    _corrupt_pages(paths.db_path())
    with Store.open() as s:
        with pytest.raises(MockintError, match=r"^the history file .*history\.sqlite3 is damaged \(.*\); nothing "
                                               r"was changed; 'mockint export -o FILE' saves every session that "
                                               r"can still be read$"):
            s.sessions()
        assert s.notices == [] and paths.db_path().exists()
        assert not list(paths.db_path().parent.glob("*corrupt*"))
        with pytest.raises(MockintError, match=r"^the history file .* is damaged \(.*\); nothing was written; "
                                               r"'mockint export -o FILE' saves"):
            s.check_whole()                                  # import and rescore write into no damaged file


def test_damage_found_by_a_write_moves_the_file_aside_and_says_so(tmp_path):
    with Store.open() as s:
        for _ in range(100):
            s.start_session("en", {"pad": "x" * 300}, {}, ["why-sales"])
    _corrupt_pages(paths.db_path())
    with Store.open() as s:
        with pytest.raises(MockintError, match=r"^the history file was damaged; it was moved to .*history\.corrupt-"
                                               r".*\.sqlite3 and a new one started; run the command again$"):
            for _ in range(100):
                s.finish_session(s.start_session("en", {"pad": "y" * 300}, {}, ["why-sales"]), {})
        assert s.sessions() == [] and len(s.notices) == 1          # and it goes on with a fresh file
        s.start_session("en", {}, {}, [])
    with Store.open() as s:
        assert s.notices == [] and s.count() == 1


def _damage_json(column: str, table: str = "sessions", where: str = "rowid = 1") -> None:
    c = sqlite3.connect(paths.db_path())
    c.execute(f"UPDATE {table} SET {column} = '{{bad json' WHERE {where}")
    c.commit()
    c.close()


@pytest.mark.parametrize("table, column, said", [
    ("sessions", "settings", "its settings are damaged (not valid JSON)"),
    ("sessions", "readiness", "its readiness is damaged (not valid JSON)"),
    ("results", "result", "its result of answer 1 is damaged (not valid JSON)"),
    ("answers", "follow_up", "its follow-up of answer 1 is damaged (not valid JSON)")])
def test_one_damaged_row_is_named_and_the_rest_can_be_read(store, table, column, said):
    """Issue 16: invalid JSON in one row made report, rescore and export fail as "a bug"."""
    bad = add_session(store, [("why-sales", "I like to win and I like people.")])
    good = add_session(store, [("why-sales", "I sold software for two years and I liked the numbers.")])
    _damage_json(column, table, "rowid = 1")
    with pytest.raises(MockintError, match=rf"^session {bad[:8]} in the history cannot be read: "
                                           rf"{re.escape(said)}; the other sessions can \('mockint export"):
        store.session(bad)
    assert store.session(good).answers
    left_out: list = []
    doc = store.export_all(left_out)
    assert [d["id"] for d in doc["sessions"]] == [good] and [b.sid for b in left_out] == [bad]


def test_export_of_a_damaged_history_saves_what_it_can_and_names_the_rest():
    from tests.conftest import run_main

    with Store.open() as s:
        bad = add_session(s, [("why-sales", "I like to win.")])
        add_session(s, [("why-sales", "I like people.")])
    _damage_json("settings")
    p = run_main("export", "-o", str(paths.home() / "b.json"))
    assert p.returncode == 2 and p.stderr == (
        f"mockint: error: wrote 1 session to {paths.home() / 'b.json'}, but 1 session could not be read and "
        f"was left out: session {bad[:8]}: its settings are damaged (not valid JSON)\n")
    assert len(json.loads((paths.home() / "b.json").read_text())["sessions"]) == 1
    for args in (("report", bad), ("rescore", bad)):
        p = run_main(*args)
        assert p.returncode == 2 and "cannot be read: its settings are damaged" in p.stderr
        assert "a bug" not in p.stderr


def _damage_tree(names: tuple[str, ...]) -> None:
    """Overwrite the root pages of these tables or indexes (a block of pages gone bad)."""
    path = paths.db_path()
    c = sqlite3.connect(path)
    size = c.execute("PRAGMA page_size").fetchone()[0]
    roots = [r for (r,) in c.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({','.join('?' * len(names))})",
                                      names)]
    c.close()
    data = bytearray(path.read_bytes())
    for page in roots:
        data[(page - 1) * size:(page - 1) * size + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


def test_export_reads_a_damaged_history_row_by_row_and_saves_every_session():
    """A damaged index stops the sessions being listed; a damaged table stops a session's answers
    being read: export then looks the rows up one by one (around the damaged pages) and saves
    every session it can, with what of it can be read, and says what could not be."""
    from tests.conftest import run_main

    with Store.open() as s:
        ids = [add_session(s, [("why-sales", f"I like to win, {i}.")]) for i in range(3)]
    _damage_tree(("sqlite_autoindex_sessions_1", "sessions_started", "sessions_lang_started"))
    p = run_main("history")
    assert p.returncode == 2 and "'mockint export -o FILE' saves every session that can still be read" in p.stderr
    out = paths.home() / "b.json"
    p = run_main("export", "-o", str(out))
    assert (p.returncode, p.stdout, p.stderr) == (0, f"wrote 3 sessions to {out}\n", "")
    doc = json.loads(out.read_text())
    assert [d["id"] for d in doc["sessions"]] == ids
    assert [d["answers"][0]["answer"] for d in doc["sessions"]] == [f"I like to win, {i}." for i in range(3)]
    _damage_tree(("answers",))
    p = run_main("export", "-o", str(out), "--force")
    assert p.returncode == 2 and p.stderr == (
        f"mockint: error: wrote 3 sessions to {out}, but the file is damaged: some rows of answers could not "
        f"be read\n")
    assert [d["id"] for d in json.loads(out.read_text())["sessions"]] == ids
    home = paths.home() / "elsewhere"
    p = run_main("import", str(out), env={"MOCKINT_HOME": str(home)})
    assert p.returncode == 0 and p.stdout == "imported 3 sessions\n", p.stderr


def test_a_file_from_a_newer_mockint_is_refused_and_left_alone():
    p = paths.db_path()
    Store.open().close()
    c = sqlite3.connect(p)
    c.execute("PRAGMA user_version = 99")
    c.close()
    with pytest.raises(MockintError, match=r"the history file .*history.sqlite3 was made by a newer mockint "
                                           r"\(schema version 99; this one knows up to \d+\): upgrade mockint, or "
                                           r"set MOCKINT_HOME to use another folder"):
        Store.open()
    assert sqlite3.connect(p).execute("PRAGMA user_version").fetchone()[0] == 99


def test_an_empty_sqlite_file_gets_the_current_schema():
    p = paths.db_path()
    sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.close()     # user_version 0
    with Store.open() as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        s.start_session("en", {}, {}, [])


def test_migrations_run_in_order_once_and_keep_the_data(monkeypatch):
    with Store.open() as s:
        sid = add_session(s, [("why-sales", STRONG)])
    calls = []

    def v2(conn):
        calls.append(2)
        conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT")
        conn.execute("UPDATE sessions SET note = 'migrated'")

    def v3(conn):
        calls.append(3)
        conn.execute("CREATE INDEX sessions_note ON sessions (note)")

    n = schema.schema_version()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [(n + 1, v2), (n + 2, v3)])
    with Store.open() as s:
        assert calls == [2, 3] and s.conn.execute("PRAGMA user_version").fetchone()[0] == n + 2
        assert s.conn.execute("SELECT note FROM sessions").fetchone()[0] == "migrated"
        assert s.session(sid).answers[0].answer == STRONG
    with Store.open():
        assert calls == [2, 3]                                   # applied once


def test_a_failing_migration_changes_nothing(monkeypatch):
    Store.open().close()

    def bad(conn):
        conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT")
        raise RuntimeError("boom")

    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [(schema.schema_version() + 1, bad)])
        with pytest.raises(RuntimeError):
            Store.open()
    c = sqlite3.connect(paths.db_path())
    assert c.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    assert "note" not in [r[1] for r in c.execute("PRAGMA table_info(sessions)")]


def test_a_locked_history_waits_then_gives_a_clear_message(tmp_path):
    import time

    Store.open().close()
    holder = sqlite3.connect(paths.db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(timeout=0.3) as s:
            assert s.sessions() == []                        # WAL: readers are never blocked
            t = time.perf_counter()
            with pytest.raises(MockintError, match=r"^another mockint is using the history \(.*history\.sqlite3 "
                                                   r"is locked\); try again when it has finished$"):
                s.start_session("en", {}, {}, [])
            assert time.perf_counter() - t >= 0.25          # it waited first
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_other_sqlite_errors_are_one_line_messages(store):
    err = store._translate(sqlite3.OperationalError("disk I/O error"))
    assert isinstance(err, MockintError)
    assert str(err) == f"cannot use the history file {store.path}: disk I/O error"


# -- stored results back into engine objects ----------------------------------------------------

@pytest.mark.parametrize("lang, qid, text", [("en", "sales-experience", STRONG), ("en", "why-sales", WEAK),
                                             ("ro", "sales-experience", STRONG)])
def test_result_from_dict_round_trips(lang, qid, text):
    from mockint.core.scoring.feedback import score_markdown

    q, r = scored(text, qid, lang)
    again = storage.result_from_dict(json.loads(json.dumps(r.to_dict())))
    assert again.to_dict() == r.to_dict()
    assert score_markdown(again, lang) == score_markdown(r, lang)


def test_an_interview_ended_with_no_answer_leaves_no_session(store):
    """Issue 15: ending an interview before any answer keeps nothing in the history (a session
    with drafts only is deleted when it is finished; one with an answer is kept)."""
    from mockint.tui.recorder import Recorder

    rec = Recorder(store)
    rec.begin("en", {"count": 2}, {}, ["sales-experience", "why-sales"])
    rec.finish({"score": 0})                               # nothing answered: no session created
    assert store.count() == 0
    rec.begin("en", {"count": 2}, {}, ["sales-experience", "why-sales"])
    assert rec.draft(0, "sales-experience", "I sold softw")     # a draft creates the session
    assert store.count() == 1
    rec.finish({"score": 0})
    assert store.count() == 0
    sid = add_session(store, [("sales-experience", "I sold software to retailers for two years.")])
    assert [s.id for s in store.sessions()] == [sid]       # one answered session stays


def test_a_full_disk_is_called_a_full_disk(store, monkeypatch):
    """Issue 16: SQLite's "disk I/O error" on a full disk hid the cause."""
    import shutil
    from collections import namedtuple

    def full(*a, **kw):
        raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(MockintError, match=r"the disk holding the history file .* is full: free some space"):
        connect._guarded(lambda self: full())(store)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(100, 100, 0))

    def io(*a, **kw):
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(MockintError, match="is full: free some space"):
        connect._guarded(lambda self: io())(store)
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(100, 0, 10 ** 12))
    with pytest.raises(MockintError, match="cannot use the history file .*: disk I/O error"):
        connect._guarded(lambda self: io())(store)


def _wal_left_by_a_killed_process(db: Path, setup: str) -> bytes:
    """The -wal a process leaves when killed before any checkpoint (``setup`` runs on ``db``)."""
    import subprocess
    import sys

    code = (f"import sqlite3, os\nc = sqlite3.connect({str(db)!r})\nc.execute('PRAGMA journal_mode=WAL')\n"
            f"c.execute('PRAGMA wal_autocheckpoint=0')\n{setup}\nc.commit()\n"
            f"data = open({str(db) + '-wal'!r}, 'rb').read()\nopen({str(db) + '.saved-wal'!r}, 'wb').write(data)\n"
            f"os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    return Path(str(db) + ".saved-wal").read_bytes()


def test_a_wal_file_of_another_database_is_moved_aside_never_replayed(tmp_path):
    """Issue 16: a stale -wal from another database was replayed into the history ("no sessions
    yet", the file changed in place)."""
    with Store.open() as s:
        ids = {s.start_session("en", {}, {}, []) for _ in range(3)}
    wal = _wal_left_by_a_killed_process(tmp_path / "other.db", "c.execute('CREATE TABLE t (x)')\n"
                                        "c.execute('INSERT INTO t VALUES (1)')")
    Path(str(paths.db_path()) + "-wal").write_bytes(wal)
    with Store.open() as s:
        [notice] = s.notices
        assert {r.id for r in s.sessions()} == ids
    assert re.fullmatch(r"the file history\.sqlite3-wal beside the history does not belong to it \(the file header "
                        r"in it is not a mockint history's\); it was moved to .*history\.foreign-\d{8}-\d{6}"
                        r"\.sqlite3-wal and not replayed", notice)
    [moved] = paths.db_path().parent.glob("history.foreign-*.sqlite3-wal")
    assert moved.read_bytes() == wal                                 # kept as it was


def test_the_historys_own_wal_after_a_crash_is_replayed(tmp_path):
    """The check never drops mockint's own -wal: what a killed mockint committed is kept."""
    Store.open().close()
    db = paths.db_path()
    wal = _wal_left_by_a_killed_process(db, "c.execute(\"INSERT INTO sessions (id, lang, started_at, updated_at, "
                                        "settings, readiness, question_ids, mockint_version) VALUES ('ab12', 'en', "
                                        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', '{}', '{}', '[]', "
                                        f"'1')\")\nc.execute('PRAGMA user_version = {schema.schema_version()}')")
    Path(str(db) + "-wal").write_bytes(wal)
    with Store.open() as s:
        assert s.notices == [] and [r.id for r in s.sessions()] == ["ab12"]


def _export_with(store, **job) -> dict:
    sid = store.start_session("en", {"count": 1, "job": {"text": "Account Executive, B2B SaaS", "tone": "formal",
                                                          "drop": [], **job}}, {}, ["why-sales"])
    q, r = scored("I like to win.", "why-sales", "en")
    store.save_answer(sid, 0, q.id, q.text, "I like to win.", 10.0, r.to_dict(), r.rubric_version)
    return json.loads(json.dumps(store.export_all()))


@pytest.mark.parametrize("change, message", [
    (lambda s: s.update(started_at="0001-01-01T00:00:00+14:00"),
     "sessions[0].started_at: the date and time '0001-01-01T00:00:00+14:00' is out of range"),
    (lambda s: s["settings"]["job"].update(tone="evil"),
     'sessions[0].settings.job.tone: expected one of formal, casual, got the text "evil"'),
    (lambda s: s["settings"]["job"].update(text="quota " * 200_000),
     "sessions[0].settings.job.text: over 1 MB; a job posting is a few pages of text"),
])
def test_import_refuses_values_no_interview_could_have_made(store, change, message):
    """Issue 16: a date before the year 1 in UTC crashed import (OverflowError); a posting over
    1 MB or an unknown tone slipped past it into rescore."""
    doc = _export_with(store)
    change(doc["sessions"][0])
    with pytest.raises(MockintError) as exc:
        history_checks.validate_export(doc)
    assert str(exc.value) == message


def test_two_sessions_with_one_id_in_an_export_are_refused(store):
    """Issue 16: the second, different one was dropped silently ("1 already in the history")."""
    doc = _export_with(store)
    twin = copy.deepcopy(doc["sessions"][0])
    twin["answers"][0]["answer"] = "something else"
    doc["sessions"].append(twin)
    sid = twin["id"]
    with pytest.raises(MockintError, match=rf"^sessions\[1\]\.id: the session id {sid[:8]}… is also the id of "
                                           rf"sessions\[0\]; each session of an export has its own id$"):
        history_checks.validate_export(doc)


def test_rescore_of_a_stored_unknown_tone_blames_the_session_not_an_option(store):
    from tests.conftest import run_main

    _export_with(store)
    store.conn.execute("UPDATE sessions SET settings = json_set(settings, '$.job.tone', 'evil')")
    p = run_main("rescore", "--last")
    assert p.returncode == 2 and p.stderr == (
        "mockint: error: the session was kept with the tone 'evil', which mockint does not know (one of formal, "
        "casual); it cannot be scored as it was\n")


def test_export_streams_sessions_and_writes_what_export_all_gives(store):
    """Issue 16: export held the whole history (1,000 sessions: 1 GB); it now reads one session at
    a time while the file is written (20 MB), byte for byte the document export_all returns."""
    from mockint.cli.history import to_json
    from tests.conftest import run_main

    out = paths.home() / "e.json"
    assert run_main("export", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["sessions"] == []              # an empty history: "sessions": []
    for n in range(3):
        add_session(store, [("why-sales", f"I like to win, reason {n}.")])
    p = run_main("export", "-o", str(out), "--force")
    assert p.returncode == 0 and p.stdout == f"wrote 3 sessions to {out}\n"
    written = out.read_text()
    doc = store.export_all()
    doc["exported_at"] = json.loads(written)["exported_at"]
    assert written == to_json(doc)
    lazy = store.export_stream()["sessions"]
    assert isinstance(lazy, records._Lazy) and bool(lazy) and len(list(lazy)) == 3


def test_a_foreign_wal_that_cannot_be_moved_aside_is_a_clear_error(tmp_path, monkeypatch):
    with Store.open() as s:
        s.start_session("en", {}, {}, [])
    wal = _wal_left_by_a_killed_process(tmp_path / "other.db", "c.execute('CREATE TABLE t (x)')")
    Path(str(paths.db_path()) + "-wal").write_bytes(wal)

    def refuse(src, dst):
        raise OSError(13, "Permission denied")
    monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(MockintError, match=r"^the history's history\.sqlite3-wal does not belong to it \(the file "
                                           r"header in it is not a mockint history's\) and cannot be moved aside: "
                                           r"Permission denied; move or delete it yourself$"):
        Store.open()


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_a_key_point_is_labelled_with_its_summary_in_the_answer_s_language_also_when_read_back(lang):
    """Not 'motivation: ...' (the talking point's English id) in a Romanian report: its summary, as the
    question said it when the answer was scored, kept with the result."""
    from mockint.core.scoring.feedback import score_markdown, score_text

    text = {"en": "I chose sales because I like the autonomy and the earning potential.",
            "ro": "Am ales vânzările pentru că îmi place autonomia și potențialul de câștig."}[lang]
    q, r = scored(text, "why-sales", lang)
    again = storage.result_from_dict(json.loads(json.dumps(r.to_dict())))
    summary = next(tp.summary for tp in q.talking_points if tp.id == "motivation").rstrip(".")
    for report in (score_text(r, lang), score_markdown(r, lang), score_markdown(again, lang)):
        assert f"{summary}: " in report and "motivation: " not in report


def test_a_wal_another_process_is_writing_is_never_judged_foreign(tmp_path, monkeypatch):
    """Found by the concurrency test once its reader really ran beside the writers: a frame's header
    is written before its page, so a page 1 read in between is old bytes and the whole -wal looked
    foreign; the reader set it aside and six committed sessions of the writers were lost. A -wal
    judged foreign must now stay unchanged while it is judged again."""
    from mockint.core.history import connect
    db = tmp_path / "h.sqlite3"
    db.write_bytes(b"")
    wal = Path(str(db) + "-wal")
    wal.write_bytes(b"x" * 64)
    monkeypatch.setattr(connect, "WAL_SETTLE", 0.01)
    monkeypatch.setattr(connect, "_judge_wal", lambda p: "the file header in it is not a mockint history's")
    grows = iter(range(1, 100))
    monkeypatch.setattr(connect, "_wal_stat", lambda w: (next(grows), 0))      # written all the time
    assert connect._foreign_wal(db) is None
    monkeypatch.setattr(connect, "_wal_stat", lambda w: (64, 0))               # still: a stranger's
    assert connect._foreign_wal(db) == "the file header in it is not a mockint history's"
    verdicts = iter(["the file header in it is not a mockint history's", None])
    monkeypatch.setattr(connect, "_judge_wal", lambda p: next(verdicts))     # a half-written frame, then whole
    assert connect._foreign_wal(db) is None


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_a_stored_score_missing_a_key_is_a_damaged_row_not_a_bug(fmt):
    """Found by the random-damage test: one flipped bit turned a check's "id" key into another
    word; the JSON stayed valid and 'mockint report' crashed ("a bug in mockint", KeyError)."""
    from tests.conftest import run_main

    with Store.open() as s:
        sid = add_session(s, [("why-sales", "I like to win."), ("sales-experience", "I sold software.")])
    c = sqlite3.connect(paths.db_path())
    before = c.execute("SELECT result FROM results WHERE idx = 1").fetchone()[0]
    c.execute("UPDATE results SET result = replace(result, '\"id\":\"hedges\"', '\"hd\":\"hedges\"') WHERE idx = 1")
    assert c.execute("SELECT result FROM results WHERE idx = 1").fetchone()[0] != before
    c.commit()
    c.close()
    p = run_main("report", sid, "--format", fmt)
    assert p.returncode != 0 and "a bug in mockint" not in p.stderr and "Traceback" not in p.stderr
    assert p.stderr.startswith(f"mockint: error: session {sid[:8]} in the history cannot be read: the stored "
                               f"score of answer 2 is damaged (KeyError: 'id')") and p.stderr.count("\n") == 1
