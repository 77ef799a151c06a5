"""No terminal escapes from stored, imported or typed text (issue 16)."""

from __future__ import annotations

from mockint.core.data.safe import printable
from mockint.tui.widgets.chat import ChatMessage
from mockint.tui.widgets.highlighted import highlighted

TITLE = "x\x1b]0;pwned\x07y"


def test_control_characters_become_one_visible_sign_each():
    assert printable(TITLE) == "x\u241b]0;pwned\u2407y"
    assert len(printable(TITLE)) == len(TITLE)                    # offsets into the text are kept
    assert printable("a\nb\tc") == "a\nb\tc" and printable("a\nb", keep="") == "a\u240ab"
    assert printable("\u202eevil\x9b") == "\ufffdevil\ufffd"      # bidi override, C1 CSI
    assert printable("plain text, ăîșț") == "plain text, ăîșț"


def test_the_chat_and_the_highlighted_answer_show_no_escape():
    message = ChatMessage("You", TITLE, "candidate")
    shown = message.content.plain if hasattr(message.content, "plain") else str(message.content)
    assert "\x1b" not in shown and "\x07" not in shown and "pwned" in shown
    assert "\x1b" not in highlighted(TITLE, []).plain


def test_an_error_message_shows_no_escape(tmp_path):
    from conftest import run_main

    bad = tmp_path / f"evil{TITLE}.yaml"
    p = run_main("score", "--question", "why-sales", str(bad))
    assert p.returncode == 2 and "\x1b" not in p.stderr and "\x07" not in p.stderr and "\u241b" in p.stderr


def test_validate_reports_control_characters_in_a_bank(tmp_path):
    """Issue 16: a question text holding ESC ]0;...BEL passed 'validate'."""
    from tests.conftest import run_main

    p = run_main("questions", "export", "--id", "why-sales", "-o", str(tmp_path / "q.yaml"))
    assert p.returncode == 0
    f = tmp_path / "q.yaml"
    f.write_text(f.read_text().replace("- id: why-sales", "- id: ctl-q").replace(
        "text: Why did you choose a career in sales?", 'text: "Why did you \\u001b]0;pwned\\u0007 choose sales?"'))
    p = run_main("validate", str(f))
    assert p.returncode == 1 and p.stdout == (
        f"{f}:6:3: questions[0].text: holds the control character U+001B (a terminal escape or a bidi "
        f"override); remove it\n")
