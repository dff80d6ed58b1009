"""An edited letter template with a typo gives a clear error naming the file."""

from __future__ import annotations

import shutil

import pytest

from afterword import paths
from afterword.core import letters
from afterword.core.domain import Interview
from afterword.core.errors import AfterwordError
from afterword.core.letters import LetterChoice, TemplateBroken, compose_follow_up


@pytest.fixture
def templates(tmp_path, monkeypatch):
    """A private copy of the bundled templates, to edit."""
    root = tmp_path / "resources"
    shutil.copytree(paths.resource("templates"), root / "templates")
    monkeypatch.setattr(letters, "resource", lambda *parts: root.joinpath(*parts))
    return root / "templates" / "follow_up"


@pytest.mark.parametrize("typo, expected", [
    ("Dear $recipent,", r"unknown placeholder \$recipent"),
    ("Dear ${recipient,", "a \\$ that starts no placeholder"),
    ("It costs $ 5.", "a \\$ that starts no placeholder"),
])
def test_a_typo_in_the_letter_template_names_the_file(demo_store, templates, typo, expected):
    letter = templates / "letter.txt"
    letter.write_text(letter.read_text(encoding="utf-8").replace("Dear $recipient,", typo),
                      encoding="utf-8")
    interview = demo_store.select(Interview)[0]
    with pytest.raises(TemplateBroken, match=expected) as caught:
        compose_follow_up(demo_store, interview, LetterChoice())
    assert isinstance(caught.value, AfterwordError)
    assert str(letter) in str(caught.value) and "\n" not in str(caught.value)


def test_a_typo_in_a_part_template_names_that_file(demo_store, templates):
    part = templates / "better_answer.txt"
    part.write_text("About $questoin: $better_answer\n", encoding="utf-8")
    interview = next(i for i in demo_store.select(Interview) if i.questions)
    with pytest.raises(TemplateBroken, match="better_answer.txt.*questoin"):
        compose_follow_up(demo_store, interview, LetterChoice(question_index=0))


def test_the_bundled_templates_fill_in(demo_store, templates):
    interview = next(i for i in demo_store.select(Interview) if i.questions)
    text = compose_follow_up(demo_store, interview, LetterChoice(question_index=0))
    assert "$" not in text
