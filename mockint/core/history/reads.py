"""Reading the history: the listing, one session with its answers and drafts, a question's
answers, and the cheap queries progress needs: the Store's :class:`SessionReads` part."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.history.connect import (
    _reading,
    _stored,
    session_key,
)
from mockint.core.history.records import (
    AnswerRecord,
    DraftRecord,
    ResultRecord,
    SessionRecord,
    SessionRow,
)

ORDERS = {"date": "started_at", "score": "score", "answers": "n_answers"}
# the columns one session is read with (by id, or row by row from a damaged file: transfer.py)
SESSION_COLS = ("id, lang, started_at, finished_at, settings, readiness, question_ids, summary, n_answers, "
                "score, mockint_version")
RESULT_COLS = "id, idx, rubric_version, score, shown, created_at, result"
ANSWER_COLS = "idx, question_id, question_text, answer, elapsed, answered_at, follow_up"
DRAFT_COLS = "idx, question_id, text, saved_at, elapsed"
CALL_COLS = "scenario, turns, result"


def session_record(row, results, answers, drafts, call) -> SessionRecord:
    """One session from its rows (in the ``*_COLS`` columns, results and answers in order)."""
    sid = row[0]
    rec = SessionRecord(row[0], row[1], row[2], row[3], _stored(row[4], sid, "settings"),
                        _stored(row[5], sid, "readiness"), _stored(row[6], sid, "question ids"),
                        _stored(row[7], sid, "summary") if row[7] else None, row[8], row[9], row[10])
    by_idx: dict[int, list[ResultRecord]] = {}
    for rid, idx, rv, score, shown, created, text in results:
        result = _stored(text, sid, "result", f" of answer {idx + 1}")
        by_idx.setdefault(idx, []).append(ResultRecord(rid, rv, score, bool(shown), created, result))
    for idx, qid, qtext, answer, elapsed, at, fu in answers:
        rec.answers.append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                        _stored(fu, sid, "follow-up", f" of answer {idx + 1}") if fu else None,
                                        by_idx.get(idx, []), rec.started_at, rec.lang))
    rec.drafts = [DraftRecord(*r) for r in drafts]
    if call is not None:
        rec.call = {"scenario": call[0], "turns": _stored(call[1], sid, "turns"),
                    "result": _stored(call[2], sid, "result") if call[2] else None}
    return rec

if TYPE_CHECKING:
    from mockint.core.history.parts import StoreParts
else:
    StoreParts = object       # the Store these methods are mixed into (see mockint.core.history.parts)


class SessionReads(StoreParts):
    """The Store's reads (mixed into :class:`~mockint.core.history.store.Store`)."""

    # -- reading
    @_reading
    def sessions(self, lang: str | None = None, query: str | None = None, order: str = "date",
                 desc: bool = True, limit: int | None = None) -> list[SessionRow]:
        """The history, newest first by default. ``query`` matches the start of a session id, or
        any part of a question id, question text or answer of the session (case-insensitive)."""
        if order not in ORDERS:
            raise MockintError(f"unknown order '{order}'{did_you_mean(order, ORDERS)}; "
                               f"choose one of: {', '.join(ORDERS)}")
        where: list[str] = []
        params: list[Any] = []
        if lang:
            where.append("s.lang = ?")
            params.append(lang)
        if query and query.strip():
            q = query.strip()
            like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            esc = "ESCAPE '\\'"
            where.append(f"(s.id LIKE ? {esc} OR EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id "
                         f"AND (a.question_id LIKE ? {esc} OR a.question_text LIKE ? {esc} "
                         f"OR a.answer LIKE ? {esc})))")
            prefix = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [prefix, like, like, like]
        col = ORDERS[order]
        direction = "DESC" if desc else "ASC"
        sql = ("SELECT s.id, s.started_at, s.finished_at, s.lang, s.n_answers, s.score, c.scenario "
               "FROM sessions s LEFT JOIN calls c ON c.session_id = s.id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY (s.{col} IS NULL), s.{col} {direction}, s.started_at {direction}, s.rowid {direction}")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [SessionRow(*row) for row in self.conn.execute(sql, params)]

    @_reading
    def count(self, lang: str | None = None) -> int:
        if lang:
            return self.conn.execute("SELECT count(*) FROM sessions WHERE lang = ?", (lang,)).fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]

    @_reading
    def resolve(self, id_or_prefix: str) -> str:
        """The full id for a session id or a unique prefix of one (as shown by 'mockint history')."""
        key = session_key(id_or_prefix)
        rows = [r[0] for r in self.conn.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 4", (key, key + "g"))]
        if len(rows) == 1:
            return rows[0]
        if not rows:
            ids = [r[0][:len(key)] for r in self.conn.execute("SELECT id FROM sessions")]
            raise MockintError(f"no session '{id_or_prefix}' in the history{did_you_mean(key, ids)}; "
                               f"'mockint history' lists them")
        shown = ", ".join(r[:len(key) + 4] for r in rows[:3]) + (", ..." if len(rows) > 3 else "")
        more = "more than 3" if len(rows) > 3 else str(len(rows))
        raise MockintError(f"'{id_or_prefix}' matches {more} sessions ({shown}); give more of the id")

    @_reading
    def session(self, id_or_prefix: str) -> SessionRecord:
        """One session with its answers (all their results) and drafts."""
        sid = self.resolve(id_or_prefix)
        return self._load(sid)

    @_reading
    def latest(self, answered: bool = True) -> SessionRecord | None:
        """The most recently started session (with at least one answer, by default)."""
        row = self.conn.execute("SELECT id FROM sessions" + (" WHERE n_answers > 0" if answered else "")
                                + " ORDER BY started_at DESC, rowid DESC LIMIT 1").fetchone()
        return self._load(row[0]) if row else None

    @_reading
    def unfinished(self, include_empty: bool = False) -> SessionRecord | None:
        """The latest unfinished session, to offer for resuming; by default only one with an
        answer or a non-empty draft (an interview closed at once is not worth resuming)."""
        sql = "SELECT id FROM sessions s WHERE finished_at IS NULL"
        if not include_empty:
            sql += (" AND (n_answers > 0 OR EXISTS (SELECT 1 FROM drafts d WHERE d.session_id = s.id"
                    " AND trim(d.text) != ''))")
        row = self.conn.execute(sql + " ORDER BY started_at DESC, rowid DESC LIMIT 1").fetchone()
        return self._load(row[0]) if row else None

    def _load(self, sid: str) -> SessionRecord:
        c = self.conn
        row = c.execute(f"SELECT {SESSION_COLS} FROM sessions WHERE id = ?", (sid,)).fetchone()
        if row is None:
            raise self._no_session(sid)
        results = c.execute(f"SELECT {RESULT_COLS} FROM results WHERE session_id = ? ORDER BY idx, id", (sid,))
        answers = c.execute(f"SELECT {ANSWER_COLS} FROM answers WHERE session_id = ? ORDER BY idx", (sid,))
        drafts = c.execute(f"SELECT {DRAFT_COLS} FROM drafts WHERE session_id = ? ORDER BY idx", (sid,))
        call = c.execute(f"SELECT {CALL_COLS} FROM calls WHERE session_id = ?", (sid,)).fetchone()
        return session_record(row, results, answers, drafts, call)

    @_reading
    def answers_for_question(self, question_id: str, lang: str | None = None) -> list[AnswerRecord]:
        """Every stored answer to a question, oldest first (by session start, then position)."""
        sql = ("SELECT a.session_id, a.idx, a.question_id, a.question_text, a.answer, a.elapsed, a.answered_at, "
               "a.follow_up, s.started_at, s.lang FROM answers a JOIN sessions s ON s.id = a.session_id "
               "WHERE a.question_id = ?")
        params: list[Any] = [question_id]
        if lang:
            sql += " AND s.lang = ?"
            params.append(lang)
        sql += " ORDER BY s.started_at, s.rowid, a.idx"
        out = []
        for sid, idx, qid, qtext, answer, elapsed, at, fu, started, slang in self.conn.execute(sql, params).fetchall():
            res = [ResultRecord(rid, rv, score, bool(shown), created, _stored(text, sid, "result"))
                   for rid, rv, score, shown, created, text in self.conn.execute(
                       "SELECT id, rubric_version, score, shown, created_at, result FROM results "
                       "WHERE session_id = ? AND idx = ? ORDER BY id", (sid, idx))]
            out.append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                    _stored(fu, sid, "follow-up") if fu else None,
                                    res, started, slang))
        return out

    # -- for progress (cheap: no answer JSON is parsed)
    @_reading
    def criterion_averages(self, lang: str | None = None,
                           best: Collection[str] = ()) -> list[tuple[str, str, str, float]]:
        """(session id, started_at, criterion, mean shown score 0..1) for every answered session,
        oldest first; for the criteria in ``best``, the session's best shown score instead."""
        pick = "avg(rc.score)"
        params: list[Any] = sorted(best)
        if params:
            pick = f"CASE WHEN rc.criterion IN ({', '.join('?' * len(params))}) THEN max(rc.score) ELSE {pick} END"
        sql = (f"SELECT s.id, s.started_at, rc.criterion, {pick} FROM sessions s "
               "JOIN results r ON r.session_id = s.id AND r.shown = 1 "
               "JOIN result_criteria rc ON rc.result_id = r.id")
        if lang:
            sql += " WHERE s.lang = ?"
            params.append(lang)
        sql += " GROUP BY s.id, rc.criterion ORDER BY s.started_at, s.rowid, rc.criterion"
        return [(a, b, c, float(d)) for a, b, c, d in self.conn.execute(sql, params)]

    @_reading
    def attempts(self, lang: str) -> tuple[list[str], list[tuple[str, str, int]]]:
        """The answered sessions of ``lang`` (ids, oldest first) and every attempt as
        (question id, session id, shown score), in the same order."""
        sessions = [r[0] for r in self.conn.execute(
            "SELECT id FROM sessions WHERE lang = ? AND n_answers > 0 ORDER BY started_at, rowid", (lang,))]
        rows = [(q, s, int(sc)) for q, s, sc in self.conn.execute(
            "SELECT a.question_id, a.session_id, r.score FROM answers a "
            "JOIN sessions s ON s.id = a.session_id "
            "JOIN results r ON r.session_id = a.session_id AND r.idx = a.idx AND r.shown = 1 "
            "WHERE s.lang = ? AND a.question_id IS NOT NULL ORDER BY s.started_at, s.rowid, a.idx", (lang,))]
        return sessions, rows

    @_reading
    def repeated_answers(self, lang: str, last: int = 2, limit: int | None = None) -> list[list[AnswerRecord]]:
        """For each bank question answered at least twice in sessions of ``lang``: its last
        ``last`` answers, oldest first (each with its shown result only). Questions come by their
        latest attempt, newest first; at most ``limit`` of them. Only those answers' score
        objects are parsed, so this stays fast on a long history."""
        sql = ("SELECT question_id, session_id, idx, question_text, answer, elapsed, answered_at, follow_up, "
               "started_at, rid, rv, score, created_at, result FROM ("
               " SELECT a.question_id, a.session_id, a.idx, a.question_text, a.answer, a.elapsed, a.answered_at,"
               " a.follow_up, s.started_at, r.id AS rid, r.rubric_version AS rv, r.score, r.created_at, r.result,"
               " row_number() OVER (PARTITION BY a.question_id"
               "   ORDER BY s.started_at DESC, s.rowid DESC, a.idx DESC) AS rn,"
               " count(*) OVER (PARTITION BY a.question_id) AS n,"
               " max(s.started_at) OVER (PARTITION BY a.question_id) AS latest"
               " FROM answers a JOIN sessions s ON s.id = a.session_id"
               " JOIN results r ON r.session_id = a.session_id AND r.idx = a.idx AND r.shown = 1"
               " WHERE s.lang = ? AND a.question_id IS NOT NULL)"
               " WHERE n >= 2 AND rn <= ? ORDER BY latest DESC, question_id, rn DESC")
        groups: dict[str, list[AnswerRecord]] = {}
        for (qid, sid, idx, qtext, answer, elapsed, at, fu, started, rid, rv, score, created,
             text) in self.conn.execute(sql, (lang, max(1, int(last)))):
            if qid not in groups:
                if limit is not None and len(groups) >= limit:
                    break
                groups[qid] = []
            res = [ResultRecord(rid, rv, score, True, created, _stored(text, sid, "result"))]
            groups[qid].append(AnswerRecord(sid, idx, qid, qtext, answer, elapsed, at,
                                            _stored(fu, sid, "follow-up") if fu else None, res, started, lang))
        return list(groups.values())
