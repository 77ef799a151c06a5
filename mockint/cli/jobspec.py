"""The job-posting commands: ``mockint job-spec FILE`` (show the extracted terms and the questions
built from them) and the ``--job-spec``, ``--tone``, ``--drop-term`` options of ``grade``.

Wired into ``mockint.cli`` like ``cli_questions``: ``add_parsers(sub)``, ``add_grade_options(g)``,
``HANDLERS``. The work is done in ``mockint.core.jobspec``, imported by the functions that use it
(``# deferred``): every command loads this module (``mockint.cli.main``), and ``jobspec`` costs
~16 ms on a cold ``mockint history`` (benchmarks/run.py, ~49 ms in all), ~2 ms on ``score``;
``feedback`` ~1.2 ms on ``history`` (``python -X importtime`` and wall clock).
"""

from __future__ import annotations

from mockint.cli.common import default_lang
from mockint.core.data.errors import MockintError, did_you_mean
from mockint.core.data.langs import LANGS

TONES = ("formal", "casual")


def add_parsers(sub) -> None:
    j = sub.add_parser("job-spec", help="show a job posting's key terms and the questions built from them",
                       description="Read a job posting (plain text or Markdown) and list its key terms "
                       "(skills, tools, industries, responsibilities, figures) with their kind and weight "
                       "(how specific they are), and the extra questions built from them. --drop-term "
                       "removes a term; use the same --drop-term with 'grade --job-spec'.")
    j.add_argument("file", metavar="FILE", help="the job posting (text or Markdown, English or Romanian)")
    j.add_argument("--lang", choices=LANGS, help="language of the posting (default: from the locale, else en)")
    j.add_argument("--format", choices=("text", "json"), default="text")
    j.add_argument("--drop-term", metavar="TERM", action="append", default=None, dest="drop_terms",
                   help="leave this term out (repeatable)")


def add_grade_options(g) -> None:
    g.add_argument("--job-spec", metavar="FILE", dest="job_spec",
                   help="a job posting: adds the job_fit criterion and the job-fit table")
    g.add_argument("--tone", choices=TONES, help="the company's tone: adds the tone criterion")
    g.add_argument("--drop-term", metavar="TERM", action="append", default=None, dest="drop_terms",
                   help="leave this posting term out (repeatable)")


def job_context_for(args, lang: str):
    """The JobContext of ``grade``'s options, or None when none is given."""
    from mockint.core import jobspec  # deferred: see the module docstring

    path = getattr(args, "job_spec", None)
    tone = getattr(args, "tone", None)
    drops = getattr(args, "drop_terms", None)
    if path is None and drops:
        raise MockintError(f"--drop-term {drops[0]}: leaves a term of a job posting out; give the posting "
                           f"with --job-spec FILE")
    if path is None and tone is None:
        return None
    text = jobspec.read_posting(path) if path is not None else None
    if text is not None:
        check_drops(lang, text, drops, str(path))
    return jobspec.job_context(lang, text, tone, drops, source=str(path))


def check_drops(lang: str, text: str, drops: list[str] | None, source: str) -> None:
    """Each ``--drop-term`` must name a term of the posting: a typo would silently keep it."""
    if not drops:
        return
    from mockint.core import jobspec  # deferred: see the module docstring

    terms = jobspec.extract_terms(text, lang)
    for d in drops:
        if len(jobspec.drop_terms(terms, [d])) == len(terms):
            names = [t.text for t in terms]
            hint = did_you_mean(d, names) or did_you_mean(d.lower(), {n.lower(): n for n in names})
            raise MockintError(f"--drop-term {d}: not a term of {source}{hint}; 'mockint job-spec "
                               f"{source}' lists its terms")


def cmd_job_spec(args) -> str:
    from mockint.core import jobspec  # deferred: see the module docstring
    from mockint.core.scoring.feedback import to_json  # deferred: see the module docstring

    lang = args.lang or default_lang()
    text = jobspec.read_posting(args.file)
    check_drops(lang, text, args.drop_terms, args.file)
    job = jobspec.job_context(lang, text, None, args.drop_terms, source=args.file)
    questions = jobspec.job_questions(job.terms, lang)
    if args.format == "json":
        return to_json({"lang": lang, "terms": [t.to_dict() for t in job.all_terms],
                        "questions": [{"id": q.id, "text": q.text, "term": q.terms[0]} for q in questions]})
    return jobspec.terms_text(job.all_terms, questions, lang)


HANDLERS = {"job-spec": cmd_job_spec}
