"""Writing the user's own questions: add, remove, export, import; unique ids; atomic writes. A
question's fields read from the options (id words, tags, points, length) are :mod:`mockint.core.bank.fields`.

Each question written here gets its own file, ``<mockint home>/question_bank/<id>.<lang>.yaml``,
in the bank format (``docs/question-bank-format.md``), so that editing or removing one question
never touches another. Files are written atomically (a hidden temporary file in the same folder,
then a rename), never over an existing file unless asked (``force``), and validated before
anything is written: what is written always loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mockint.core.bank import loader, userbank, userfind
from mockint.core.bank.fields import ID_RE, answer_length, follow_up, function_words, parse_point, slug, tags_from
from mockint.core.bank.lint import lint
from mockint.core.bank.userbank import bank_dir, user_questions
from mockint.core.data.errors import DataError, MockintError, did_you_mean
from mockint.core.data.files import write_atomic
from mockint.core.data.staging import write_all
from mockint.core.data.strings import tag_id, tr
from mockint.core.data.validate import Doc
from mockint.core.data.yamlfile import load_yaml_cached, read_data
from mockint.core.questions.bank import DIFFICULTIES, KINDS, TOPICS, Bank, Question, RubricRef, TalkingPoint, parse_bank
from mockint.core.questions.guide import fact_ids
from mockint.core.scoring.text import LANGS

DEFAULT_SECONDS = 120


# -- ids ------------------------------------------------------------------------------------------

def derive_id(text: str, lang: str, taken: set[str], stop: set[str] | None = None) -> str:
    """``slug`` made unique against ``taken`` with -2, -3, ..."""
    base = slug(text, lang, stop)
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    return qid


# -- building a question ----------------------------------------------------------------------------

def new_question(lang: str, text: str, qid: str | None = None, tags: Sequence[str] = (),
                 points: Sequence[str] = (), follow_ups: Sequence[str] = (), seconds: int | None = None,
                 taken: set[str] | None = None) -> Question:
    """A question from ``mockint questions add`` options (checked, not yet written)."""
    if lang not in LANGS:
        raise MockintError(f"--lang: '{lang}' is not a language; languages: {', '.join(LANGS)}")
    text = " ".join(text.split())
    if not text:
        raise MockintError("--text is empty", message_id="author.text_empty")
    stop = function_words(lang)
    if qid is None:
        qid = derive_id(text, lang, taken or set(), stop)
    elif not ID_RE.fullmatch(qid):
        example = slug(qid, lang, set())
        raise MockintError(f"--id: '{qid}' is not a valid id (lowercase letters, digits, '-' or '_', "
                           f"e.g. '{example}')", message_id="author.bad_id", params={"id": qid, "example": example})
    if len(follow_ups) > len(points):
        raise MockintError(f"{len(follow_ups)} --follow-up for {len(points)} --point: each --follow-up "
                           f"goes with the --point in the same position", message_id="author.follow_ups",
                           params={"follow_ups": len(follow_ups), "points": len(points)})
    secs = DEFAULT_SECONDS if seconds is None else seconds
    if not 5 <= secs <= 3600:
        raise MockintError(f"--time: must be from 5 to 3600 seconds, not {secs}",
                           message_id="author.time", params={"seconds": secs})
    lo, hi = answer_length(secs)
    tps: list[TalkingPoint] = []
    pids: set[str] = set()
    for i, value in enumerate(points):
        summary, phrases = parse_point(value, i, lang, stop)
        pid = derive_id(summary, lang, pids, stop)
        pids.add(pid)
        given = follow_ups[i].strip() if i < len(follow_ups) else ""
        follow = given or follow_up(summary, lang)
        tps.append(TalkingPoint(pid, summary, phrases, follow))
    t = tags_from(tags)
    return Question(id=qid, text=text, topic=t["topic"], kind=t["kind"], difficulty=t["difficulty"],
                    guide=[], min_words=lo, max_words=hi, seconds=secs, talking_points=tps, lang=lang,
                    user=True)


def bank_text(lang: str, questions: Sequence[Question]) -> str:
    """A bank file holding ``questions`` (YAML, safe dumper, readable, deterministic)."""
    # deferred: yaml ~9 ms; the TUI's question form imports this module on opening, YAML is written on saving
    import yaml

    doc = {"lang": lang, "version": 1, "questions": [q.to_data() for q in questions]}
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return tr(lang, "bank.file_header") + body


# -- the user's files -------------------------------------------------------------------------------

def user_file(qid: str, lang: str) -> Path:
    return bank_dir() / f"{qid}.{lang}.yaml"


def find_user(qid: str, lang: str | None = None) -> list[tuple[Question, Path]]:
    return [(q, p) for q, p in user_questions(lang) if q.id == qid]


def _builtin_ids(lang: str) -> set[str]:
    return set(loader._builtin_bank(lang).ids())


def taken_ids(lang: str) -> set[str]:
    """Ids a new question must not take silently: built-in and the user's, in ``lang``."""
    return _builtin_ids(lang) | {q.id for q, _ in user_questions(lang)}


def _validate_text(text: str, name: str) -> Bank:
    """The bank we are about to write, loaded back exactly as mockint will load it."""
    return parse_bank(text, name, fact_ids(), rubrics=lambda: rubric_refs(loader.extra_banks()))


def rubric_refs(extra: Sequence[str] = ()) -> dict[str, RubricRef]:
    refs = {}
    for name in userbank.rubric_entries(userbank.sources(extra)[1]):
        try:
            r = loader.rubric_named(name, extra)
        except MockintError:
            continue
        refs[name] = RubricRef.of(name, r)
    return refs


@dataclass
class Written:
    path: Path
    question: Question
    notices: list[str] = field(default_factory=list)


def add(lang: str, text: str, qid: str | None = None, tags: Sequence[str] = (), points: Sequence[str] = (),
        follow_ups: Sequence[str] = (), seconds: int | None = None, force: bool = False) -> Written:
    """``mockint questions add``: one new file. A derived id never takes an existing one; an id
    given with ``--id`` that is built-in makes an override (noticed); one that is already a user
    question in another file is refused."""
    taken = taken_ids(lang) if qid is None else set()
    if qid is None and not force:                 # run twice, it made a duplicate ("...-2")
        same = _same_text(lang, text)
        if same is not None:
            raise MockintError(f"a question with this text already exists: '{same}'; 'mockint questions edit "
                               f"{same}' changes it, --force adds a second one")
    q = new_question(lang, text, qid, tags, points, follow_ups, seconds, taken)
    notices = []
    path = user_file(q.id, lang)
    others = [p for _, p in find_user(q.id, lang) if p.resolve() != path.resolve()]
    if others:
        raise MockintError(f"the question id '{q.id}' is already a user question in {others[0]}; "
                           f"choose another --id, or 'mockint questions edit {q.id}'")
    if q.id in _builtin_ids(lang):
        notices.append(f"the question '{q.id}' replaces the built-in one (remove it to get the built-in one back)")
    text_out = bank_text(lang, [q])
    loaded = _validate_text(text_out, str(path))
    write_new(path, text_out, force)
    return Written(path, loaded.questions[0], notices)


def _same_text(lang: str, text: str) -> str | None:
    """The id of a question (built-in or the user's) whose text is ``text``, case and spacing aside."""
    key = " ".join(text.casefold().split())
    return next((q.id for q in loader.bank(lang).questions if " ".join(q.text.casefold().split()) == key), None)


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write a question file atomically; an existing file is replaced only with ``force``."""
    write_atomic(path, text, replace=force, make_folder=True)


# -- remove -----------------------------------------------------------------------------------------

def _one(qid: str, lang: str | None, verb: str) -> userfind.Found:
    """The user question ``qid`` to edit or remove, also one whose file does not validate (the
    user opens it to fix it); in both languages, ``lang`` must say which."""
    found = userfind.find(qid, lang)
    if not found:
        langs = [lang] if lang else list(LANGS)
        if any(qid in _builtin_ids(lg) for lg in langs):
            if verb == "remove":
                raise MockintError(f"'{qid}' is a built-in question; built-in questions cannot be removed")
            raise MockintError(f"'{qid}' is a built-in question; to change it, add a user question with "
                               f"the same id (it replaces the built-in one): 'mockint questions export "
                               f"--id {qid} -o FILE.yaml', edit FILE.yaml, then 'mockint questions import FILE.yaml'")
        raise MockintError(_not_a_user_question(qid, lang))
    by_lang = {f.lang: f for f in reversed(found)}      # per language: the first found, a loading one
    if len(by_lang) > 1:
        wheres = [f.where() for f in sorted(by_lang.values(), key=lambda f: f.lang or "")]
        raise MockintError(f"'{qid}' is a user question in {' and '.join(wheres)}: say which with --lang")
    return found[0]


def _not_a_user_question(qid: str, lang: str | None) -> str:
    """Why ``qid`` (in ``lang``) is not found, with the user questions there are."""
    elsewhere = sorted({f.where() for f in userfind.find(qid)}) if lang else []
    if elsewhere:
        return f"'{qid}' is a user question in {' and '.join(elsewhere)}, not in {lang}"
    ids = userfind.all_ids(lang)
    if ids:
        return f"no user question '{qid}'{did_you_mean(qid, ids)}; user questions: {', '.join(ids)}"
    if lang and userfind.all_ids():
        return f"no user question '{qid}'; there are no user questions in {lang} yet"
    if userbank.data_files(bank_dir()):
        return f"no user question '{qid}'; no user question file can be read ('mockint validate' lists their problems)"
    return f"no user question '{qid}'; there are no user questions yet"


def find_all_user(lang: str | None = None) -> list[tuple[Question, Path]]:
    return user_questions(lang)


def remove(qid: str, lang: str | None = None) -> tuple[Path, list[str]]:
    """``mockint questions remove``: deletes the file of a user question, also one that does not
    validate. A file holding other questions too is not rewritten (its comments would be lost): the
    user is told to edit it."""
    found = _one(qid, lang, "remove")
    path = found.path
    others = [x for x in found.ids if x != qid]
    if others:
        raise MockintError(f"'{qid}' is one of {len(others) + 1} questions in {path}; remove it there "
                           f"('mockint questions edit {qid}')")
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise MockintError(f"cannot remove {path}: {exc.strerror or exc}") from None
    notes = []
    if found.lang and qid in _builtin_ids(found.lang):
        notes.append(f"the built-in question '{qid}' is used again")
    return path, notes


def edit_path(qid: str, lang: str | None = None) -> Path:
    return _one(qid, lang, "edit").path


# -- export / import --------------------------------------------------------------------------------

def export(lang: str, tag: str | None, out: Path, ids: Sequence[str] = (), force: bool = False) -> int:
    """``mockint questions export``: the merged bank's questions (built-in and user), filtered by
    tag and/or ids, into one bank file."""
    tag = tag_id(tag) if tag else tag           # "grea", "ușoară": as 'mockint questions --tag' takes it
    bank = loader.bank(lang)
    qs = bank.filter(tag)
    if tag and not qs:
        every = sorted(set(TOPICS) | set(KINDS) | set(DIFFICULTIES))
        raise MockintError(f"no question has the tag '{tag}'{did_you_mean(tag, every)}; tags: {', '.join(every)}")
    if ids:
        for qid in ids:
            bank.get(qid)                       # unknown ids: an error with "did you mean"
        qs = [q for q in qs if q.id in ids]
    # -o FILE: its folder must exist; a question file is to share: the usual mode, as report -o
    write_atomic(Path(out), bank_text(lang, qs), replace=force, make_folder=False, shared=True)
    return len(qs)


class ImportProblems(MockintError):
    """An import that was refused: every problem, one line each; nothing was written."""

    def __init__(self, file: str, problems: Sequence[MockintError]):
        self.file, self.problems = file, problems
        n = len(problems)
        super().__init__(f"{file}: {n} problem{'' if n == 1 else 's'}; nothing imported")


@dataclass
class Imported:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def plan_import(path: Path, force: bool = False) -> tuple[list[tuple[Path, str, bool]], Imported]:
    """Validates a bank file for import; (files to write: path, text, replaces?) or ImportProblems."""
    name = str(path)
    text, bank, problems = _read_import(path, name)
    plan, result = _plan_questions(bank, name, text, force, problems)
    if problems:
        problems.sort(key=lambda e: (getattr(e, "line", None) or 0, getattr(e, "col", None) or 0))
        raise ImportProblems(name, problems)
    if bank.replies:
        result.notices.append(f"{name}: its 'replies' are not imported (only questions are); keep them "
                              f"in a bank file of your own in {user_file('x', 'en').parent}")
    return plan, result


def _read_import(path: Path, name: str) -> tuple[str, Bank, list[DataError]]:
    """The file to import, its bank and the problems of its questions; ImportProblems when the
    file itself cannot be read as a bank."""
    if path.is_dir():                          # the wrong argument, not a problem of a bank file
        raise MockintError(f"{name}: is a directory, not a file")
    try:
        text = read_data(path, name)
    except MockintError as exc:
        if "no such file" in str(exc) or "permission denied" in str(exc):
            raise
        raise ImportProblems(name, [exc]) from None
    problems: list[DataError] = []
    try:
        bank = parse_bank(text, name, fact_ids(), rubrics=lambda: rubric_refs(loader.extra_banks()),
                          problems=problems)
    except DataError as exc:
        raise ImportProblems(name, [exc]) from None
    return text, bank, problems


def _plan_questions(bank: Bank, name: str, text: str, force: bool,
                    problems: list[DataError]) -> tuple[list[tuple[Path, str, bool]], Imported]:
    """Each question's file to write (path, text, replaces?); a question already in another user
    file, or in its own without ``force``, is a problem; one already there as it is, unchanged."""
    doc = Doc(name, text)
    raw = load_yaml_cached(text, name)
    index = {q.get("id"): i for i, q in enumerate(raw["questions"]) if isinstance(q, dict)}
    plan: list[tuple[Path, str, bool]] = []
    result = Imported()
    builtin = _builtin_ids(bank.lang)
    user = {q.id: p for q, p in find_all_user(bank.lang)}
    for q in bank.questions:
        target = user_file(q.id, bank.lang)
        out = bank_text(bank.lang, [q])
        where = ("questions", index.get(q.id, 0), "id")
        elsewhere = user.get(q.id)
        if elsewhere is not None and elsewhere.resolve() != target.resolve():
            problems.append(doc.error(where, f"'{q.id}' is already a user question in {elsewhere}"))
            continue
        if target.exists():
            try:
                same = target.read_text(encoding="utf-8") == out
            except OSError:
                same = False
            if same:
                result.unchanged.append(target)
                continue
            if not force:
                problems.append(doc.error(where, f"'{q.id}' is already a user question ({target}); "
                                          f"--force replaces it"))
                continue
            plan.append((target, out, True))
        else:
            plan.append((target, out, False))
        if q.id in builtin:
            result.notices.append(f"the question '{q.id}' replaces the built-in one")
    return plan, result


def import_file(path: Path | str, force: bool = False) -> Imported:
    """``mockint questions import``: all or nothing. Every question is validated (format, guide
    facts, rubric names, criteria) and checked against the user's questions before anything is
    written; then all files are written through a staging folder (:mod:`mockint.core.data.staging`),
    so that even a process killed midway leaves all of them or none."""
    plan, result = plan_import(Path(path), force)
    if plan:
        write_all(bank_dir(), [(target.name, text) for target, text, _ in plan])
        result.written.extend(target for target, _, _ in plan)
    return result


def validate_file(path: Path) -> list[MockintError]:
    """Problems of one user bank file, as mockint will load it (for ``questions edit``)."""
    return lint([path]).problems
