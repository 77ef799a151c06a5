"""Tailoring to a job posting: its key terms, the ``job_fit`` and ``tone`` criteria, extra questions.

Rules are data, mechanisms are code: the vocabularies (skills, tools, industries,
responsibilities, generic words), figure patterns, weights, question templates and tone phrases
live in ``jobspec/<lang>.yaml``, validated at load with precise file:line errors. This
package only matches them, with the same normaliser, stemmer and phrase matcher as the scorer.
By job: the data file read into a ``Spec`` is ``spec``; a ``Term`` and the ``JobContext`` are
``terms``; the two criteria are ``criteria``; what callers use is here.

- ``extract_terms(text, lang)``: the posting's terms, weighted by how specific they are, in a
  deterministic order (most specific first, then first seen).
- ``JobContext``: the terms kept (after ``--drop-term``), an optional tone (formal | casual).
- ``score_with_job(scorer, answer, question, elapsed, job)``: the scorer's result plus a
  ``job_fit`` criterion (and a ``tone`` one with a tone). The rubric's score keeps
  ``1 - job_fit.weight - tone.weight`` of the total (0.80 with the shipped files), so neither
  ever dominates. Without a JobContext nothing changes.
- ``job_fit_table(results, terms)``: per term, the answers that covered it, or not yet covered;
  ``posting_covered(results)``: the share of the terms covered, the session's ``job_fit`` figure.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from mockint.core.data.errors import MockintError
from mockint.core.data.yamlfile import not_utf8, read_bytes, read_data, utf16
from mockint.core.jobspec.criteria import _job_fit, _tone
from mockint.core.jobspec.spec import TONES, VOCAB_KINDS, Spec, parse_spec, spec_path
from mockint.core.jobspec.terms import JobContext, Term
from mockint.core.questions.bank import Question
from mockint.core.scoring.text import Analysed, analyse, fold, phrase_tokens

NOT_COVERED = "not yet covered"


# -- the data file -------------------------------------------------------------------------
@lru_cache(maxsize=4)
def load_spec(lang: str) -> Spec:
    from mockint.core.data import resources
    p = spec_path(lang)
    return parse_spec(read_data(p, resources.display(p)), resources.display(p), lang)


# -- extraction ----------------------------------------------------------------------------
def extract_terms(text: str, lang: str) -> list[Term]:
    """The posting's terms, most specific first (then in the order the posting first uses them)."""
    spec = load_spec(lang)
    a = analyse(text, lang)
    terms: dict[tuple[str, str], Term] = {}
    taken: set[int] = set()          # token indexes already part of a term
    seen: set[tuple] = set()         # (term key, span): a set, so a long posting stays linear

    def add(kind: str, label: str, span: tuple[int, int], phrases: list[str], key: str | None = None,
            ask: bool = True) -> None:
        # one term per word sequence, whatever kind found it first; figures by name and amount
        k = ("figure" if kind == "figure" else "", key or " ".join(phrase_tokens(label)))
        t = terms.get(k)
        if t is None:
            terms[k] = Term(label, kind, spec.weights[kind], [span], phrases, ask)
            seen.add((k, span))
        elif (k, span) not in seen:
            seen.add((k, span))
            t.spans.append(span)

    for kind in VOCAB_KINDS + ("generic",):
        for h in spec.sets[kind].find(a):
            if any(i in taken for i in range(h.first, h.last + 1)):
                continue
            taken.update(range(h.first, h.last + 1))
            add(kind, h.phrase, a.span(h.start, h.end), [h.phrase])
    for fig in spec.figures:
        for m in fig.pattern.finditer(a.folded):
            s, e = a.span(m.start(), m.end())
            label = " ".join(a.original[s:e].split())
            if "amount" in fig.pattern.groupindex and m.group("amount"):
                ms, me = a.span(m.start("amount"), m.end("amount"))
                label = f"{fig.name} {' '.join(a.original[ms:me].split())}"
            add("figure", label, (s, e), list(fig.covered_by), key=fig.name + ":" + fold(label), ask=fig.ask)
    for label, spans in _names(a, taken, spec).items():
        for sp in spans:
            add("phrase", label, sp, [label])
    out = [t for t in terms.values()]
    for t in out:
        t.spans.sort()
    out.sort(key=lambda t: (-t.weight, t.spans[0][0], t.text))
    return out


def _names(a: Analysed, taken: set[int], spec: Spec) -> dict[str, list[tuple[int, int]]]:
    """Capitalised names (runs of up to 3 capitalised words, or acronyms) that the posting uses
    at least ``min_repeats`` times, at least once not at a sentence start."""
    toks, sent, orig = a.tokens, a.sentence_of_token, a.original
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if i in taken or not _capital(a, i):
            i += 1
            continue
        j = i
        while j + 1 < n and j - i < 2 and (j + 1) not in taken and sent[j + 1] == sent[i] \
                and _capital(a, j + 1) and _adjacent(a, j):
            j += 1
        runs.append((i, j))
        i = j + 1
    groups: dict[str, list[tuple[int, int, bool]]] = {}
    labels: dict[str, str] = {}
    for i, j in runs:
        key = " ".join(t.text for t in toks[i:j + 1])
        if key in spec.not_names or all(t.text in spec.not_names for t in toks[i:j + 1]):
            continue
        if not any(len(t.text) > 1 for t in toks[i:j + 1]) or any(t.text[:1].isdigit() for t in toks[i:j + 1]):
            continue
        initial = i == 0 or sent[i - 1] != sent[i]
        groups.setdefault(key, []).append((i, j, initial))
        s, e = a.span(toks[i].start, toks[j].end)
        labels.setdefault(key, orig[s:e])
    out: dict[str, list[tuple[int, int]]] = {}
    for key, occ in groups.items():
        if len(occ) >= spec.min_repeats and any(not init for _, _, init in occ):
            out[labels[key]] = [a.span(toks[i].start, toks[j].end) for i, j, _ in occ]
    return out


def _capital(a: Analysed, i: int) -> bool:
    tok = a.tokens[i]
    s, _ = a.span(tok.start, tok.end)
    ch = a.original[s:s + 1]
    return ch.isupper()


def _adjacent(a: Analysed, j: int) -> bool:
    """Only spaces between token j and j+1 (no comma, line break, bullet)."""
    between = a.folded[a.tokens[j].end:a.tokens[j + 1].start]
    return between.strip(" ") == "" and "\n" not in between


def useful_terms(terms: list[Term]) -> list[Term]:
    return [t for t in terms if t.useful]


def drop_terms(terms: list[Term], drop: list[str] | None) -> list[Term]:
    """Remove the terms the user named (by text or key, case and diacritics ignored)."""
    if not drop:
        return list(terms)
    gone = {" ".join(phrase_tokens(d)) for d in drop} | {fold(d).strip() for d in drop}
    return [t for t in terms if " ".join(phrase_tokens(t.text)) not in gone
            and t.key not in gone and fold(t.text) not in gone]


def job_questions(terms: list[Term], lang: str) -> list[Question]:
    """Two or three extra questions from the bank's templates, most specific terms first, one
    term per kind before a second of the same kind."""
    spec = load_spec(lang)
    cands = [t for t in terms if t.kind in spec.templates and t.useful and t.ask]
    picked: list[Term] = []
    for t in cands:                      # one per kind first
        if len(picked) < spec.q_count and t.kind not in {p.kind for p in picked}:
            picked.append(t)
    for t in cands:
        if len(picked) < spec.q_count and t not in picked:
            picked.append(t)
    out = []
    for i, t in enumerate(picked, 1):
        out.append(Question(id=f"job-{i}", text=spec.templates[t.kind].format(term=t.text), topic="",
                            kind="behavioural", difficulty="medium", guide=list(spec.fit["guide"]), min_words=60,
                            max_words=300, seconds=150, talking_points=[], terms=[t.text], lang=lang,
                            in_bank=False))
    return out


# -- reading a posting ---------------------------------------------------------------------
MAX_POSTING_BYTES = 1_000_000


def read_posting(path: str | Path) -> str:
    """A posting's text; a missing, unreadable, binary, non-UTF-8 or empty file is one line."""
    data = read_bytes(path, MAX_POSTING_BYTES)
    if len(data) > MAX_POSTING_BYTES:
        raise MockintError(f"{path}: over 1 MB; a job posting is a few pages of text")
    if utf16(data):
        raise MockintError(not_utf8(str(path), data, 0))
    if b"\x00" in data:
        raise MockintError(f"{path}: a binary file, not a text job posting")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise MockintError(not_utf8(str(path), data, exc.start)) from None
    if not text.strip():
        raise MockintError(f"{path}: the job posting is empty")
    return text


def job_context(lang: str, text: str | None = None, tone: str | None = None,
                drop: list[str] | None = None, source: str = "the job posting") -> JobContext:
    """A JobContext from a posting's text (None: tone only). A posting without useful terms is
    an error the user can act on."""
    if tone is not None and tone not in TONES:
        raise MockintError(f"--tone {tone}: use one of {', '.join(TONES)}")
    if text is None:
        return JobContext(lang, tone=tone, source="")
    where = "" if source == "the job posting" else f"{source}: "     # a file is named; a pasted one is not
    if not text.strip():
        raise MockintError(f"{where}the job posting is empty", message_id="job.empty")
    all_terms = drop_terms(extract_terms(text, lang), drop)
    useful = useful_terms(all_terms)
    if not useful:
        generic = ", ".join(t.text for t in all_terms[:5])
        raise MockintError(f"{where}no useful terms found in the job posting"
                           + (f" (only generic words: {generic})" if generic else "")
                           + "; nothing to tailor the interview to",
                           message_id="job.no_terms_generic" if generic else "job.no_terms",
                           params={"generic": generic})
    return JobContext(lang, useful, all_terms, tone, source)


# -- scoring -------------------------------------------------------------------------------
def stored_job(settings: dict | None) -> tuple[str | None, str | None, list[str]]:
    """The job posting, tone and removed terms a stored session was tailored to (its settings'
    ``job``, written by the TUI): (None, None, []) for one that was not, or where they make no sense."""
    job = (settings or {}).get("job")
    if not isinstance(job, dict):
        return None, None, []
    text, tone, drop = job.get("text"), job.get("tone"), job.get("drop")
    return (text if isinstance(text, str) and text.strip() else None,
            tone if isinstance(tone, str) and tone else None,
            [d for d in drop if isinstance(d, str)] if isinstance(drop, list) else [])


def context_and_questions(lang: str, text: str | None, tone: str | None,
                          drop: list[str] | None = None) -> tuple[JobContext | None, list[Question]]:
    """The JobContext for a posting and/or tone (None without either) and the questions built
    from the posting. Raises MockintError for a posting with no useful terms."""
    if not text and not tone:
        return None, []
    job = job_context(lang, text or None, tone, drop)
    return job, (job_questions(job.terms, lang) if job.terms else [])


def stored_context(lang: str, settings: dict | None) -> tuple[JobContext | None, list[Question]]:
    """:func:`context_and_questions` for a stored session (its :func:`stored_job`). A stored value
    no option could have given (an unknown tone, a posting over 1 MB) is the session's fault,
    said as such (not as a bad option)."""
    text, tone, drop = stored_job(settings)
    if tone is not None and tone not in TONES:
        raise MockintError(f"the session was kept with the tone {tone!r}, which mockint does not know "
                           f"(one of {', '.join(TONES)}); it cannot be scored as it was")
    if text is not None and len(text.encode("utf-8")) > MAX_POSTING_BYTES:
        raise MockintError("the session was kept with a job posting over 1 MB; it cannot be scored as it was")
    return context_and_questions(lang, text, tone, drop)


class JobCriteria:
    """The ``job_fit`` (when the context has terms; not on the closing question, whose questions
    are theirs) and ``tone`` (when it has a tone) criteria of a tailored interview, as the
    engine's extra criteria (:meth:`mockint.core.scoring.engine.Scorer.score`'s ``extra``): the
    scorer works out their share of the score and applies the caps over all of it."""

    def __init__(self, job: JobContext) -> None:
        self.job = job

    def results(self, a: Analysed, question: Question) -> list:
        from mockint.core.scoring.engine import CriterionResult
        job = self.job
        if job.lang != a.lang:
            a = analyse(a.original, job.lang)
        spec = load_spec(job.lang)
        out = []
        if job.terms and question.kind != "closing":
            out.append(_job_fit(a, job, spec, CriterionResult))
        if job.tone:
            out.append(_tone(a, job.tone, spec, CriterionResult))
        return out


class WithJob:
    """A scorer that scores as :func:`score_with_job` does for ``job``, and whose bank also has
    the questions built from its posting (for ``Store.rescore``)."""

    def __init__(self, scorer, job: JobContext, extra: list[Question]) -> None:
        from types import SimpleNamespace

        self.scorer, self.job = scorer, job
        self.bank = SimpleNamespace(questions=[*scorer.bank.questions, *extra])

    def score(self, answer: str, question: Question, elapsed: float | None = None, only=None):
        return score_with_job(self.scorer, answer, question, elapsed, self.job, only)


def score_with_job(scorer, answer: str, question: Question, elapsed: float | None, job: JobContext | None,
                   only: tuple[str, ...] | None = None):
    """The scorer's result for a tailored interview: the rubric's criteria and, when the context
    has terms or a tone, ``job_fit`` and ``tone``, scored by the engine as extra criteria with
    their shares of the score (the rubric keeps the rest)."""
    if job is None or (not job.terms and job.tone is None):
        return scorer.score(answer, question, elapsed, only)
    return scorer.score(answer, question, elapsed, only, extra=(JobCriteria(job),))


# -- the session ---------------------------------------------------------------------------
def job_fit_table(results, terms: list[Term]) -> list[dict[str, Any]]:
    """Per term (posting order of specificity): the answers (1-based) whose job_fit criterion
    found it; ``covered_in`` is empty and ``status`` is "not yet covered" when none did."""
    rows = []
    for t in terms:
        rule = f"job_fit.{t.key}"
        where = []
        for i, r in enumerate(results, 1):
            c = r.criterion("job_fit")
            if c is not None and any(e.rule == rule for e in c.evidence):
                where.append(i)
        rows.append({"term": t.text, "kind": t.kind, "weight": t.weight, "covered_in": where,
                     "status": "covered" if where else NOT_COVERED})
    return rows


def posting_covered(results) -> float | None:
    """The share of the posting's terms (0..1) that at least one answer covered: the session's
    ``job_fit`` figure. The mean of the answers' own scores is not that: an answer that uses two
    specific terms scores 100 %, so a summary read "Fits the job posting 100%" over a table of 15
    terms, 12 of them not yet covered. Read from the answers' ``job_fit`` checks (one per term), so
    a stored session gives the same figure. None when no answer was scored on a posting."""
    covered: dict[str, bool] = {}
    for r in results:
        c = r.criterion("job_fit")
        for k in c.checks if c is not None else []:
            covered[k.id] = covered.get(k.id, False) or k.passed
    return sum(covered.values()) / len(covered) if covered else None


def with_posting_covered(session, results) -> None:
    """Make the session's ``job_fit`` row (``feedback.session_summary``) :func:`posting_covered`,
    passed from the criterion's pass mark, as every other row is."""
    share = posting_covered(results)
    row = next((c for c in session.criteria if c["id"] == "job_fit"), None)
    if share is None or row is None:
        return
    marks = [c.threshold for r in results if (c := r.criterion("job_fit")) is not None]
    row["score"] = round(share, 3)
    row["passed"] = share >= marks[0] - 1e-9


def terms_text(terms: list[Term], questions: list[Question], lang: str) -> str:
    from mockint.core.data.strings import tr
    width = max([len(t.text) for t in terms] + [len(tr(lang, "term"))])
    kinds = {t.kind: tr(lang, f"kind.{t.kind}") for t in terms}
    kw = max([len(k) for k in kinds.values()] + [len(tr(lang, "kind")), 14])
    weight, count = tr(lang, "weight"), tr(lang, "count")
    lines = [f"{tr(lang, 'term'):<{width}}  {tr(lang, 'kind'):<{kw}} {weight:>7}  {count:>8}"]
    for t in terms:
        number = f"{t.weight:.2f}" if lang == "en" else f"{t.weight:.2f}".replace(".", ",")
        lines.append(f"{t.text:<{width}}  {kinds[t.kind]:<{kw}} {number:>7}  {len(t.spans):>8}")
    if questions:
        lines += ["", f"{tr(lang, 'job_questions')}:"]
        lines += [f"  {q.id}: {q.text}" for q in questions]
    return "\n".join(lines) + "\n"
