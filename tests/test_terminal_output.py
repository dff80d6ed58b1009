"""Every line the command line prints shows control characters escaped: file names,
stored names, a server's card names, reasons that quote them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from afterword.cli import main
from afterword.core.demo import fill_demo
from afterword.core.store import Store
from afterword.core.terminal import printable_json
from conftest import DEMO_TODAY

PACKAGE = Path(__file__).parents[1] / "desktop" / "afterword"
SAFE_CALLS = {"printable", "printable_json"}
UNSAFE_IN_JSON = "\x85\x9b\u2028\u202e\u2066\ufeff"


def _safe(node: ast.expr) -> bool:
    """Printed as it is: a literal, or text that went through printable()."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in SAFE_CALLS:
        return True
    return isinstance(node, ast.BinOp) and _safe(node.left) and _safe(node.right)


def _to_terminal(func: ast.expr) -> bool:
    """print(), getpass's prompt, sys.stdout.write() / sys.stderr.write()."""
    if isinstance(func, ast.Name):
        return func.id == "print"
    if isinstance(func, ast.Attribute):
        stream = getattr(func.value, "attr", None)
        return func.attr == "getpass" or (func.attr == "write" and stream in {"stdout", "stderr"})
    return False


def _unescaped_output(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        if _to_terminal(node.func) and not all(_safe(a) for a in node.args):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_every_command_line_module_prints_through_printable():
    modules = sorted(PACKAGE.glob("cli*.py"))
    assert {"cli.py", "cli_contacts.py"} <= {m.name for m in modules}
    assert [line for m in modules for line in _unescaped_output(m)] == []


def test_the_check_finds_a_raw_line(tmp_path):
    raw = tmp_path / "cli_raw.py"
    raw.write_text('print(f"{label}: done")\nprint(printable(f"{label}: done"))\n'
                   'print("\\r" + printable(label), end="")\nsys.stderr.write(label)\n'
                   'handle.write(label)\n')
    assert _unescaped_output(raw) == ["cli_raw.py:1: print(f'{label}: done')",
                                      "cli_raw.py:4: sys.stderr.write(label)"]


def test_due_json_is_the_same_value_with_nothing_a_terminal_obeys(tmp_path, capsys):
    path = tmp_path / "j.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    name = f"Zoë\x1b[2J{UNSAFE_IN_JSON}Ng"
    uid = store.db.execute("SELECT contact_uid FROM thank_you_notes WHERE status = 'to_write'"
                           ).fetchone()[0]
    store.db.execute("UPDATE contacts SET name = ? WHERE uid = ?", [name, uid])
    store.db.conn.commit()
    store.close()
    assert main(["due", "--db", str(path), "--on", DEMO_TODAY.isoformat(), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b" + UNSAFE_IN_JSON)
    assert "Zoë" in out  # still readable
    assert name in {r["contact_name"] for r in json.loads(out)}


def test_printable_json_keeps_the_value():
    value = {"name": f"a{UNSAFE_IN_JSON}\ud800\nb", "list": ["x\u202ey"]}
    text = printable_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(text) == value and text.count("\n") == json.dumps(value, indent=2).count("\n")
