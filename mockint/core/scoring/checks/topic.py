"""The kinds about the question: its talking points, another question the answer fits better, staying on topic."""

from __future__ import annotations

from collections import Counter

from mockint.core.data.strings import more
from mockint.core.questions.bank import Question
from mockint.core.scoring.checks.base import (
    Check,
    Ctx,
    Outcome,
    Span,
    _clauses,
    _saturate,
)
from mockint.core.scoring.checks.pattern import (
    _stem_positions,
)
from mockint.core.scoring.matching import PhraseSet, group_phrase_sets
from mockint.core.scoring.text import phrase_tokens, stem_words


class TalkingPointsCheck(Check):
    kind = "talking_points"
    effects = ("reward", "gate")
    options = {"share": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        self._sets: dict[tuple[str, str], list[PhraseSet]] = {}

    def _compiled(self, q: Question) -> list[PhraseSet]:
        key = (q.lang, q.id)
        if key not in self._sets:
            sets = [PhraseSet(tp.phrases, self.rubric.lang, "stem", self.rubric.window,
                              self.rubric.fuzzy, self.lexicon) for tp in q.talking_points]
            group_phrase_sets(sets)
            self._sets[key] = sets
        return self._sets[key]

    def run(self, ctx: Ctx) -> Outcome:
        q = ctx.question
        if not q.talking_points:
            return Outcome(1.0, 0, [])
        cid = self.rule.split(".")[0]
        spans, covered, missing = [], [], []
        found = [ps.find(ctx.a) for ps in self._compiled(q)]
        ranges = [(h.first, h.last) for hits in found for h in hits]
        for tp, hits in zip(q.talking_points, found):
            # a hit that begins or ends a longer one of another point is that one's words: "nu am
            # atins" (behind target) ends with "am atins" (the attainment), which it does not say
            hits = [h for h in hits if not any(f <= h.first and h.last <= la and la - f > h.last - h.first
                                                and (f == h.first or la == h.last) for f, la in ranges)]
            if hits:
                covered.append(tp)
                spans += [Span(h.start, h.end, h.first, h.last, f"{cid}.{tp.id}", h.typo) for h in hits]
            else:
                missing.append(tp)
        need = max(1.0, len(q.talking_points) * self.opts.get("share", self.target(ctx)))
        value = min(1.0, len(covered) / need)
        return Outcome(value, len(covered), spans, {
            "covered": _clauses(tp.summary for tp in covered),
            # the first two missing points, and how many more: advice read once, not a checklist
            "missing": _clauses(tp.summary for tp in missing[:2])
                       + more(q.lang, len(missing) - 2),
            "missing_points": missing, "target": len(q.talking_points)})


class SubjectCheck(Check):
    """An answer that never names its question's subject: the question's ``subject`` phrases
    (docs/question-bank-format.md), none of them in an answer of ``min_words`` words or more.
    Count 1 then, with no words to show: what is missing is the subject itself. Questions without
    a ``subject`` are not judged."""
    kind = "subject"
    effects = ("penalty",)
    options = {"min_words": False}     # key: required?

    def __init__(self, *args):
        super().__init__(*args)
        self._sets: dict[tuple[str, str], PhraseSet] = {}

    def run(self, ctx: Ctx) -> Outcome:
        q = ctx.question
        if not q.subject or len(ctx.a.words) < int(self.opts.get("min_words", 0)):
            return Outcome(1.0, 0, [])
        key = (q.lang, q.id)
        if key not in self._sets:
            self._sets[key] = PhraseSet(q.subject, self.rubric.lang, "stem", self.rubric.window,
                                        self.rubric.fuzzy, self.lexicon)
        if self._sets[key].find(ctx.a):
            return Outcome(1.0, 0, [])
        return Outcome(0.0, 1, [], {"question": q.text})


class OtherQuestionCheck(Check):
    """An answer to another question: the answer uses at least ``min_words`` of the words that
    mark another bank question (the words of its ``terms`` and talking points that at most
    ``max_questions`` questions share, less the ``ignore`` lists), ``margin`` more than of the
    asked question's own, and covers at most ``max_own`` of the asked question's talking points
    (the ``from`` check). Count 1 then; ``question`` names the question it seems to answer. With
    ``own_terms``, an answer that holds that many of the asked question's own ``terms`` (its first,
    the subject, counting two) answers it, whatever else it shares with another question."""
    kind = "other_question"
    effects = ("penalty",)
    options = {"from": True, "ignore": False, "min_words": False, "margin": False,     # key: required?
               "max_questions": False, "max_own": False, "min_length": False, "min_points": False,
               "margin_points": False, "own_terms": False}
    reads_others = True


    def __init__(self, *args):
        super().__init__(*args)
        self.refs = self._refs("from")
        self._ignore = {w for p in self.opts.get("ignore", []) for w in phrase_tokens(p)}
        self._index: tuple[int, dict[str, list[str]], dict[str, frozenset[str]]] | None = None
        self.talking_points: TalkingPointsCheck | None = None
        self._terms: dict[tuple[str, str], list[frozenset[str]]] = {}

    def names_subject(self, ctx: Ctx) -> bool:
        """Whether the answer holds ``own_terms`` of the asked question's terms, the first counting two."""
        need = int(self.opts.get("own_terms", 0))
        q = ctx.question
        if not need or not q.terms:
            return False
        key = (q.lang, q.id)
        if key not in self._terms:
            self._terms[key] = [frozenset(stem_words(phrase_tokens(t), self.rubric.lang)) for t in q.terms]
        stems = set(ctx.a.stems)
        have = sum((2 if i == 0 else 1) for i, t in enumerate(self._terms[key]) if t and t <= stems)
        return have >= need

    def _words(self, q: Question) -> set[str]:
        words: set[str] = set()
        for t in q.terms:           # a term's short pieces ("lead-uri": "uri") mark nothing
            toks = phrase_tokens(t)
            words.update(toks if len(toks) == 1 else (w for w in toks if len(w) > 3))
        short = int(self.opts.get("min_length", 5))     # talking points' short words are too common
        words.update(w for tp in q.talking_points for p in tp.phrases for w in phrase_tokens(p) if len(w) >= short)
        return {w for w in words if w.isalpha() and len(w) > 2} - self._ignore

    def index(self, bank) -> tuple[dict[str, list[str]], dict[str, frozenset[str]]]:
        """Stem -> the questions it marks; question -> its marking stems (built once per bank)."""
        if self._index is None or self._index[0] != id(bank):
            lang = self.rubric.lang
            marks: dict[str, set[str]] = {}
            for q in bank.questions:
                if q.talking_points and q.kind != "closing":
                    words = sorted(self._words(q))
                    marks[q.id] = set(stem_words(words, lang)) if words else set()
            counts = Counter(st for stems in marks.values() for st in stems)
            most = int(self.opts.get("max_questions", 2))
            by_stem: dict[str, list[str]] = {}
            for qid, stems in marks.items():
                for st in stems:
                    if counts[st] <= most:
                        by_stem.setdefault(st, []).append(qid)
            own = {qid: frozenset(st for st in stems if counts[st] <= most) for qid, stems in marks.items()}
            self._index = (id(bank), by_stem, own)
        return self._index[1], self._index[2]

    def points(self, ctx: Ctx, other: Question) -> int:
        """How many of ``other``'s talking points the answer covers (the ``from`` check's way)."""
        check = self.talking_points
        if check is None:
            return 0
        return check.run(Ctx(ctx.a, other, ctx.elapsed, ctx.run, ctx.bank)).count

    def bind(self, checks: dict[str, Check]) -> None:
        """The scorer gives the checks by rule id: the talking-points check this one asks."""
        self.talking_points = None
        for r in self.refs:
            chk = checks.get(r)
            if isinstance(chk, TalkingPointsCheck):
                self.talking_points = chk
                break

    def run(self, ctx: Ctx) -> Outcome:
        q, bank = ctx.question, ctx.bank
        if bank is None or not q.talking_points or q.kind == "closing":
            return Outcome(1.0, 0, [])
        by_stem, marks = self.index(bank)
        if sum(ctx.run(ref).count for ref in self.refs) > int(self.opts.get("max_own", 1)) or self.names_subject(ctx):
            return Outcome(1.0, 0, [])
        stems = set(ctx.a.stems)
        found: Counter = Counter()
        for st in stems.intersection(by_stem):
            for qid in by_stem[st]:
                found[qid] += 1
        if q.id in marks:
            own_marks = marks[q.id]
        else:
            words = sorted(self._words(q))
            own_marks = frozenset(stem_words(words, self.rubric.lang)) if words else frozenset()
        own = len(stems & own_marks)
        own_points = sum(ctx.run(ref).count for ref in self.refs)
        best = None
        for qid, n in found.most_common(3):   # the likeliest: do they cover its talking points?
            if qid == q.id or n < int(self.opts.get("min_words", 3)) or n < own + int(self.opts.get("margin", 2)):
                continue
            points = self.points(ctx, bank.get(qid))
            if (points >= int(self.opts.get("min_points", 2))
                    and points >= own_points + int(self.opts.get("margin_points", 2))):
                best = qid
                break
        if best is None:
            return Outcome(1.0, 0, [])
        other = bank.get(best)
        hit = marks[best]
        pos = _stem_positions(ctx.a)
        a = ctx.a
        spans = [Span(a.token_starts[i], a.token_ends[i], i, i, self.rule)
                 for i in sorted(pos[st][0] for st in stems & hit)]
        return Outcome(0.0, 1, spans, {"question": other.text})


class OnTopicCheck(Check):
    """How many distinct topic words the answer uses: the rubric's domain ``lists`` less the
    ``ignore`` lists (words too general to show a topic: "team", "goal", "first"... appear in
    any story), plus the question's own ``terms`` less the ``ignore_in_terms`` lists."""
    kind = "on_topic"
    effects = ("reward", "gate")
    options = {"lists": False, "ignore": False, "ignore_in_terms": False}     # key: required?


    def __init__(self, *args):
        super().__init__(*args)
        self._vocab: dict[tuple[str, str, tuple[str, ...]], set[str]] = {}
        self._term_phrases: dict[tuple[str, str, tuple[str, ...]], PhraseSet | None] = {}
        self._ignore = self._stems(self.opts.get("ignore", []))
        self._domain = self._stems(self.opts.get("lists", [])) - self._ignore
        self._ignore_terms = self._stems(self.opts.get("ignore_in_terms", []))
        multi = [p for p in self.opts.get("lists", []) if len(phrase_tokens(p)) > 1]
        self._phrases = PhraseSet(multi, self.rubric.lang, "stem", 0, None, None) if multi else None

    def _stems(self, phrases: list[str]) -> set[str]:
        """Stems of the one-word entries (a multi-word entry is matched as a phrase)."""
        words = sorted({toks[0] for p in phrases if len(toks := phrase_tokens(p)) == 1 and len(toks[0]) >= 2})
        return set(stem_words(words, self.rubric.lang)) if words else set()

    def vocab(self, q: Question) -> set[str]:
        key = (q.lang, q.id, tuple(q.terms))
        if key not in self._vocab:
            self._vocab[key] = self._domain | (self._stems(q.terms) - self._ignore_terms)
        return self._vocab[key]

    def term_phrases(self, q: Question) -> PhraseSet | None:
        """The question's multi-word terms ("next step", "who decides"), matched as phrases."""
        key = (q.lang, q.id, tuple(q.terms))
        if key not in self._term_phrases:
            multi = [t for t in q.terms if len(phrase_tokens(t)) > 1]
            self._term_phrases[key] = PhraseSet(multi, self.rubric.lang, "stem", 0, None, None) if multi else None
        return self._term_phrases[key]

    def run(self, ctx: Ctx) -> Outcome:
        a = ctx.a
        seen: set[str] = self.vocab(ctx.question).intersection(a.stems)
        pos = _stem_positions(a)
        ts, te = a.token_starts, a.token_ends
        spans = [Span(ts[i], te[i], i, i, self.rule)                        # first use of each
                 for i in sorted(pos[stem][0] for stem in seen)]
        single = len(spans)
        for ps in (self._phrases, self.term_phrases(ctx.question)):
            for h in ps.find(ctx.a) if ps is not None else ():
                if h.phrase not in seen:
                    seen.add(h.phrase)
                    spans.append(Span(h.start, h.end, h.first, h.last, self.rule))
        if len(spans) > single:
            spans.sort(key=lambda sp: sp.start)
        return Outcome(_saturate(len(seen), self.target(ctx)), len(seen), spans)
