"""The job-posting commands: ``mockint job-spec FILE`` (show the extracted terms and the questions
built from them) and the ``--job-spec``, ``--tone``, ``--drop-term`` options of ``grade``.

Wired into ``mockint.cli`` like ``cli_questions``: ``add_parsers(sub)``, ``add_grade_options(g)``,
``HANDLERS``. The work is done in ``mockint.core.jobspec``.
"""

from __future__ import annotations

LANGS = ("en", "ro")
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
    from mockint.core import jobspec

    path = getattr(args, "job_spec", None)
    tone = getattr(args, "tone", None)
    if path is None and tone is None:
        return None
    text = jobspec.read_posting(path) if path is not None else None
    return jobspec.job_context(lang, text, tone, getattr(args, "drop_terms", None), source=str(path))


def cmd_job_spec(args) -> str:
    from mockint.cli import default_lang
    from mockint.core import jobspec
    from mockint.core.report import to_json

    lang = args.lang or default_lang()
    job = jobspec.job_context(lang, jobspec.read_posting(args.file), None, args.drop_terms, source=args.file)
    questions = jobspec.job_questions(job.terms, lang)
    if args.format == "json":
        return to_json({"lang": lang, "terms": [t.to_dict() for t in job.all_terms],
                        "questions": [{"id": q.id, "text": q.text, "term": q.terms[0]} for q in questions]})
    return jobspec.terms_text(job.all_terms, questions, lang)


HANDLERS = {"job-spec": cmd_job_spec}
